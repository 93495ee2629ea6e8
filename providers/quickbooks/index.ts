import { createOAuthRefresher } from '../../src/auth/oauth-refresh.js';
import type { LedgerProvider } from '../../src/engine/provider.js';
import { ConfigurationError } from '../../src/http/errors.js';
import { type QuickBooksOAuthEndpoints, quickbooksOAuthConfig } from './auth.js';
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
  /**
   * Your Intuit app's OAuth client id. With `clientSecret`, connections refresh their access tokens before
   * they expire (single-flight, locked, stored by compare-and-swap); without, the vault's token is used as
   * is.
   */
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  /** Intuit OAuth endpoint overrides, for a simulator on loopback. */
  readonly oauthEndpoints?: QuickBooksOAuthEndpoints | undefined;
  /** Refresh this long before the access token expires. Default 5 minutes. */
  readonly refreshMarginMs?: number | undefined;
}

/**
 * The QuickBooks Online provider, for `ledger.connect({ provider: quickbooks() , … })`. The connection's
 * vault record carries the realm id as `providerTenantId`.
 *
 * @example
 * ```ts
 * import { quickbooks } from 'ledgerbridge/quickbooks';
 * const provider = quickbooks({ environment: 'sandbox', clientId, clientSecret }); // refreshes tokens
 * const books = await ledger.connect({ provider, tenantId, connectionId });
 * ```
 */
export function quickbooks(options: QuickBooksOptions = {}): LedgerProvider {
  const apiRoot = options.apiRoot ?? QUICKBOOKS_API_ROOTS[options.environment ?? 'production'];
  const definition = createQuickBooksDefinition({ apiRoot });
  const { clientId, clientSecret } = options;
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    const path = clientId ? 'clientSecret' : 'clientId';
    throw new ConfigurationError({
      provider: 'quickbooks',
      operation: 'quickbooks',
      issues: [{ path, code: 'required' }],
    });
  }
  const oauthConfig = quickbooksOAuthConfig(options.oauthEndpoints);
  return {
    name: 'quickbooks',
    definition: options.rateLimits === false ? { ...definition, rateLimits: undefined } : definition,
    ...(clientId && clientSecret
      ? {
          auth: {
            createRefresher: (http) => createOAuthRefresher(oauthConfig, { clientId, clientSecret }, http),
            refreshMarginMs: options.refreshMarginMs,
          },
        }
      : {}),
  };
}

export {
  QUICKBOOKS_ACCOUNTING_SCOPE,
  QUICKBOOKS_OAUTH_ENDPOINTS,
  type QuickBooksOAuthEndpoints,
  type QuickBooksOAuthOptions,
  quickbooksOAuth,
  quickbooksOAuthConfig,
} from './auth.js';
export { QUICKBOOKS_MINOR_VERSION, toRequestId } from './definition.js';
