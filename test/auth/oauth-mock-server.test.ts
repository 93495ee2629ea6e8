/**
 * The generic OAuth helpers against a real OAuth 2.0 server implementation (oauth2-mock-server) started on
 * loopback: authorization code with PKCE, refresh, revoke, and client credentials with a signed JWT
 * assertion (private_key_jwt). Not our simulator: a third party's reading of the specs.
 */
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { netsuiteClientCredentials } from '../../providers/netsuite/auth.js';
import { createEncryptedVault } from '../../src/auth/encrypted-vault.js';
import { memorySecretStore } from '../../src/auth/memory-secret-store.js';
import { importAssertionKey } from '../../src/auth/oauth-client-credentials.js';
import type { OAuthProviderConfig } from '../../src/auth/oauth-config.js';
import { createOAuthFlows } from '../../src/auth/oauth-flows.js';
import { createOAuthHttp } from '../../src/auth/oauth-http.js';
import { createRefreshingCredentials } from '../../src/auth/refreshing-credentials.js';
import { AuthenticationError, ConfigurationError } from '../../src/http/errors.js';
import { canary, expectNoSecrets, renderings, testKeyRing } from './support.js';

const server = new OAuth2Server();
let issuer = '';
const http = createOAuthHttp({ allowInsecureLoopback: true });
// oauth2-mock-server compares the Basic user name without form-decoding it, so the id avoids characters
// that RFC 6749 §2.3.1 encoding changes.
const client = { clientId: 'clinicapp', clientSecret: 'clinic-app-secret' };
const redirectUri = 'https://clinic-app.example/oauth/callback';
type TokenRequestBody = Record<string, unknown>;
const tokenRequests: { body: TokenRequestBody; authorization: string | undefined }[] = [];
const revocations: { authorization: string | undefined; contentType: string | undefined }[] = [];

function config(overrides: Partial<OAuthProviderConfig> = {}): OAuthProviderConfig {
  return {
    provider: 'mock',
    issuer,
    authorizationEndpoint: `${issuer}/authorize`,
    tokenEndpoint: `${issuer}/token`,
    revocationEndpoint: `${issuer}/revoke`,
    scopes: ['accounting'],
    clientAuthentication: 'client_secret_basic',
    refreshTokenRotation: 'always',
    ...overrides,
  };
}

beforeAll(async () => {
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  issuer = server.issuer.url ?? '';
  server.service.on(
    'beforeResponse',
    (_response: unknown, request: { body: TokenRequestBody; headers: Record<string, string> }) => {
      tokenRequests.push({ body: { ...request.body }, authorization: request.headers.authorization });
    },
  );
  server.service.on('beforeRevoke', (_response: unknown, request: { headers: Record<string, string> }) => {
    revocations.push({
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
    });
  });
});
afterAll(async () => {
  await server.stop();
});

