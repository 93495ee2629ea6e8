/**
 * NetSuite authentication, for the NetSuite provider to come: OAuth 2.0 authorization code (refresh tokens
 * last 7 days and do not rotate), OAuth 2.0 client credentials with a certificate-signed JWT assertion
 * (machine-to-machine), and token-based authentication (OAuth 1.0a, HMAC-SHA256) for accounts still on it.
 *
 * Every NetSuite host is account-specific: account `1234567_SB1` (a sandbox) is reached at
 * `1234567-sb1.suitetalk.api.netsuite.com`, while TBA signs with realm `1234567_SB1`.
 */
import type { webcrypto } from 'node:crypto';
import type { OAuthClientCredentials, OAuthProviderConfig } from '../../src/auth/oauth-config.js';
import { createOAuthFlows, type OAuthFlows } from '../../src/auth/oauth-flows.js';
import type { OAuthHttp } from '../../src/auth/oauth-http.js';
import {
  type OAuth1Credentials,
  type OAuth1Request,
  signOAuth1Request,
} from '../../src/auth/oauth1-signature.js';
import { ConfigurationError } from '../../src/http/errors.js';

/** NetSuite's OAuth 2.0 scope for the REST web services. */
export const NETSUITE_REST_SCOPE = 'rest_webservices';

const ACCOUNT_ID = /^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/;

function checkAccountId(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) {
    throw new ConfigurationError({
      provider: 'netsuite',
      operation: 'auth',
      issues: [{ path: 'accountId', code: 'invalid_account_id' }],
    });
  }
  return accountId;
}

/** The host label for an account id: lower case, `_` → `-` (`1234567_SB1` → `1234567-sb1`). */
export function netsuiteHostLabel(accountId: string): string {
  return checkAccountId(accountId).toLowerCase().replaceAll('_', '-');
}

/** The TBA realm for an account id: upper case, `-` → `_` (`1234567-sb1` → `1234567_SB1`). */
export function netsuiteRealm(accountId: string): string {
  return checkAccountId(accountId).toUpperCase().replaceAll('-', '_');
}

/** The account's REST host, `https://1234567-sb1.suitetalk.api.netsuite.com`. */
export function netsuiteRestHost(accountId: string): string {
  return `https://${netsuiteHostLabel(accountId)}.suitetalk.api.netsuite.com`;
}

/** A NetSuite account's OAuth 2.0 endpoints. */
export type NetSuiteOAuthEndpointSet = Pick<
  OAuthProviderConfig,
  'issuer' | 'authorizationEndpoint' | 'tokenEndpoint' | 'revocationEndpoint'
>;

/** The account's OAuth 2.0 endpoints. */
export function netsuiteOAuthEndpoints(accountId: string): NetSuiteOAuthEndpointSet {
  const rest = netsuiteRestHost(accountId);
  return {
    issuer: rest,
    authorizationEndpoint: `https://${netsuiteHostLabel(accountId)}.app.netsuite.com/app/login/oauth2/authorize.nl`,
    tokenEndpoint: `${rest}/services/rest/auth/oauth2/v1/token`,
    revocationEndpoint: `${rest}/services/rest/auth/oauth2/v1/revoke`,
  };
}

/** Endpoint overrides, for a simulator on loopback. */
export type NetSuiteOAuthEndpoints = Partial<NetSuiteOAuthEndpointSet>;

/** The authorization-code {@link OAuthProviderConfig} for one account. */
export function netsuiteOAuthConfig(
  accountId: string,
  endpoints: NetSuiteOAuthEndpoints = {},
): OAuthProviderConfig {
  return {
    provider: 'netsuite',
    ...netsuiteOAuthEndpoints(accountId),
    ...endpoints,
    scopes: [NETSUITE_REST_SCOPE],
    clientAuthentication: 'client_secret_basic',
    refreshTokenRotation: 'never',
    refreshTokenLifetimeSeconds: 7 * 24 * 3600,
    resolveProviderTenant: () => netsuiteRealm(accountId),
  };
}

/**
 * The client-credentials (M2M) {@link OAuthProviderConfig} for one account: `private_key_jwt`, with the
 * assertion's `aud` set to the token endpoint as NetSuite requires.
 */
export function netsuiteClientCredentialsConfig(
  accountId: string,
  endpoints: NetSuiteOAuthEndpoints = {},
): OAuthProviderConfig {
  const config = netsuiteOAuthConfig(accountId, endpoints);
  return {
    ...config,
    // The scope travels in the assertion, not the form body.
    scopes: [],
    clientAuthentication: 'private_key_jwt',
    assertionAudience: config.tokenEndpoint,
  };
}

/** Options for {@link netsuiteOAuth}. */
export interface NetSuiteOAuthOptions {
  /** The account id as NetSuite shows it (`1234567` or `1234567_SB1`). */
  readonly accountId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly endpoints?: NetSuiteOAuthEndpoints | undefined;
  readonly http?: OAuthHttp | undefined;
}

/** NetSuite's authorization-code flows for one account. */
export function netsuiteOAuth(options: NetSuiteOAuthOptions): OAuthFlows {
  return createOAuthFlows(
    netsuiteOAuthConfig(options.accountId, options.endpoints),
    { clientId: options.clientId, clientSecret: options.clientSecret },
    { http: options.http },
  );
}

/** Options for {@link netsuiteClientCredentials}. */
export interface NetSuiteClientCredentialsOptions {
  readonly accountId: string;
  /** The integration record's client id. */
  readonly clientId: string;
  /** The certificate id NetSuite assigned when the public certificate was uploaded (the JWT `kid`). */
  readonly certificateId: string;
  /** The matching private key, e.g. from `importAssertionKey(pem, 'PS256')` (PS256 or ES256). */
  readonly privateKey: webcrypto.CryptoKey;
  /** Default `['rest_webservices']`. */
  readonly scopes?: readonly string[] | undefined;
  readonly endpoints?: NetSuiteOAuthEndpoints | undefined;
  readonly http?: OAuthHttp | undefined;
}

/**
 * NetSuite machine-to-machine: each token comes from a client-credentials grant authenticated by a JWT
 * (`kid` = certificate id, `aud` = token endpoint, `scope` claim) signed with the integration's private key.
 * `createRefresher()` re-runs the grant, so `provider.auth` works as for refresh tokens.
 */
export function netsuiteClientCredentials(options: NetSuiteClientCredentialsOptions): OAuthFlows {
  const client: OAuthClientCredentials = {
    clientId: options.clientId,
    privateKey: { key: options.privateKey, kid: options.certificateId },
    assertionClaims: { scope: options.scopes ?? [NETSUITE_REST_SCOPE] },
  };
  return createOAuthFlows(netsuiteClientCredentialsConfig(options.accountId, options.endpoints), client, {
    http: options.http,
    machineToMachine: true,
  });
}

/**
 * Token-based authentication: returns a signer that produces each request's `Authorization` header
 * (OAuth 1.0a, HMAC-SHA256, realm = the account id as `1234567_SB1`). TBA signs every request, so the
 * NetSuite provider will call it per request rather than hold a bearer token.
 */
export function netsuiteTokenBasedAuthorization(
  accountId: string,
  credentials: OAuth1Credentials,
): (request: OAuth1Request) => string {
  const realm = netsuiteRealm(accountId);
  return (request) => signOAuth1Request(request, credentials, { realm, signatureMethod: 'HMAC-SHA256' });
}
