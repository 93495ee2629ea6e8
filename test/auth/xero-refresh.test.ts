/**
 * Xero connections that refresh their own tokens, against the Xero simulator's Identity endpoints: 30-minute
 * access tokens, refresh tokens that rotate on every use, and the tenant found through `GET /connections`.
 */
import { type SetupServer, setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  XERO_LEGACY_SCOPES,
  XERO_SCOPES,
  xero,
  xeroOAuth,
  xeroOAuthConfig,
} from '../../providers/xero/index.js';
import { createXeroSimulator, type XeroSimulator } from '../../providers/xero/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createEncryptedVault } from '../../src/auth/encrypted-vault.js';
import { memorySecretStore } from '../../src/auth/memory-secret-store.js';
import type { OAuthHttp } from '../../src/auth/oauth-http.js';
import { storeGrant } from '../../src/auth/store-grant.js';
import type { ConnectionKey } from '../../src/auth/token-vault.js';
import { AuthenticationError, ConfigurationError } from '../../src/http/errors.js';
import { createLedger } from '../../src/ledger.js';
import { ALLOW_ALL, TEST_IDEMPOTENCY_SECRET } from '../support/xero-harness.js';
import { expectNoSecrets, renderings, testKeyRing } from './support.js';

const MINUTE = 60_000;
const KEY: ConnectionKey = { tenantId: 'clinic-42', connectionId: 'xero-main' };
const REDIRECT_URI = 'https://clinic-app.example/oauth/xero/callback';

let server: SetupServer | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
  vi.useRealTimers();
});