/** Plays the user: follows the authorization URL to the mock's redirect and returns the callback URL. */
async function consent(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

describe('OAuth flows against oauth2-mock-server on loopback', () => {
  it('runs authorization code with PKCE and state, then refresh and revoke', async () => {
    const flows = createOAuthFlows(config(), client, { http });
    const request = await flows.authorizationRequest({ redirectUri });
    const callback = await consent(request.url);
    expect(callback.searchParams.get('state')).toBe(request.state);

    tokenRequests.length = 0;
    const tokens = await flows.exchangeCode({
      callback,
      expectedState: request.state,
      codeVerifier: request.codeVerifier,
      redirectUri,
    });
    expect(tokens.accessToken).toMatch(/^ey/);
    expect(tokens.refreshToken).toBeTruthy();
    expect(Date.parse(tokens.accessTokenExpiresAt!)).toBeGreaterThan(Date.now());
    // The server saw the PKCE verifier and Basic client authentication, never the secret in the body.
    expect(tokenRequests[0]?.body).toMatchObject({
      grant_type: 'authorization_code',
      code_verifier: request.codeVerifier,
      redirect_uri: redirectUri,
    });
    expect(tokenRequests[0]?.authorization).toMatch(/^Basic /);
    expect(JSON.stringify(tokenRequests[0]?.body)).not.toContain(client.clientSecret);

    const refreshed = await flows.refresh(tokens);
    // (Its access tokens are deterministic JWTs with second resolution, so only the refresh token must differ.)
    expect(refreshed.accessToken).toMatch(/^ey/);
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(tokenRequests[1]?.body).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
    });

    await flows.revoke(refreshed.refreshToken!, { tokenTypeHint: 'refresh_token' });
    expect(revocations.at(-1)?.authorization).toMatch(/^Basic /);
    expect(revocations.at(-1)?.contentType).toContain('application/x-www-form-urlencoded');
  });

  it('refuses a wrong PKCE verifier and a callback carrying an error', async () => {
    const flows = createOAuthFlows(config(), client, { http });
    const request = await flows.authorizationRequest({ redirectUri });
    const callback = await consent(request.url);
    const wrong = await flows.authorizationRequest({ redirectUri });
    await expect(
      flows.exchangeCode({
        callback,
        expectedState: request.state,
        codeVerifier: wrong.codeVerifier,
        redirectUri,
      }),
    ).rejects.toBeInstanceOf(ConfigurationError);
    const denied = new URL(redirectUri);
    denied.searchParams.set('error', 'access_denied');
    denied.searchParams.set('state', request.state);
    await expect(
      flows.exchangeCode({
        callback: denied,
        expectedState: request.state,
        codeVerifier: request.codeVerifier,
        redirectUri,
      }),
    ).rejects.toMatchObject({ code: 'authentication_failed', providerCode: 'access_denied' });
  });

  it('signs a client assertion (private_key_jwt) the server can verify, with kid, aud and extra claims', async () => {
    for (const algorithm of ['PS256', 'ES256'] as const) {
      const { privateKey, publicKey } =
        algorithm === 'ES256'
          ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
          : generateKeyPairSync('rsa', { modulusLength: 2048 });
      const key = await importAssertionKey(
        privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        algorithm,
      );
      const machine = createOAuthFlows(
        config({ clientAuthentication: 'private_key_jwt', assertionAudience: `${issuer}/token` }),
        {
          clientId: 'm2m-integration',
          privateKey: { key, kid: 'cert-id-123' },
          assertionClaims: { scope: ['rest_webservices'] },
        },
        { http, machineToMachine: true },
      );
      tokenRequests.length = 0;
      const tokens = await machine.clientCredentials({ scopes: [] });
      expect(tokens.accessToken).toMatch(/^ey/);
      expect(tokens.refreshToken).toBeUndefined();

      const body = tokenRequests[0]?.body ?? {};
      expect(body).toMatchObject({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      });
      const [header, payload, signature] = String(body.client_assertion).split('.');
      const decode = (part: string | undefined) =>
        JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
      expect(decode(header)).toEqual({ alg: algorithm, kid: 'cert-id-123', typ: 'JWT' });
      const claims = decode(payload);
      expect(claims).toMatchObject({
        iss: 'm2m-integration',
        sub: 'm2m-integration',
        aud: `${issuer}/token`,
        scope: ['rest_webservices'],
      });
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(3600);
      const verified = verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        algorithm === 'ES256'
          ? { key: publicKey, dsaEncoding: 'ieee-p1363' }
          : { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        Buffer.from(signature ?? '', 'base64url'),
      );
      expect(verified).toBe(true);
    }
  });

  it('runs NetSuite machine-to-machine: assertion aud is the token endpoint, scope rides in the JWT', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const netsuite = netsuiteClientCredentials({
      accountId: '1234567_SB1',
      clientId: 'nsintegration',
      certificateId: 'cert-abc',
      privateKey: await importAssertionKey(privateKey, 'ES256'),
      endpoints: { issuer, tokenEndpoint: `${issuer}/token` },
      http,
    });
    tokenRequests.length = 0;
    const refresher = netsuite.createRefresher();
    expect([refresher.usesRefreshToken, refresher.rotatesRefreshTokens]).toEqual([false, false]);
    const tokens = await refresher.refresh({ accessToken: 'expired', providerTenantId: '1234567_SB1' });
    expect(tokens.providerTenantId).toBe('1234567_SB1');
    const body = tokenRequests[0]?.body ?? {};
    expect(body.scope).toBeUndefined();
    const claims = JSON.parse(
      Buffer.from(String(body.client_assertion).split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    expect(claims).toMatchObject({
      aud: `${issuer}/token`,
      iss: 'nsintegration',
      scope: ['rest_webservices'],
    });
  });

  it('maps the server’s OAuth errors to LedgerErrors without its text or any token', async () => {
    const flows = createOAuthFlows(config(), client, { http });
    const secretText = canary('REFRESH', 'echoed-');
    const answer = (response: { statusCode: number; body: unknown }) => {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant', error_description: `refresh token ${secretText} is revoked` };
    };
    server.service.once('beforeResponse', answer);
    const error = await flows
      .refresh({ accessToken: canary('ACCESS'), refreshToken: secretText })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      providerCode: 'invalid_grant',
      httpStatus: 400,
      operation: 'auth.refresh',
      provider: 'mock',
    });
    expectNoSecrets(renderings(error), [secretText, 'revoked']);
  });

  it('drives the refresh manager: 100 concurrent callers, one token request', async () => {
    const flows = createOAuthFlows(config(), client, { http });
    const request = await flows.authorizationRequest({ redirectUri });
    const tokens = await flows.exchangeCode({
      callback: await consent(request.url),
      expectedState: request.state,
      codeVerifier: request.codeVerifier,
      redirectUri,
    });
    const vault = createEncryptedVault({ store: memorySecretStore(), keyRing: testKeyRing(1).keyRing });
    const key = { tenantId: 'clinic-1', connectionId: 'mock-main' };
    await vault.put(
      key,
      { ...tokens, accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() },
      { expectedVersion: undefined },
    );
    const credentials = createRefreshingCredentials({
      vault,
      key,
      refresher: flows.createRefresher(http),
      providerTenantId: 'tenant-1',
    });
    tokenRequests.length = 0;
    const results = await Promise.all(Array.from({ length: 100 }, () => credentials.current()));
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
    expect(tokenRequests).toHaveLength(1);
    expect((await vault.get(key))?.tokens.refreshToken).not.toBe(tokens.refreshToken);
  });

  it('keeps the hardened transport policy: plain http only to loopback, and only when opted in', async () => {
    const strict = createOAuthFlows(config(), client, { http: createOAuthHttp() });
    await expect(strict.refresh({ accessToken: 'a', refreshToken: 'r' })).rejects.toMatchObject({
      code: 'configuration_invalid',
      issues: [{ path: 'url', code: 'insecure_transport' }],
    });
    const remote = createOAuthFlows(config({ tokenEndpoint: 'http://oauth.example.com/token' }), client, {
      http,
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await expect(remote.refresh({ accessToken: 'a', refreshToken: 'r' })).rejects.toMatchObject({
      issues: [{ path: 'url', code: 'insecure_transport' }],
    });
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
