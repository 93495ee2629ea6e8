import { RateLimitError } from '../../src/http/errors.js';
import { parseRetryAfter, retryAtFrom } from '../../src/http/retry-after.js';
import type { HttpResponse } from '../../src/http/transport.js';

/** Error codes NetSuite uses when an account's concurrent-request limit is exhausted. */
const CONCURRENCY_CODES = new Set([
  'CONCURRENCY_LIMIT_EXCEEDED',
  'SSS_REQUEST_LIMIT_EXCEEDED',
  'WS_CONCUR_SESSION_DISALLOWED',
]);

/** With no Retry-After, a concurrency rejection clears as soon as another request finishes. */
const CONCURRENCY_RETRY_SECONDS = 1;

/**
 * Recognises NetSuite's concurrency rejections: a 429, or an RFC 7807 body whose `o:errorDetails` carry
 * one of the concurrency error codes (RESTlets answer 400 with `SSS_REQUEST_LIMIT_EXCEEDED`). NetSuite's
 * limit is account-wide concurrency, not a request rate, so the scope is `concurrency`. Only the code is
 * read; the detail text is not.
 */
export function parseNetSuiteThrottle(response: HttpResponse): RateLimitError | undefined {
  const code = errorCode(response.text);
  if (response.status !== 429 && !(code !== undefined && CONCURRENCY_CODES.has(code))) return undefined;
  const seconds = parseRetryAfter(response.headers.get('retry-after')) ?? CONCURRENCY_RETRY_SECONDS;
  return new RateLimitError({
    httpStatus: response.status,
    providerCode: code,
    retryAt: retryAtFrom(seconds),
    rateLimit: {
      remaining: 0,
      resetSeconds: seconds,
      scope: 'concurrency',
      policy: 'netsuite-account-concurrency',
    },
  });
}

function errorCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { 'o:errorDetails'?: { 'o:errorCode'?: unknown }[] };
    const code = body['o:errorDetails']?.[0]?.['o:errorCode'];
    return typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}
