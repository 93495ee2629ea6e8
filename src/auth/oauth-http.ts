import type { Dispatcher } from 'undici';
import { createHardenedAgent } from '../http/hardened-agent.js';
import type { TransportOptions } from '../http/transport.js';
import { assertSecureUrl } from '../http/url-policy.js';

/** A fetch-compatible function. */
export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * How OAuth calls reach token endpoints: the same hardened policy as the API transport (HTTPS only, TLS ≥ 1.2,
 * certificate checks that process settings cannot weaken; plain http to loopback only when opted in).
 */
export interface OAuthHttp {
  /** Sends one request under the policy; refuses any other URL before a byte leaves. */
  readonly fetch: FetchFunction;
  /** Whether plain http to loopback is allowed (tests, local simulators). */
  readonly allowInsecureLoopback: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Builds the {@link OAuthHttp} for a ledger's transport options. `globalThis.fetch` is looked up per call so
 * request interceptors installed by tests (msw) see token traffic too.
 */
export function createOAuthHttp(options: TransportOptions = {}): OAuthHttp {
  let dispatcher: Dispatcher | undefined;
  const allowInsecureLoopback = options.allowInsecureLoopback ?? false;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    allowInsecureLoopback,
    async fetch(input, init = {}) {
      assertSecureUrl(new URL(String(input)), allowInsecureLoopback);
      // Created on first use: a ledger whose providers never refresh needs no second connection pool.
      dispatcher ??= createHardenedAgent(options.tls);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      // Token endpoints never legitimately redirect; following one could send credentials elsewhere.
      return globalThis.fetch(input, {
        ...init,
        signal,
        redirect: 'manual',
        dispatcher,
      } as unknown as RequestInit);
    },
  };
}

/** What one OAuth exchange got as far as, so a failure can say whether the server may have acted on it. */
export interface ExchangeTrace {
  /** A request was handed to the network. */
  sent: boolean;
  /** The status of the last response received. */
  status: number | undefined;
}

/** Wraps `http.fetch` to fill an {@link ExchangeTrace}. */
export function tracedFetch(http: OAuthHttp, trace: ExchangeTrace): FetchFunction {
  return async (input, init) => {
    trace.sent = true;
    trace.status = undefined;
    const response = await http.fetch(input, init);
    trace.status = response.status;
    return response;
  };
}
