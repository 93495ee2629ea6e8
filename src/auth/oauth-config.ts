import type { webcrypto } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { ConfigurationError } from '../http/errors.js';
import type { OAuthHttp } from './oauth-http.js';

/**
 * A provider's OAuth 2.0 facts. One small object per provider (`providers/<name>/auth.ts`); the generic
 * helpers (authorization URL, code exchange, refresh, revoke, client credentials) do the rest.
 *
 * @example
 * ```ts
 * const xeroOAuth: OAuthProviderConfig = {
 *   provider: 'xero',
 *   issuer: 'https://identity.xero.com',
 *   authorizationEndpoint: 'https://login.xero.com/identity/connect/authorize',
 *   tokenEndpoint: 'https://identity.xero.com/connect/token',
 *   revocationEndpoint: 'https://identity.xero.com/connect/revocation',
 *   scopes: ['offline_access', 'accounting.transactions', 'accounting.contacts'],
 *   clientAuthentication: 'client_secret_basic',
 *   refreshTokenRotation: 'always',
 *   refreshTokenLifetimeSeconds: 60 * 24 * 3600,
 * };
 * ```
 */
export interface OAuthProviderConfig {
  /** Provider identifier, for errors and audit records (`quickbooks`). */
  readonly provider: string;
  /** The authorization server's issuer identifier (checked against any ID token it returns). */
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** RFC 7009 revocation endpoint, when the provider has one. */
  readonly revocationEndpoint?: string | undefined;
  /** Scopes requested by default. */
  readonly scopes: readonly string[];
  /** How the client proves itself at the token endpoint. */
  readonly clientAuthentication: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /**
   * Whether a refresh returns a new refresh token that replaces the old one. With `always` or `sometimes`
   * a refresh whose outcome is unknown is never resent at once, since presenting a spent refresh token can
   * revoke the whole grant (RFC 9700 §4.14.2).
   */
  readonly refreshTokenRotation: 'always' | 'sometimes' | 'never';
  /** Token-response member giving the refresh token's remaining lifetime in seconds (Intuit: `x_refresh_token_expires_in`). */
  readonly refreshTokenExpiresInParameter?: string | undefined;
  /** A newly issued refresh token's lifetime when the response does not say (Xero 60 days, NetSuite 7 days). */
  readonly refreshTokenLifetimeSeconds?: number | undefined;
  /** Extra parameters for every authorization request. */
  readonly authorizationParameters?: Readonly<Record<string, string>> | undefined;
  /** How the revocation request carries the token: RFC 7009 form (default) or a JSON body (Intuit). */
  readonly revocationBodyFormat?: 'form' | 'json' | undefined;
  /**
   * Finds the provider-side tenant once a code has been exchanged: QuickBooks reads `realmId` from the
   * callback; Xero asks `GET /connections`. Undefined when the host must choose (several Xero tenants).
   */
  readonly resolveProviderTenant?:
    | ((context: TenantResolutionContext) => Promise<string | undefined> | string | undefined)
    | undefined;
  /** For `private_key_jwt`: the assertion's `aud` (default the issuer; NetSuite wants the token endpoint). */
  readonly assertionAudience?: string | undefined;
}

/** What {@link OAuthProviderConfig.resolveProviderTenant} may use. */
export interface TenantResolutionContext {
  /** The query of the redirect the provider sent the user back with. */
  readonly callbackParameters: URLSearchParams;
  /** The fresh access token, for a discovery call. Do not keep it. */
  readonly accessToken: string;
  /** The hardened fetch, for a discovery call. */
  readonly http: OAuthHttp;
  readonly signal?: AbortSignal | undefined;
}

/** The host's registered OAuth client. */
export interface OAuthClientCredentials {
  readonly clientId: string;
  /** For `client_secret_basic` and `client_secret_post`. */
  readonly clientSecret?: string | undefined;
  /**
   * For `private_key_jwt`: the private key (a WebCrypto key: RSA-PSS → PS256, ECDSA P-256 → ES256,
   * RSASSA-PKCS1-v1_5 → RS256) and the `kid` the server knows it by (NetSuite: the certificate id).
   */
  readonly privateKey?: { readonly key: webcrypto.CryptoKey; readonly kid: string } | undefined;
  /** Extra claims for the client assertion (NetSuite: `scope`). */
  readonly assertionClaims?: Readonly<Record<string, string | readonly string[]>> | undefined;
}

/** oauth4webapi's view of the provider. */
export function authorizationServer(config: OAuthProviderConfig): oauth.AuthorizationServer {
  return {
    issuer: config.issuer,
    authorization_endpoint: config.authorizationEndpoint,
    token_endpoint: config.tokenEndpoint,
    ...(config.revocationEndpoint === undefined ? {} : { revocation_endpoint: config.revocationEndpoint }),
  };
}

/** oauth4webapi's view of the client. */
export function oauthClient(client: OAuthClientCredentials): oauth.Client {
  return { client_id: client.clientId };
}

/** The client authentication the provider expects. */
export function clientAuthentication(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
): oauth.ClientAuth {
  switch (config.clientAuthentication) {
    case 'client_secret_basic':
      return oauth.ClientSecretBasic(requireSecret(config, client));
    case 'client_secret_post':
      return oauth.ClientSecretPost(requireSecret(config, client));
    case 'private_key_jwt': {
      const privateKey = client.privateKey;
      if (privateKey === undefined) throw missing(config, 'privateKey');
      return oauth.PrivateKeyJwt(privateKey, {
        [oauth.modifyAssertion]: (header, payload) => {
          header.typ = 'JWT';
          if (config.assertionAudience !== undefined) payload.aud = config.assertionAudience;
          for (const [claim, value] of Object.entries(client.assertionClaims ?? {})) {
            payload[claim] = typeof value === 'string' ? value : [...value];
          }
        },
      });
    }
  }
}

/** Request options that route oauth4webapi through the hardened fetch. */
export function requestOptions(
  fetch: OAuthHttp['fetch'],
  http: OAuthHttp,
  signal: AbortSignal | undefined,
): oauth.TokenEndpointRequestOptions {
  return {
    [oauth.customFetch]: (url, init) => fetch(url, init as RequestInit),
    // oauth4webapi's own https check; ours (in `fetch`) still limits plain http to loopback.
    ...(http.allowInsecureLoopback ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(signal === undefined ? {} : { signal }),
  };
}

function requireSecret(config: OAuthProviderConfig, client: OAuthClientCredentials): string {
  if (client.clientSecret === undefined || client.clientSecret === '') throw missing(config, 'clientSecret');
  return client.clientSecret;
}

function missing(config: OAuthProviderConfig, path: string): ConfigurationError {
  return new ConfigurationError({
    provider: config.provider,
    operation: 'auth',
    issues: [{ path, code: 'required' }],
  });
}
