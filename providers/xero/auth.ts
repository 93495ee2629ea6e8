/**
 * Xero's OAuth 2.0 (Xero Identity): authorization code with PKCE and state, refresh, revoke. Access tokens
 * last 30 minutes; refresh tokens 60 days and rotate on every refresh, so the token a refresh returns must be
 * stored before the old one is presented again. The token response names no organisation: the tenant comes
 * from `GET /connections` once the code is exchanged.
 */
import type {
  OAuthClientCredentials,
  OAuthProviderConfig,
  TenantResolutionContext,
} from '../../src/auth/oauth-config.js';
import { createOAuthFlows, type OAuthFlows } from '../../src/auth/oauth-flows.js';
import type { OAuthHttp } from '../../src/auth/oauth-http.js';
import { parseXeroConnections } from './tenants.js';

/** Xero Identity's endpoints, and the host of `GET /connections`. */
export const XERO_OAUTH_ENDPOINTS = {
  issuer: 'https://identity.xero.com',
  authorizationEndpoint: 'https://login.xero.com/identity/connect/authorize',
  tokenEndpoint: 'https://identity.xero.com/connect/token',
  revocationEndpoint: 'https://identity.xero.com/connect/revocation',
  connectionsRoot: 'https://api.xero.com',
} as const;

/**
 * The scopes the unified resources need, as Xero's granular scopes (required for apps created from
 * 2 March 2026): invoices (with credit notes and items), payments, bank transactions, manual journals,
 * contacts, settings (accounts, tax rates, organisation) and attachments, plus `offline_access` for a
 * refresh token. Ask for the `.read` variants instead for a read-only connection.
 */
export const XERO_SCOPES = [
  'offline_access',
  'accounting.invoices',
  'accounting.payments',
  'accounting.banktransactions',
  'accounting.manualjournals',
  'accounting.contacts',
  'accounting.settings',
  'accounting.attachments',
] as const;

/**
 * The same access for apps created before 2 March 2026, which still use the broad `accounting.transactions`
 * scope (Xero retires it in September 2027).
 */
export const XERO_LEGACY_SCOPES = [
  'offline_access',
  'accounting.transactions',
  'accounting.contacts',
  'accounting.settings',
  'accounting.attachments',
] as const;

/** Endpoint overrides, for a simulator on loopback. */
export type XeroOAuthEndpoints = Partial<
  Pick<OAuthProviderConfig, 'issuer' | 'authorizationEndpoint' | 'tokenEndpoint' | 'revocationEndpoint'> & {
    /** Where `GET /connections` is asked after a code exchange. Default `https://api.xero.com`. */
    readonly connectionsRoot: string;
  }
>;

/**
 * The tenant a fresh grant reaches, when it is unambiguous: the one connection the token can see. With
 * several (a bookkeeper connecting many organisations) or when the lookup fails, it is left to the host
 * (`listXeroTenants`), so a grant already issued is never lost to a failed discovery call.
 */
async function resolveTenant(
  context: TenantResolutionContext,
  connectionsRoot: string,
): Promise<string | undefined> {
  try {
    const response = await context.http.fetch(`${connectionsRoot.replace(/\/+$/, '')}/connections`, {
      headers: { accept: 'application/json', authorization: `Bearer ${context.accessToken}` },
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const tenants = parseXeroConnections(await response.json());
    const organisations = tenants.filter((tenant) => tenant.tenantType === 'ORGANISATION');
    return organisations.length === 1 ? organisations[0]?.tenantId : undefined;
  } catch {
    return undefined;
  }
}

/** The Xero {@link OAuthProviderConfig}. */
export function xeroOAuthConfig(endpoints: XeroOAuthEndpoints = {}): OAuthProviderConfig {
  const { connectionsRoot = XERO_OAUTH_ENDPOINTS.connectionsRoot, ...identity } = endpoints;
  return {
    provider: 'xero',
    issuer: XERO_OAUTH_ENDPOINTS.issuer,
    authorizationEndpoint: XERO_OAUTH_ENDPOINTS.authorizationEndpoint,
    tokenEndpoint: XERO_OAUTH_ENDPOINTS.tokenEndpoint,
    revocationEndpoint: XERO_OAUTH_ENDPOINTS.revocationEndpoint,
    ...identity,
    scopes: XERO_SCOPES,
    clientAuthentication: 'client_secret_basic',
    refreshTokenRotation: 'always',
    refreshTokenLifetimeSeconds: 60 * 24 * 3600,
    revocationBodyFormat: 'form',
    resolveProviderTenant: (context) => resolveTenant(context, connectionsRoot),
  };
}

/** Options for {@link xeroOAuth}. */
export interface XeroOAuthOptions {
  /** From the Xero developer portal (My Apps → Configuration). */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly endpoints?: XeroOAuthEndpoints | undefined;
  /** Default: HTTPS only under the hardened TLS policy. */
  readonly http?: OAuthHttp | undefined;
}

/**
 * The Xero OAuth flows for your app: connect an organisation, refresh, revoke.
 *
 * @example
 * ```ts
 * const identity = xeroOAuth({ clientId, clientSecret });
 * const request = await identity.authorizationRequest({ redirectUri: 'https://app.example/callback/xero' });
 * // redirect to request.url; on the callback:
 * const tokens = await identity.exchangeCode({ callback: callbackUrl, expectedState, codeVerifier, redirectUri });
 * // tokens.providerTenantId is set when the token reaches exactly one organisation; otherwise pick one:
 * const tenants = tokens.providerTenantId ? [] : await listXeroTenants({ accessToken: tokens.accessToken });
 * ```
 */
export function xeroOAuth(options: XeroOAuthOptions): OAuthFlows {
  const client: OAuthClientCredentials = { clientId: options.clientId, clientSecret: options.clientSecret };
  return createOAuthFlows(xeroOAuthConfig(options.endpoints), client, { http: options.http });
}
