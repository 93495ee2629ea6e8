/**
 * A provider's OAuth 2.0 token and revocation endpoints, simulated: authorization-code and refresh-token
 * grants with HTTP Basic client authentication, the provider's lifetimes, refresh-token rotation, and reuse
 * detection: presenting a refresh token that has already been rotated revokes the whole grant and answers
 * `invalid_grant` (RFC 9700 §4.14.2). Issued access tokens are accepted by the simulated API until they
 * expire or their grant is revoked. Everything reads `Date.now()`, so fake timers drive expiry. Each
 * provider's simulator supplies its facts ({@link OAuthServerFacts}); tests tune the rest
 * ({@link OAuthSimulatorOptions}).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type FaultInjector, waitForTimeoutFault } from './fault-injector.js';

/** Options a test may set on a simulator's OAuth side. */
export interface OAuthSimulatorOptions {
  /** The app's client id. Default `'sim-client-id'`. */
  clientId?: string;
  /** The app's client secret. Default `'sim-client-secret'`. */
  clientSecret?: string;
  /** Default: the provider's (Intuit 3600, Xero 1800). */
  accessTokenLifetimeSeconds?: number;
  /** Default: the provider's (Intuit 100 days, Xero 60 days; rolling: each refresh restarts it). */
  refreshTokenLifetimeSeconds?: number;
  /**
   * `always` (default) issues a new refresh token on every refresh and treats the old one as spent; `never`
   * keeps the refresh token. Both Intuit and Xero rotate; `always` is the strict case.
   */
  refreshTokenRotation?: 'always' | 'never';
  /** Issued tokens start with this, e.g. `'CANARY'` for leak tests. Default: the provider's. */
  tokenPrefix?: string;
}

/** What differs between providers' token endpoints. */
export interface OAuthServerFacts {
  /** Default token prefix (`sim-qbo`, `sim-xero`). */
  readonly tokenPrefix: string;
  readonly accessTokenLifetimeSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
  /** Token-response member reporting the refresh token's remaining lifetime (Intuit's `x_refresh_token_expires_in`); none when absent. */
  readonly refreshTokenExpiresInParameter?: string | undefined;
  /** Callback query parameter naming the provider tenant (Intuit's `realmId`); none when absent (Xero). */
  readonly callbackTenantParameter?: string | undefined;
  /**
   * How long the refresh token a refresh replaced still works (Xero: 30 minutes, so a client that lost the
   * answer can retry). Outside it, presenting a replaced token is reuse and revokes the grant. Default 0.
   */
  readonly refreshTokenReuseGraceSeconds?: number | undefined;
}

/** What the simulated API made of a presented bearer token. */
export type ApiTokenStatus = 'static' | 'live' | 'expired' | 'revoked' | 'unknown';

/** The state of any token the simulator issued. */
export type IssuedTokenStatus = 'live' | 'expired' | 'revoked' | 'spent' | 'unknown';

/** One call to the token endpoint, as metadata. */
export interface TokenEndpointCall {
  readonly at: number;
  readonly grantType: string;
  /** `issued`, an OAuth error code, or the injected fault kind. */
  readonly outcome: string;
}

