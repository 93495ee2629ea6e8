import { ConfigurationError } from './errors.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Refuses any URL that is not HTTPS, except plain HTTP to a loopback address when the caller opted in
 * (tests and local simulators). Checked on every request, so a provider definition or override cannot
 * downgrade transport security.
 */
export function assertSecureUrl(url: URL, allowInsecureLoopback: boolean): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && allowInsecureLoopback && LOOPBACK_HOSTS.has(url.hostname)) return;
  throw new ConfigurationError({ issues: [{ path: 'url', code: 'insecure_transport' }] });
}
