import { Agent } from 'undici';

/** TLS settings a host may add; nothing here can lower the floor. */
export interface TlsOptions {
  /** Extra trusted CA certificates in PEM (for example a corporate TLS-inspecting proxy). */
  readonly ca?: string | readonly string[] | undefined;
}

/**
 * An undici dispatcher that always verifies certificates and refuses anything below TLS 1.2. The options
 * are explicit, so process-wide settings such as `NODE_TLS_REJECT_UNAUTHORIZED=0` or a lowered
 * `tls.DEFAULT_MIN_VERSION` cannot weaken them.
 */
export function createHardenedAgent(options: TlsOptions = {}): Agent {
  return new Agent({
    connect: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ...(options.ca === undefined
        ? {}
        : { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] }),
    },
    // Keep-alive is where the per-call overhead goes; undici's defaults pool sockets per origin.
    keepAliveTimeout: 10_000,
  });
}
