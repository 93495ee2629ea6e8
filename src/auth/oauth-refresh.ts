import * as oauth from 'oauth4webapi';
import { AuthenticationError } from '../http/errors.js';
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

/**
 * One refresh-token grant. Returns the new {@link TokenSet}: a rotated refresh token replaces the old one;
 * without rotation the old one is kept. Callers that store the result must use compare-and-swap; the
 * refresh manager does.
 *
 * @throws {AuthenticationError} with `providerCode: 'invalid_grant'` when the grant is dead (revoked,
 * expired, or a spent refresh token presented); any error with `outcome: 'uncertain'` when the server may
 * have issued tokens we never received.
 */
export async function refreshTokens(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  current: TokenSet,
  http: OAuthHttp,
  signal?: AbortSignal,
): Promise<TokenSet> {
  const trace: ExchangeTrace = { sent: false, status: undefined };
  const context = { provider: config.provider, operation: 'auth.refresh', signal };
  if (current.refreshToken === undefined) {
    throw new AuthenticationError({
      provider: config.provider,
      operation: context.operation,
      issues: [{ path: 'vault', code: 'no_refresh_token' }],
    });
  }
  const as = authorizationServer(config);
  const oauthClientValue = oauthClient(client);
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      oauthClientValue,
      clientAuthentication(config, client),
      current.refreshToken,
      requestOptions(tracedFetch(http, trace), http, signal),
    );
    const result = await oauth.processRefreshTokenResponse(as, oauthClientValue, response);
    return toTokenSet(result, config, current);
  } catch (error) {
    throw toOAuthError(error, trace, context);
  }
}

/** A {@link TokenRefresher} that runs the refresh-token grant against `config`. */
export function createOAuthRefresher(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  http: OAuthHttp,
): TokenRefresher {
  return {
    provider: config.provider,
    rotatesRefreshTokens: config.refreshTokenRotation !== 'never',
    usesRefreshToken: true,
    refresh: (current, signal) => refreshTokens(config, client, current, http, signal),
  };
}
