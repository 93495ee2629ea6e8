import { createHash } from 'node:crypto';
import type { ProviderDefinition, RequestSpec } from '../../src/engine/definition.js';
import { parseXeroError } from './errors.js';
import type { XeroMappingContext } from './mappings/shared.js';
import { parseXeroRateLimit, parseXeroRateLimitBudgets, XERO_LIMITS } from './rate-limit.js';
import { createXeroResources } from './resources.js';

/** Path of the Accounting API under the API root. */
export const XERO_ACCOUNTING_PATH = '/api.xro/2.0';

/** Xero accepts at most 128 characters in `Idempotency-Key`. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/** Settings that shape the Xero definition. */
export interface XeroDefinitionOptions extends XeroMappingContext {
  /** API host root, for example `https://api.xero.com`. */
  readonly apiRoot: string;
}

/**
 * The `Idempotency-Key` Xero receives: the executor's key as is, or, for a caller key Xero would refuse
 * (longer than 128 characters, or not visible ASCII), a stable 43-character hash of it.
 */
export function toIdempotencyKey(key: string): string {
  return key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key)
    ? key
    : createHash('sha256').update(key).digest('base64url');
}

/** Builds the Xero Accounting API provider definition. */
export function createXeroDefinition(options: XeroDefinitionOptions): ProviderDefinition {
  const apiRoot = options.apiRoot.replace(/\/+$/, '');
  return {
    name: 'xero',
    baseUrl: () => `${apiRoot}${XERO_ACCOUNTING_PATH}`,
    authorize(headers, accessToken, target) {
      headers.authorization = `Bearer ${accessToken}`;
      headers['xero-tenant-id'] = target.providerTenantId;
    },
    // PUT and POST carry the key; a DELETE is idempotent by itself and Xero takes no key on it.
    applyIdempotencyKey: (request: RequestSpec, key: string): RequestSpec =>
      request.method === 'DELETE'
        ? request
        : { ...request, headers: { ...request.headers, 'Idempotency-Key': toIdempotencyKey(key) } },
    parseError: parseXeroError,
    parseRateLimit: (response) => parseXeroRateLimit(response),
    parseRateLimitBudgets: (response) => parseXeroRateLimitBudgets(response),
    requestId: (response) => response.headers.get('xero-correlation-id') ?? undefined,
    // Per tenant: 60 a minute and 5 at once. The 5,000 a day is left to Xero's X-DayLimit-Remaining header
    // (reported on every call) and a day-limit 429's Retry-After: a client-side day window would have to
    // guess when Xero's day began.
    rateLimits: {
      windows: [{ limit: XERO_LIMITS.tenantPerMinute, windowMs: 60_000 }],
      concurrency: XERO_LIMITS.tenantConcurrent,
    },
    appRateLimits: { windows: [{ limit: XERO_LIMITS.appPerMinute, windowMs: 60_000 }] },
    resources: createXeroResources({ baseCurrency: options.baseCurrency }),
  };
}
