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

/** Options for {@link revokeToken}. */
export interface RevokeOptions {
  /** Which kind of token it is; revoking a refresh token ends the whole grant at most providers. */
  readonly tokenTypeHint?: 'refresh_token' | 'access_token' | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Revokes a token at the provider (RFC 7009), for "disconnect" buttons and offboarding. Delete the vault
 * record afterwards.
 */
export async function revokeToken(
  config: OAuthProviderConfig,
  client: OAuthClientCredentials,
  token: string,
  http: OAuthHttp,
  options: RevokeOptions = {},
): Promise<void> {
  const trace: ExchangeTrace = { sent: false, status: undefined };
  const context = { provider: config.provider, operation: 'auth.revoke', signal: options.signal };
  if (config.revocationEndpoint === undefined) {
    throw new ConfigurationError({
      provider: config.provider,
      operation: context.operation,
      issues: [{ path: 'revocationEndpoint', code: 'unsupported' }],
    });
  }
  const fetch = tracedFetch(http, trace);
  const base = requestOptions(
    config.revocationBodyFormat === 'json' ? asJsonBody(fetch) : fetch,
    http,
    options.signal,
  );
  try {
    const response = await oauth.revocationRequest(
      authorizationServer(config),
      oauthClient(client),
      clientAuthentication(config, client),
      token,
      {
        ...base,
        ...(options.tokenTypeHint === undefined
          ? {}
          : { additionalParameters: { token_type_hint: options.tokenTypeHint } }),
      },
    );
    await oauth.processRevocationResponse(response);
  } catch (error) {
    throw toOAuthError(error, trace, context);
  }
}

/**
 * Intuit documents its revocation endpoint with a JSON body (`{"token": …}`) rather than RFC 7009's form.
 * oauth4webapi still builds the request and the client authentication; only the body is re-encoded.
 */
function asJsonBody(fetch: OAuthHttp['fetch']): OAuthHttp['fetch'] {
  return (input, init = {}) => {
    const form = new URLSearchParams(typeof init.body === 'string' ? init.body : String(init.body ?? ''));
    const headers = new Headers(init.headers);
    headers.set('content-type', 'application/json');
    headers.set('accept', 'application/json');
    return fetch(input, { ...init, headers, body: JSON.stringify({ token: form.get('token') ?? '' }) });
  };
}
