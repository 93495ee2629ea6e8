import type { LedgerProvider } from '../../src/engine/provider.js';
import { createQuickBooksDefinition } from './definition.js';

/** Intuit's API hosts. */
export const QUICKBOOKS_API_ROOTS = {
  production: 'https://quickbooks.api.intuit.com',
  sandbox: 'https://sandbox-quickbooks.api.intuit.com',
} as const;

/** Options for {@link quickbooks}. */
export interface QuickBooksOptions {
  /** Which Intuit environment to call. Default `production`. */
  readonly environment?: keyof typeof QUICKBOOKS_API_ROOTS | undefined;
  /**
   * Overrides the API root, for example a loopback simulator (`http://127.0.0.1:8080`, which also needs
   * the ledger's `transport.allowInsecureLoopback`).
   */
  readonly apiRoot?: string | undefined;
  /**
   * Set `false` to turn off the client-side limiter (Intuit's 500/min, 10/s and 10 concurrent per realm),
   * for example against a simulator with throttling off. Leave it on against Intuit.
   */
  readonly rateLimits?: false | undefined;
}

/**
 * The QuickBooks Online provider, for `ledger.connect({ provider: quickbooks() , … })`. The connection's
 * vault record carries the realm id as `providerTenantId`.
 *
 * @example
 * ```ts
 * import { quickbooks } from 'ledgerbridge/quickbooks';
 * const books = await ledger.connect({ provider: quickbooks({ environment: 'sandbox' }), tenantId, connectionId });
 * ```
 */
export function quickbooks(options: QuickBooksOptions = {}): LedgerProvider {
  const apiRoot = options.apiRoot ?? QUICKBOOKS_API_ROOTS[options.environment ?? 'production'];
  const definition = createQuickBooksDefinition({ apiRoot });
  return {
    name: 'quickbooks',
    definition: options.rateLimits === false ? { ...definition, rateLimits: undefined } : definition,
  };
}

export { QUICKBOOKS_MINOR_VERSION, toRequestId } from './definition.js';
