import * as oauth from 'oauth4webapi';
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
import { toTokenSet } from './token-response.js';
import type { TokenSet } from './token-vault.js';

/** Options for {@link createAuthorizationRequest}. */
export interface AuthorizationRequestOptions {
  /** Where the provider sends the user back; must be registered with the provider. */
  readonly redirectUri: string;
  /** Scopes to ask for. Default: the provider's. */
  readonly scopes?: readonly string[] | undefined;
  /** Extra parameters (for example `prompt`). */
  readonly parameters?: Readonly<Record<string, string>> | undefined;
}

/**
 * The authorization URL to send the user to, and what the callback needs to check it. Keep `state` and
 * `codeVerifier` server-side in the user's session (never in the URL or a cookie readable by scripts) until
 * the callback arrives; both are single-use.
 */
export interface AuthorizationRequest {
  readonly url: URL;
  readonly state: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
}

/**
 * Starts the authorization-code flow with PKCE (S256) and a random `state`.
 *
 * @example
 * ```ts
 * const request = await createAuthorizationRequest(quickbooksOAuth(), client, { redirectUri });
 * session.oauth = { state: request.state, codeVerifier: request.codeVerifier };
 * response.redirect(request.url.href);
 * ```
 */
export async function createAuthorizationRequest(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(config.authorizationEndpoint);
  const parameters: Record<string, string> = {
    ...config.authorizationParameters,
    ...options.parameters,
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: options.redirectUri,
    scope: (options.scopes ?? config.scopes).join(' '),
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return { url, state, codeVerifier, redirectUri: options.redirectUri };
}

/** What {@link exchangeAuthorizationCode} needs from the callback and the session. */
export interface CodeExchangeInput {
  /** The full callback URL (or its query) the provider redirected to. */
  readonly callback: URL | URLSearchParams | string;
  /** The `state` and `codeVerifier` saved from {@link createAuthorizationRequest}. */
  readonly expectedState: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Finishes the authorization-code flow: checks `state` (and `iss` where the provider sends it), exchanges
 * the code with the PKCE verifier, and returns the grant as a {@link TokenSet} with the provider tenant
 * resolved (QuickBooks realm id, Xero tenant id). Store it with `storeGrant`.
 *
 * @throws {AuthenticationError} when the user declined (`providerCode: 'access_denied'`) or the server
 * refused the code; {@link ConfigurationError} when `state` does not match. Never with token text.
 */
export async function exchangeAuthorizationCode(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  input: CodeExchangeInput,
  http: OAuthHttp,
): Promise<TokenSet> {
  const trace: ExchangeTrace = { sent: false, status: undefined };
  const context = { provider: config.provider, operation: 'auth.authorization_code', signal: input.signal };
  const as = authorizationServer(config);
  const oauthClientValue = oauthClient(client);
  const callbackParameters = toParameters(input.callback);
  try {
    const validated = oauth.validateAuthResponse(
      as,
      oauthClientValue,
      callbackParameters,
      input.expectedState,
    );
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      oauthClientValue,
      clientAuthentication(config, client),
      validated,
      input.redirectUri,
      input.codeVerifier,
      requestOptions(tracedFetch(http, trace), http, input.signal),
    );
    const result = await oauth.processAuthorizationCodeResponse(as, oauthClientValue, response);
    const tokens = toTokenSet(result, config, undefined);
    const providerTenantId = await config.resolveProviderTenant?.({
      callbackParameters,
      accessToken: tokens.accessToken,
      http,
      signal: input.signal,
    });
    return providerTenantId === undefined ? tokens : { ...tokens, providerTenantId };
  } catch (error) {
    throw toOAuthError(error, trace, context);
  }
}

function toParameters(callback: URL | URLSearchParams | string): URLSearchParams {
  if (callback instanceof URLSearchParams) return callback;
  if (callback instanceof URL) return callback.searchParams;
  return callback.includes('://') ? new URL(callback).searchParams : new URLSearchParams(callback);
}