/** The OAuth side of a provider simulator. */
export interface OAuthServerSimulator {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * Plays the user consenting on the provider's page: checks the authorization URL the SDK built and returns
   * the callback URL the provider would redirect to (`code`, `state`, and Intuit's `realmId`).
   */
  authorize(authorizationUrl: URL | string): URL;
  /** Mints a grant directly, for arranging a test: the token-endpoint response fields. */
  issueGrant(): IssuedGrant;
  /** Every token-endpoint call so far. */
  readonly tokenCalls: readonly TokenEndpointCall[];
  /** Every API request's bearer-token verdict, in order. */
  readonly apiAuthentications: readonly { readonly at: number; readonly status: ApiTokenStatus }[];
  /** Where a token stands now. */
  tokenStatus(token: string): IssuedTokenStatus;
  /** Whether the API accepts `token` now (and records the verdict). */
  authenticateApi(token: string, staticToken: string): boolean;
  /** Whether this simulator issued `token` (live or not). */
  issued(token: string): boolean;
  /** The token endpoint. Undefined when the presented token belongs to another simulator. */
  handleToken(request: Request): Promise<Response | undefined>;
  /** The revocation endpoint (form or JSON body). */
  handleRevoke(request: Request): Promise<Response | undefined>;
  /** Forgets every grant, code and recorded call. */
  reset(): void;
}

/** A grant as the token endpoint reports it. */
export interface IssuedGrant {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
  readonly refreshTokenExpiresIn: number;
  /** The provider tenant the grant reaches (Intuit's realm id, Xero's tenant id). */
  readonly providerTenantId: string;
}

interface Grant {
  readonly providerTenantId: string;
  refreshToken: string;
  /** The token the last rotation replaced, and when, for the provider's reuse grace. */
  previous: { readonly token: string; readonly rotatedAt: number } | undefined;
  refreshExpiresAt: number;
  revoked: boolean;
}

interface PendingCode {
  readonly redirectUri: string;
  readonly codeChallenge: string | undefined;
  readonly expiresAt: number;
  used: boolean;
  grant: Grant | undefined;
}

const CODE_LIFETIME_MS = 5 * 60_000;

/** Creates the OAuth server of one simulated company (`providerTenantId`: its realm or tenant id). */
export function createOAuthServerSimulator(
  providerTenantId: string,
  faults: FaultInjector,
  facts: OAuthServerFacts,
  options: OAuthSimulatorOptions = {},
): OAuthServerSimulator {
  const clientId = options.clientId ?? 'sim-client-id';
  const clientSecret = options.clientSecret ?? 'sim-client-secret';
  const accessLifetimeMs = (options.accessTokenLifetimeSeconds ?? facts.accessTokenLifetimeSeconds) * 1000;
  const refreshLifetimeMs = (options.refreshTokenLifetimeSeconds ?? facts.refreshTokenLifetimeSeconds) * 1000;
  const rotation = options.refreshTokenRotation ?? 'always';
  const prefix = options.tokenPrefix ?? facts.tokenPrefix;
  // The tenant is embedded so several simulators on one msw server can tell their tokens apart.
  const mint = (kind: string) => `${prefix}-${kind}-${providerTenantId}-${randomBytes(16).toString('hex')}`;
  const ownToken = (token: string) =>
    token.startsWith(`${prefix}-`) && token.includes(`-${providerTenantId}-`);

  let refreshIndex = new Map<string, Grant>();
  let accessIndex = new Map<string, { grant: Grant; expiresAt: number }>();
  let codes = new Map<string, PendingCode>();
  let tokenCalls: TokenEndpointCall[] = [];
  let apiAuthentications: { at: number; status: ApiTokenStatus }[] = [];

  function issue(grant: Grant, now: number): IssuedGrant {
    const accessToken = mint('ACCESS-TOKEN');
    accessIndex.set(accessToken, { grant, expiresAt: now + accessLifetimeMs });
    return {
      accessToken,
      refreshToken: grant.refreshToken,
      expiresIn: accessLifetimeMs / 1000,
      refreshTokenExpiresIn: Math.max(0, Math.floor((grant.refreshExpiresAt - now) / 1000)),
      providerTenantId: grant.providerTenantId,
    };
  }

  function newGrant(now: number): Grant {
    const grant: Grant = {
      providerTenantId,
      refreshToken: mint('REFRESH-TOKEN'),
      previous: undefined,
      refreshExpiresAt: now + refreshLifetimeMs,
      revoked: false,
    };
    refreshIndex.set(grant.refreshToken, grant);
    return grant;
  }

  function tokenStatus(token: string): IssuedTokenStatus {
    const now = Date.now();
    const access = accessIndex.get(token);
    if (access) return access.grant.revoked ? 'revoked' : access.expiresAt <= now ? 'expired' : 'live';
    const grant = refreshIndex.get(token);
    if (!grant) return 'unknown';
    if (grant.revoked) return 'revoked';
    if (grant.refreshToken !== token) return 'spent';
    return grant.refreshExpiresAt <= now ? 'expired' : 'live';
  }

  const oauthError = (status: number, error: string) =>
    new Response(JSON.stringify({ error }), {
      status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });

  function tokenResponse(issued: IssuedGrant): Response {
    return new Response(
      JSON.stringify({
        token_type: 'bearer',
        access_token: issued.accessToken,
        expires_in: issued.expiresIn,
        refresh_token: issued.refreshToken,
        ...(facts.refreshTokenExpiresInParameter === undefined
          ? {}
          : { [facts.refreshTokenExpiresInParameter]: issued.refreshTokenExpiresIn }),
      }),
      { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } },
    );
  }

