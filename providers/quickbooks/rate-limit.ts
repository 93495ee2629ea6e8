import { parseIetfRateLimit } from '../../src/http/ietf-rate-limit.js';
import type { RateLimitInfo } from '../../src/http/rate-limit-info.js';
import type { HttpResponse } from '../../src/http/transport.js';

/**
 * QuickBooks sends no rate-limit headers on success; its limits (500 requests a minute and 10 a second per
 * realm) are known and enforced by the client-side limiter, and a 429 is parsed with the error. The IETF
 * fields are read if a gateway in front of Intuit adds them.
 */
export function parseQuickBooksRateLimit(response: HttpResponse): RateLimitInfo | undefined {
  const info = parseIetfRateLimit(response.headers);
  return info === undefined ? undefined : { scope: 'minute', policy: 'quickbooks-realm', ...info };
}