function start(
  simulators: XeroSimulator[] = [createXeroSimulator({ throttle: false, oauth: { tokenPrefix: 'CANARY' } })],
) {
  // Only the clock is faked: msw, undici and ky keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
  server = setupServer(...simulators.flatMap((sim) => sim.handlers));
  server.listen({ onUnhandledRequest: 'error' });
  const [sim] = simulators as [XeroSimulator];
  const audit = memoryAuditSink();
  const vault = createEncryptedVault({ store: memorySecretStore(), keyRing: testKeyRing(2).keyRing });
  const ledger = createLedger({
    vault,
    audit,
    idempotencySecret: TEST_IDEMPOTENCY_SECRET,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  const { clientId, clientSecret } = sim.credentials;
  const provider = xero({ clientId, clientSecret, rateLimits: false });
  const identity = xeroOAuth({ clientId, clientSecret });
  const refreshCalls = () => sim.oauth.tokenCalls.filter((call) => call.grantType === 'refresh_token').length;
  const connect = (key: ConnectionKey) => ledger.connect({ provider, policy: ALLOW_ALL, ...key });
  /** Runs the whole consent flow and returns the exchanged grant. */
  async function consent(consentingSim: XeroSimulator = sim) {
    const request = await identity.authorizationRequest({ redirectUri: REDIRECT_URI });
    return {
      request,
      tokens: await identity.exchangeCode({
        callback: consentingSim.oauth.authorize(request.url),
        expectedState: request.state,
        codeVerifier: request.codeVerifier,
        redirectUri: REDIRECT_URI,
      }),
    };
  }
  return { sim, audit, vault, identity, refreshCalls, connect, consent };
}

describe('Xero connections that refresh their tokens', () => {
  it('connects an organisation end to end: granular scopes, consent, code exchange, tenant discovery, first call', async () => {
    const { sim, vault, connect, consent } = start();
    const { request, tokens } = await consent();
    expect(request.url.origin + request.url.pathname).toBe(
      'https://login.xero.com/identity/connect/authorize',
    );
    expect(request.url.searchParams.get('scope')?.split(' ')).toEqual([...XERO_SCOPES]);
    expect(request.url.searchParams.get('scope')).not.toContain('accounting.transactions');
    expect(request.url.searchParams.get('code_challenge_method')).toBe('S256');

    // The token response names no organisation; the one connection the token reaches does.
    expect(tokens.providerTenantId).toBe(sim.credentials.tenantId);
    expect(Date.parse(tokens.accessTokenExpiresAt!) - Date.now()).toBe(30 * MINUTE);
    expect(Date.parse(tokens.refreshTokenExpiresAt!) - Date.now()).toBe(60 * 24 * 60 * MINUTE);
    const connectionsCalls = sim.requests.requests.filter((recorded) => recorded.path === '/connections');
    expect(connectionsCalls).toHaveLength(1);

    await storeGrant(vault, KEY, tokens);
    const books = await connect(KEY);
    expect((await books.company.get()).name).toBeTruthy();
    expect(sim.oauth.apiAuthentications.at(-1)?.status).toBe('live');
  });

  it('leaves the tenant to the host when the token reaches several organisations, or discovery fails', async () => {
    const resolve = xeroOAuthConfig().resolveProviderTenant!;
    const connection = (tenantId: string, tenantType = 'ORGANISATION') => ({
      id: `conn-${tenantId}`,
      tenantId,
      tenantType,
      tenantName: 'Synthetic Clinic',
    });
    const answering = (status: number, body: unknown): OAuthHttp => ({
      allowInsecureLoopback: false,
      fetch: async (input, init) => {
        expect(String(input)).toBe('https://api.xero.com/connections');
        expect(new Headers(init?.headers).get('authorization')).toBe('Bearer access-token');
        return Response.json(body, { status });
      },
    });
    const context = (http: OAuthHttp) => ({
      callbackParameters: new URLSearchParams(),
      accessToken: 'access-token',
      http,
    });
    const both = [connection('org-a'), connection('org-b')];
    expect(await resolve(context(answering(200, both)))).toBeUndefined();
    // A practice (a bookkeeper's own Xero HQ) is not an organisation with books to reach.
    const one = [connection('org-a'), connection('practice-1', 'PRACTICE')];
    expect(await resolve(context(answering(200, one)))).toBe('org-a');
    expect(await resolve(context(answering(200, [])))).toBeUndefined();
    // The grant is already issued: a failed lookup leaves the choice to the host instead of losing it.
    expect(await resolve(context(answering(503, { Title: 'Unavailable' })))).toBeUndefined();
    expect(await resolve(context(answering(200, { not: 'a list' })))).toBeUndefined();
  });

  it('makes exactly one token-endpoint call for 100 concurrent calls on an expired token, and stores the rotated refresh token', async () => {
    const { sim, vault, connect, consent, refreshCalls, audit } = start();
    const { tokens } = await consent();
    await storeGrant(vault, KEY, tokens);
    const books = await connect(KEY);
    vi.advanceTimersByTime(31 * MINUTE);
    expect(sim.oauth.tokenStatus(tokens.accessToken)).toBe('expired');

    const results = await Promise.allSettled(Array.from({ length: 100 }, () => books.company.get()));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(100);
    expect(refreshCalls()).toBe(1);
    expect(sim.oauth.apiAuthentications.map((check) => check.status).filter((s) => s !== 'live')).toEqual([]);
    const stored = await vault.get(KEY);
    expect(stored?.tokens.refreshToken).not.toBe(tokens.refreshToken);
    expect(stored?.tokens.providerTenantId).toBe(sim.credentials.tenantId);
    expect(sim.oauth.tokenStatus(tokens.refreshToken!)).toBe('spent');
    expect(audit.records.filter((record) => record.operation === 'auth.refresh')).toMatchObject([
      { outcome: 'success', provider: 'xero' },
    ]);
  });

  it('sends no API request with an expired access token through a fake-clock day', async () => {
    const { sim, vault, connect, consent, refreshCalls } = start();
    await storeGrant(vault, KEY, (await consent()).tokens);
    const books = await connect(KEY);
    const end = Date.now() + 24 * 60 * MINUTE;
    let calls = 0;
    for (let step = 0; Date.now() < end; step += 1) {
      // Uneven steps (1–11 min) so calls land everywhere relative to the 30-minute expiry and 5-minute margin.
      vi.advanceTimersByTime(((step * 5) % 11) * MINUTE + MINUTE);
      await books.company.get();
      calls += 1;
    }
    const verdicts = sim.oauth.apiAuthentications.map((check) => check.status);
    // One more than the calls: tenant discovery (`GET /connections`) during the consent.
    expect(verdicts).toHaveLength(calls + 1);
    expect(verdicts.filter((status) => status !== 'live')).toEqual([]);
    // About one refresh per 25 minutes of use, never a storm.
    expect(refreshCalls()).toBeGreaterThanOrEqual(40);
    expect(refreshCalls()).toBeLessThanOrEqual(70);
  });

  it('marks the connection needs_reauth once the app is disconnected, without leaking a token', async () => {
    const { vault, connect, consent, identity, refreshCalls } = start();
    const { tokens } = await consent();
    await storeGrant(vault, KEY, tokens);
    const books = await connect(KEY);
    await identity.revoke(tokens.refreshToken!, { tokenTypeHint: 'refresh_token' });
    vi.advanceTimersByTime(31 * MINUTE);

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => books.company.get()));
    const errors = results.map((result) => (result.status === 'rejected' ? result.reason : undefined));
    for (const error of errors) {
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).issues).toEqual([{ path: 'vault', code: 'needs_reauth' }]);
    }
    expect(refreshCalls()).toBe(1);
    expect((await vault.get(KEY))?.status).toBe('needs_reauth');
    expectNoSecrets(errors.map(renderings).join('\n'), ['CANARY', tokens.accessToken, tokens.refreshToken!]);
  });

  it('survives a refresh whose answer was lost: the replaced token still works inside Xero’s grace', async () => {
    const { sim, vault, connect, consent, refreshCalls } = start();
    await storeGrant(vault, KEY, (await consent()).tokens);
    const books = await connect(KEY);
    // Inside the 5-minute margin: Xero rotates the refresh token, then the connection drops.
    vi.advanceTimersByTime(26 * MINUTE);
    sim.faults.inject({ kind: 'drop_after_commit', pathIncludes: '/connect/token' });
    await books.company.get();
    expect(refreshCalls()).toBe(1);
    // Once the access token has expired the old refresh token is presented again, 5 minutes after Xero
    // rotated it: within the grace, so the connection carries on (QuickBooks would need a reconnect).
    vi.advanceTimersByTime(5 * MINUTE);
    await books.company.get();
    expect(refreshCalls()).toBe(2);
    expect((await vault.get(KEY))?.status).toBe('active');
    expect(sim.oauth.apiAuthentications.map((check) => check.status).filter((s) => s !== 'live')).toEqual([]);
  });

  it('honours the replaced refresh token for 30 minutes, as Xero does, and treats later reuse as theft', async () => {
    const { sim, identity } = start();
    const grant = sim.oauth.issueGrant();
    const first = { accessToken: grant.accessToken, refreshToken: grant.refreshToken };
    const rotated = await identity.refresh(first);
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    // The answer was lost: the client presents the old token again 10 minutes later, and Xero accepts it.
    vi.advanceTimersByTime(10 * MINUTE);
    const retried = await identity.refresh(first);
    expect(sim.oauth.tokenStatus(retried.accessToken)).toBe('live');
    // The grace counts from the first rotation: 21 minutes later the old token is reuse, and nobody keeps the
    // grant.
    vi.advanceTimersByTime(21 * MINUTE);
    await expect(identity.refresh(first)).rejects.toMatchObject({ providerCode: 'invalid_grant' });
    expect(sim.oauth.tokenStatus(retried.refreshToken!)).toBe('revoked');
  });
});

describe('the xero() factory', () => {
  it('describes how to refresh only when given both client id and secret', () => {
    expect(xero().auth).toBeUndefined();
    expect(xero({ clientId: 'id', clientSecret: 'secret' }).auth?.createRefresher).toBeTypeOf('function');
    expect(() => xero({ clientSecret: 'secret' })).toThrow(ConfigurationError);
  });

  it('asks for the broad scopes when an app created before Xero’s granular scopes passes them', async () => {
    const identity = xeroOAuth({ clientId: 'id', clientSecret: 'secret' });
    const request = await identity.authorizationRequest({
      redirectUri: REDIRECT_URI,
      scopes: XERO_LEGACY_SCOPES,
    });
    expect(request.url.searchParams.get('scope')).toBe(XERO_LEGACY_SCOPES.join(' '));
  });
});