  function clientAuthenticated(request: Request): boolean {
    const match = /^Basic\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    if (!match?.[1]) return false;
    const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
    return decodeURIComponent(id ?? '') === clientId && decodeURIComponent(secret ?? '') === clientSecret;
  }

  function authorizationCodeGrant(form: URLSearchParams, now: number): Response | IssuedGrant {
    const code = codes.get(form.get('code') ?? '');
    if (!code || code.expiresAt <= now || code.redirectUri !== form.get('redirect_uri')) {
      return oauthError(400, 'invalid_grant');
    }
    if (code.used) {
      // A code replayed: revoke what it issued (RFC 6749 §4.1.2).
      if (code.grant) code.grant.revoked = true;
      return oauthError(400, 'invalid_grant');
    }
    if (code.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) {
        return oauthError(400, 'invalid_grant');
      }
    }
    code.used = true;
    code.grant = newGrant(now);
    return issue(code.grant, now);
  }

  function refreshTokenGrant(form: URLSearchParams, now: number): Response | IssuedGrant {
    const presented = form.get('refresh_token') ?? '';
    const grant = refreshIndex.get(presented);
    if (!grant || grant.revoked || grant.refreshExpiresAt <= now) return oauthError(400, 'invalid_grant');
    const graceMs = (facts.refreshTokenReuseGraceSeconds ?? 0) * 1000;
    const withinGrace =
      grant.previous?.token === presented && now - grant.previous.rotatedAt <= graceMs && graceMs > 0;
    if (grant.refreshToken !== presented && !withinGrace) {
      // Reuse detection: a spent refresh token means two parties hold the grant, so nobody keeps it.
      grant.revoked = true;
      return oauthError(400, 'invalid_grant');
    }
    if (rotation === 'always') {
      // A retry inside the grace keeps the original rotation time, so the grace never stretches.
      grant.previous = withinGrace ? grant.previous : { token: grant.refreshToken, rotatedAt: now };
      grant.refreshToken = mint('REFRESH-TOKEN');
      refreshIndex.set(grant.refreshToken, grant);
    }
    grant.refreshExpiresAt = now + refreshLifetimeMs;
    return issue(grant, now);
  }

  async function handleToken(request: Request): Promise<Response | undefined> {
    const form = new URLSearchParams(await request.clone().text());
    const grantType = form.get('grant_type') ?? '';
    const presented = form.get('refresh_token') ?? form.get('code') ?? '';
    // Another simulator's token: let msw offer the request to the next handler.
    if (presented.startsWith(`${prefix}-`) && !ownToken(presented)) return undefined;
    const record = (outcome: string) => tokenCalls.push({ at: Date.now(), grantType, outcome });

    const fault = faults.take({ method: 'POST', path: new URL(request.url).pathname });
    if (fault && fault.kind !== 'drop_after_commit') {
      record(fault.kind);
      switch (fault.kind) {
        case 'drop_before_commit':
          return Response.error();
        case 'server_error':
          return oauthError(fault.status ?? 503, 'server_error');
        case 'rate_limit':
          return oauthError(fault.status ?? 429, 'rate_limited');
        case 'malformed_json':
          return new Response('{"token_type":"bearer","access_tok', { status: fault.status ?? 200 });
        case 'timeout':
          await waitForTimeoutFault(fault, request.signal);
          return new Response('', { status: fault.status ?? 504 });
      }
    }
    if (!clientAuthenticated(request)) {
      record('invalid_client');
      return oauthError(401, 'invalid_client');
    }
    const now = Date.now();
    const result =
      grantType === 'authorization_code'
        ? authorizationCodeGrant(form, now)
        : grantType === 'refresh_token'
          ? refreshTokenGrant(form, now)
          : oauthError(400, 'unsupported_grant_type');
    if (result instanceof Response) {
      record(((await result.clone().json()) as { error: string }).error);
      return result;
    }
    record(fault ? 'drop_after_commit' : 'issued');
    // The grant is applied (and the refresh token rotated) before the connection drops: the client cannot
    // know whether it succeeded.
    return fault ? Response.error() : tokenResponse(result);
  }

  async function handleRevoke(request: Request): Promise<Response | undefined> {
    const text = await request.clone().text();
    const isJson = request.headers.get('content-type')?.includes('json') === true;
    let token = '';
    try {
      token = isJson
        ? String((JSON.parse(text) as { token?: unknown }).token ?? '')
        : (new URLSearchParams(text).get('token') ?? '');
    } catch {
      return oauthError(400, 'invalid_request');
    }
    if (token.startsWith(`${prefix}-`) && !ownToken(token)) return undefined;
    if (!clientAuthenticated(request)) return oauthError(401, 'invalid_client');
    const grant = accessIndex.get(token)?.grant ?? refreshIndex.get(token);
    // Revoking either token ends the grant; an unknown token is still a 200 (RFC 7009 §2.2).
    if (grant) grant.revoked = true;
    return new Response(null, { status: 200 });
  }

  return {
    clientId,
    clientSecret,
    authorize(authorizationUrl) {
      const url = new URL(String(authorizationUrl));
      const query = url.searchParams;
      const redirectUri = query.get('redirect_uri');
      if (query.get('client_id') !== clientId || query.get('response_type') !== 'code' || !redirectUri) {
        throw new Error(
          'simulated consent refused: client_id, response_type=code and redirect_uri are required',
        );
      }
      const method = query.get('code_challenge_method');
      const challenge = query.get('code_challenge') ?? undefined;
      if (challenge !== undefined && method !== 'S256')
        throw new Error('simulated consent refused: PKCE must use S256');
      const code = mint('CODE');
      codes.set(code, {
        redirectUri,
        codeChallenge: challenge,
        expiresAt: Date.now() + CODE_LIFETIME_MS,
        used: false,
        grant: undefined,
      });
      const callback = new URL(redirectUri);
      callback.searchParams.set('code', code);
      const state = query.get('state');
      if (state !== null) callback.searchParams.set('state', state);
      if (facts.callbackTenantParameter !== undefined) {
        callback.searchParams.set(facts.callbackTenantParameter, providerTenantId);
      }
      return callback;
    },
    issueGrant() {
      const now = Date.now();
      return issue(newGrant(now), now);
    },
    get tokenCalls() {
      return [...tokenCalls];
    },
    get apiAuthentications() {
      return [...apiAuthentications];
    },
    tokenStatus,
    authenticateApi(token, staticToken) {
      const status: ApiTokenStatus = token !== '' && token === staticToken ? 'static' : accessStatus(token);
      apiAuthentications.push({ at: Date.now(), status });
      return status === 'static' || status === 'live';
    },
    issued: (token) => accessIndex.has(token) || refreshIndex.has(token),
    handleToken,
    handleRevoke,
    reset() {
      refreshIndex = new Map();
      accessIndex = new Map();
      codes = new Map();
      tokenCalls = [];
      apiAuthentications = [];
    },
  };

  function accessStatus(token: string): ApiTokenStatus {
    if (!accessIndex.has(token)) return 'unknown';
    const status = tokenStatus(token);
    return status === 'spent' ? 'unknown' : status;
  }
}
