import { createPrivateKey, type KeyObject, type webcrypto } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { ConfigurationError } from '../http/errors.js';
import {
  authorizationServer,
  clientAuthentication,
  type OAuthClientCredentials,
  type OAuthProviderConfig,
  oauthClient,
  requestOptions,
} from './oauth-config.js';
import { toOAuthError } from './oauth-errors.js';
import { type ExchangeTrace, type OAuthHttp, tracedFetch } from './oauth-http.js';
import type { TokenRefresher } from './token-refresher.js';
import { toTokenSet } from './token-response.js';
import type { TokenSet } from './token-vault.js';

/** JWS algorithms for a client assertion. NetSuite accepts PS256 and ES256 (RS256 only for older setups). */
export type AssertionAlgorithm = 'PS256' | 'ES256' | 'RS256';

/**
 * One client-credentials grant, the client authenticating with a JWT assertion signed by its private key
 * (`private_key_jwt`, RFC 7523). Machine-to-machine: no user, no refresh token; "refreshing" is running the
 * grant again.
 */
export async function requestClientCredentialsToken(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  http: OAuthHttp,
  options: {
    readonly scopes?: readonly string[] | undefined;
    readonly previous?: TokenSet | undefined;
    readonly signal?: AbortSignal | undefined;
  } = {},
): Promise<TokenSet> {
  const trace: ExchangeTrace = { sent: false, status: undefined };
  const context = { provider: config.provider, operation: 'auth.client_credentials', signal: options.signal };
  const as = authorizationServer(config);
  const oauthClientValue = oauthClient(client);
  const scopes = options.scopes ?? config.scopes;
  try {
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      oauthClientValue,
      clientAuthentication(config, client),
      scopes.length > 0 ? { scope: scopes.join(' ') } : {},
      requestOptions(tracedFetch(http, trace), http, options.signal),
    );
    const result = await oauth.processClientCredentialsResponse(as, oauthClientValue, response);
    return toTokenSet(result, config, options.previous);
  } catch (error) {
    throw toOAuthError(error, trace, context);
  }
}

/** A {@link TokenRefresher} that runs the client-credentials grant. */
export function createClientCredentialsRefresher(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  http: OAuthHttp,
): TokenRefresher {
  return {
    provider: config.provider,
    rotatesRefreshTokens: false,
    usesRefreshToken: false,
    refresh: (current, signal) =>
      requestClientCredentialsToken(config, client, http, { previous: current, signal }),
  };
}

/**
 * Imports a PEM (PKCS#8, or PKCS#1 / SEC1 as `openssl` writes them) private key as a non-extractable
 * WebCrypto signing key for `algorithm`, for {@link OAuthClientCredentials.privateKey}.
 *
 * @example
 * ```ts
 * const key = await importAssertionKey(readFileSync('netsuite-m2m.pem', 'utf8'), 'PS256');
 * const client = { clientId, privateKey: { key, kid: certificateId } };
 * ```
 */
export async function importAssertionKey(
  pem: string | KeyObject,
  algorithm: AssertionAlgorithm,
): Promise<webcrypto.CryptoKey> {
  let keyObject: KeyObject;
  try {
    keyObject = typeof pem === 'string' ? createPrivateKey(pem) : pem;
  } catch {
    // The parser's message may quote the input; the key's own text must never reach an error.
    throw new ConfigurationError({
      operation: 'auth',
      issues: [{ path: 'privateKey', code: 'invalid_key' }],
    });
  }
  const pkcs8 = keyObject.export({ format: 'der', type: 'pkcs8' });
  const parameters =
    algorithm === 'ES256'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : { name: algorithm === 'PS256' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, parameters, false, ['sign']);
  } catch {
    throw new ConfigurationError({
      operation: 'auth',
      issues: [{ path: 'privateKey', code: 'algorithm_mismatch' }],
    });
  } finally {
    pkcs8.fill(0);
  }
}
