/**
 * Intuit's OAuth 2.0 for QuickBooks Online: authorization code (with PKCE and state), refresh, revoke.
 * Access tokens last 1 hour; refresh tokens 100 days, rolling, and Intuit may hand back a new one on any
 * refresh (always store what the last refresh returned). The company's realm id arrives on the callback
 * query and becomes the vault record's `providerTenantId`.
 */
import type {
  OAuthClientCredentials,
  OAuthProviderConfig,
  TenantResolutionContext,
} from '../../src/auth/oauth-config.js';
import { createOAuthFlows, type OAuthFlows } from '../../src/auth/oauth-flows.js';
import type { OAuthHttp } from '../../src/auth/oauth-http.js';

/** Intuit's OAuth endpoints (the same for sandbox and production companies). */
export const QUICKBOOKS_OAUTH_ENDPOINTS = {
  issuer: 'https://oauth.platform.intuit.com/op/v1',
  authorizationEndpoint: 'https://appcenter.intuit.com/connect/oauth2',
  tokenEndpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revocationEndpoint: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
} as const;

/** The scope for the Accounting API. */
export const QUICKBOOKS_ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/** Endpoint overrides, for a simulator on loopback. */
export type QuickBooksOAuthEndpoints = Partial<
  Pick<OAuthProviderConfig, 'issuer' | 'authorizationEndpoint' | 'tokenEndpoint' | 'revocationEndpoint'>
>;

/** The QuickBooks {@link OAuthProviderConfig}. */
export function quickbooksOAuthConfig(endpoints: QuickBooksOAuthEndpoints = {}): OAuthProviderConfig {
  return {
    provider: 'quickbooks',
    ...QUICKBOOKS_OAUTH_ENDPOINTS,
    ...endpoints,
    scopes: [QUICKBOOKS_ACCOUNTING_SCOPE],
    clientAuthentication: 'client_secret_basic',
    refreshTokenRotation: 'sometimes',
    refreshTokenExpiresInParameter: 'x_refresh_token_expires_in',
    refreshTokenLifetimeSeconds: 100 * 24 * 3600,
    revocationBodyFormat: 'json',
    resolveProviderTenant: (context: TenantResolutionContext) =>
      context.callbackParameters.get('realmId') ?? undefined,
  };
}

/** Options for {@link quickbooksOAuth}. */
export interface QuickBooksOAuthOptions {
  /** From the Intuit developer portal (Keys & credentials). */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly endpoints?: QuickBooksOAuthEndpoints | undefined;
  /** Default: HTTPS only under the hardened TLS policy. */
  readonly http?: OAuthHttp | undefined;
}

/**
 * The QuickBooks OAuth flows for your Intuit app: connect a company, refresh, revoke.
 *
 * @example
 * ```ts
 * const intuit = quickbooksOAuth({ clientId, clientSecret });
 * const request = await intuit.authorizationRequest({ redirectUri: 'https://app.example/callback/qbo' });
 * // redirect to request.url; on the callback:
 * const tokens = await intuit.exchangeCode({ callback: callbackUrl, expectedState, codeVerifier, redirectUri });
 * await storeGrant(vault, { tenantId: 'clinic-42', connectionId: 'qbo-main' }, tokens); // realm id included
 * ```
 */
export function quickbooksOAuth(options: QuickBooksOAuthOptions): OAuthFlows {
  const client: OAuthClientCredentials = { clientId: options.clientId, clientSecret: options.clientSecret };
  return createOAuthFlows(quickbooksOAuthConfig(options.endpoints), client, { http: options.http });
}
