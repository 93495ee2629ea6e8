import type { RateLimitInfo } from '../../src/http/rate-limit-info.js';
import type { HttpResponse } from '../../src/http/transport.js';

/**
 * QuickBooks sends no rate-limit headers on success; its limits (500 requests a minute and 10 a second per
 * realm) are known, and a 429 is parsed with the error. Standard IETF fields are read if a gateway adds them.
 */
export function parseQuickBooksRateLimit(response: HttpResponse): RateLimitInfo | undefined {
  const limit = integerHeader(response, 'ratelimit-limit');
  const remaining = integerHeader(response, 'ratelimit-remaining');
  const reset = integerHeader(response, 'ratelimit-reset');
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  return { limit, remaining, resetSeconds: reset, scope: 'minute', policy: 'quickbooks-realm' };
}

function integerHeader(response: HttpResponse, name: string): number | undefined {
  const value = response.headers.get(name);
  return value !== null && /^\d{1,9}$/.test(value.trim()) ? Number(value) : undefined;
}
