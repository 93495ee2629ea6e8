import {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  type CodeExchangeInput,
  createAuthorizationRequest,
  exchangeAuthorizationCode,
} from './oauth-authorization-code.js';
import {
  createClientCredentialsRefresher,
  requestClientCredentialsToken,
} from './oauth-client-credentials.js';
import type { OAuthClientCredentials, OAuthProviderConfig } from './oauth-config.js';
import { createOAuthHttp, type OAuthHttp } from './oauth-http.js';
import { createOAuthRefresher, refreshTokens } from './oauth-refresh.js';
import { type RevokeOptions, revokeToken } from './oauth-revoke.js';
import type { TokenRefresher } from './token-refresher.js';
import type { TokenSet } from './token-vault.js';

/** One provider's OAuth flows for one registered client, bound to the hardened HTTP. */
export interface OAuthFlows {
  readonly config: OAuthProviderConfig;
  /** Step 1 of connecting: the URL to send the user to, plus the `state` and PKCE verifier to keep. */
  authorizationRequest(options: AuthorizationRequestOptions): Promise<AuthorizationRequest>;
  /** Step 2: the callback's code for tokens, with the provider tenant resolved. Store with `storeGrant`. */
  exchangeCode(input: CodeExchangeInput): Promise<TokenSet>;
  /** One refresh-token grant (the refresh manager normally does this). */
  refresh(current: TokenSet, signal?: AbortSignal): Promise<TokenSet>;
  /** Revokes a token at the provider ("disconnect"). */
  revoke(token: string, options?: RevokeOptions): Promise<void>;
  /** A client-credentials grant (machine-to-machine providers such as NetSuite M2M). */
  clientCredentials(options?: {
    readonly scopes?: readonly string[] | undefined;
    readonly signal?: AbortSignal | undefined;
  }): Promise<TokenSet>;
  /** The refresher for `provider.auth`: refresh-token grant, or client credentials for `private_key_jwt` M2M. */
  createRefresher(http?: OAuthHttp): TokenRefresher;
}

/** Options for {@link createOAuthFlows}. */
export interface OAuthFlowsOptions {
  /** Default: HTTPS only with the hardened TLS policy. Tests pass `createOAuthHttp({ allowInsecureLoopback: true })`. */
  readonly http?: OAuthHttp | undefined;
  /** Refresh by running client credentials instead of a refresh token (M2M). Default false. */
  readonly machineToMachine?: boolean | undefined;
}

/**
 * Binds the generic OAuth helpers to a provider config and client, which is all a provider's `auth.ts`
 * needs to export.
 *
 * @example
 * ```ts
 * const flows = createOAuthFlows(xeroOAuthConfig, { clientId, clientSecret });
 * const request = await flows.authorizationRequest({ redirectUri });
 * // … on the callback:
 * const tokens = await flows.exchangeCode({ callback: request.url, expectedState, codeVerifier, redirectUri });
 * await storeGrant(vault, { tenantId, connectionId }, tokens);
 * ```
 */
export function createOAuthFlows(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  options: OAuthFlowsOptions = {},
): OAuthFlows {
  let defaultHttp = options.http;
  const http = () => (defaultHttp ??= createOAuthHttp());
  return {
    config,
    authorizationRequest: (request) => createAuthorizationRequest(config, client, request),
    exchangeCode: (input) => exchangeAuthorizationCode(config, client, input, http()),
    refresh: (current, signal) => refreshTokens(config, client, current, http(), signal),
    revoke: (token, revokeOptions) => revokeToken(config, client, token, http(), revokeOptions),
    clientCredentials: (request = {}) => requestClientCredentialsToken(config, client, http(), request),
    createRefresher: (given) =>
      options.machineToMachine
        ? createClientCredentialsRefresher(config, client, given ?? http())
        : createOAuthRefresher(config, client, given ?? http()),
  };
}
