import type * as oauth from 'oauth4webapi';
import type { OAuthProviderConfig } from './oauth-config.js';
import type { TokenSet } from './token-vault.js';

/**
 * A token-endpoint response as a {@link TokenSet}: expiry instants computed from `expires_in` now, the
 * previous refresh token kept when the server did not send a new one (no rotation), and the provider
 * tenant carried over.
 */
export function toTokenSet(
  response: oauth.TokenEndpointResponse,
  config: OAuthProviderConfig,
  previous: TokenSet | undefined,
  now: number = Date.now(),
): TokenSet {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  return compact({
    accessToken: response.access_token,
    refreshToken,
    accessTokenExpiresAt: typeof response.expires_in === 'number' ? at(now, response.expires_in) : undefined,
    refreshTokenExpiresAt: refreshExpiry(response, config, previous, now),
    scope: response.scope ?? previous?.scope,
    providerTenantId: previous?.providerTenantId,
  });
}

function refreshExpiry(
  response: oauth.TokenEndpointResponse,
  config: OAuthProviderConfig,
  previous: TokenSet | undefined,
  now: number,
): string | undefined {
  const stated = config.refreshTokenExpiresInParameter && response[config.refreshTokenExpiresInParameter];
  if (typeof stated === 'number' && Number.isFinite(stated) && stated > 0) return at(now, stated);
  const issuedNew = response.refresh_token !== undefined && response.refresh_token !== previous?.refreshToken;
  if (issuedNew && config.refreshTokenLifetimeSeconds !== undefined)
    return at(now, config.refreshTokenLifetimeSeconds);
  return response.refresh_token === undefined || !issuedNew ? previous?.refreshTokenExpiresAt : undefined;
}

function at(now: number, seconds: number): string {
  return new Date(now + seconds * 1000).toISOString();
}

/** Drops undefined members so the vault record carries only what is known. */
export function compact(tokens: { [K in keyof TokenSet]: TokenSet[K] | undefined }): TokenSet {
  return Object.fromEntries(
    Object.entries(tokens).filter(([, value]) => value !== undefined),
  ) as unknown as TokenSet;
}
