import { createHash } from 'node:crypto';
import type { ProviderDefinition, RequestSpec } from '../../src/engine/definition.js';
import { parseQuickBooksError } from './errors.js';
import { parseQuickBooksRateLimit } from './rate-limit.js';
import { quickBooksResources } from './resources.js';

/** The API minor version this adapter's mappings are written against. */
export const QUICKBOOKS_MINOR_VERSION = '75';

/** QuickBooks accepts at most 50 characters in `requestid`. */
const MAX_REQUEST_ID_LENGTH = 50;

/** Settings that shape the QuickBooks definition. */
export interface QuickBooksDefinitionOptions {
  /** API host root, for example `https://quickbooks.api.intuit.com`. */
  readonly apiRoot: string;
}

/**
 * `requestid` carries the executor's idempotency key: QuickBooks replays the first response for a repeated
 * id. A caller key longer than QuickBooks allows is hashed down to a stable 43-character id.
 */
export function toRequestId(key: string): string {
  return key.length <= MAX_REQUEST_ID_LENGTH && /^[A-Za-z0-9_-]+$/.test(key)
    ? key
    : createHash('sha256').update(key).digest('base64url');
}

/** Builds the QuickBooks Online provider definition. */
export function createQuickBooksDefinition(options: QuickBooksDefinitionOptions): ProviderDefinition {
  const apiRoot = options.apiRoot.replace(/\/+$/, '');
  return {
    name: 'quickbooks',
    baseUrl: ({ providerTenantId }) => `${apiRoot}/v3/company/${encodeURIComponent(providerTenantId)}`,
    defaultQuery: { minorversion: QUICKBOOKS_MINOR_VERSION },
    applyIdempotencyKey: (request: RequestSpec, key: string): RequestSpec => ({
      ...request,
      query: { ...request.query, requestid: toRequestId(key) },
    }),
    parseError: parseQuickBooksError,
    parseRateLimit: parseQuickBooksRateLimit,
    requestId: (response) => response.headers.get('intuit_tid') ?? undefined,
    // Intuit's documented per-realm limits: 500 requests a minute, 10 a second, 10 concurrent.
    rateLimits: {
      windows: [
        { limit: 10, windowMs: 1_000 },
        { limit: 500, windowMs: 60_000 },
      ],
      concurrency: 10,
    },
    resources: quickBooksResources,
  };
}
