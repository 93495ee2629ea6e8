import { afterEach, describe, expect, it, vi } from 'vitest';
import { quickbooksOAuth } from '../../providers/quickbooks/auth.js';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { storeGrant } from '../../src/auth/store-grant.js';
import { AuthenticationError, ConfigurationError, isLedgerError } from '../../src/http/errors.js';
import { type QuickBooksOAuthHarness, startQuickBooksOAuthHarness } from './quickbooks-oauth-harness.js';
import { expectNoSecrets, renderings } from './support.js';

const MINUTE = 60_000;
const KEY = { tenantId: 'clinic-42', connectionId: 'qbo-main' };

let harness: QuickBooksOAuthHarness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function start(...args: Parameters<typeof startQuickBooksOAuthHarness>) {
  // Only the clock is faked: msw, undici and ky keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
  harness = startQuickBooksOAuthHarness(...args);
  return harness;
}

describe('QuickBooks connections that refresh their tokens', () => {
  it('makes exactly one token-endpoint call for 100 concurrent calls on an expired token, and all 100 succeed', async () => {
    const { sim, seedGrant, connect, refreshCalls, audit, vault } = start();
    const seeded = await seedGrant(KEY);
    const books = await connect(KEY);
    vi.advanceTimersByTime(61 * MINUTE);
    expect(sim.oauth.tokenStatus(seeded.tokens.accessToken)).toBe('expired');

    const results = await Promise.allSettled(Array.from({ length: 100 }, () => books.company.get()));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(100);
    expect(refreshCalls()).toBe(1);
    expect(sim.oauth.apiAuthentications.map((check) => check.status)).toEqual(Array(100).fill('live'));

    // The rotated refresh token was stored (by compare-and-swap) and the old one is spent.
    const stored = await vault.get(KEY);
    expect(stored?.version).toBe(2);
    expect(stored?.tokens.refreshToken).not.toBe(seeded.tokens.refreshToken);
    expect(sim.oauth.tokenStatus(seeded.tokens.refreshToken!)).toBe('spent');
    expect(audit.records.filter((record) => record.operation === 'auth.refresh')).toMatchObject([
      { outcome: 'success', tenantId: 'clinic-42', connectionId: 'qbo-main', provider: 'quickbooks' },
    ]);
  });

  it('sends no API request with an expired access token through a fake-clock day over 10 connections', async () => {
    const { sim, seedGrant, connect, refreshCalls } = start();
    const keys = Array.from({ length: 10 }, (_, index) => ({
      tenantId: `clinic-${index}`,
      connectionId: 'qbo-main',
    }));
    const connections = [];
    for (const key of keys) {
      await seedGrant(key);
      connections.push(await connect(key));
    }
    const end = Date.now() + 24 * 60 * MINUTE;
    let calls = 0;
    let step = 0;
    while (Date.now() < end) {
      // Uneven steps (1–17 min) so calls land everywhere relative to expiry and the 5-minute margin.
      vi.advanceTimersByTime(((step * 7) % 17) * MINUTE + MINUTE);
      step += 1;
      // Not every connection is busy every step: an idle one wakes up with an expired token.
      const busy = connections.filter((_, index) => (step + index) % 3 !== 0);
      await Promise.all(busy.map((books) => books.company.get()));
      calls += busy.length;
    }
    const verdicts = sim.oauth.apiAuthentications.map((check) => check.status);
    expect(verdicts).toHaveLength(calls);
    expect(verdicts.filter((status) => status !== 'live')).toEqual([]);
    console.log(
      `fake-clock day: ${calls} API calls over 10 connections, ${refreshCalls()} refreshes, 0 expired tokens sent`,
    );
    // About one refresh per hour per connection, never a storm.
    expect(refreshCalls()).toBeGreaterThanOrEqual(10 * 20);
    expect(refreshCalls()).toBeLessThanOrEqual(10 * 30);
  });

  it('marks the connection needs_reauth on invalid_grant, audits it once, and stops calling the token endpoint', async () => {
    const { sim, seedGrant, connect, refreshCalls, audit, vault } = start();
    const seeded = await seedGrant(KEY);
    const books = await connect(KEY);
    // The clinic disconnected the app at Intuit.
    await quickbooksOAuth({
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
    }).revoke(seeded.tokens.refreshToken!, { tokenTypeHint: 'refresh_token' });
    vi.advanceTimersByTime(61 * MINUTE);

    const logged = spyOnConsole();
    const first = await Promise.allSettled(Array.from({ length: 20 }, () => books.company.get()));
    const later = await Promise.allSettled(
      Array.from({ length: 20 }, () => books.invoices.listPage({ pageSize: 5 })),
    );
    const errors = [...first, ...later].map((result) =>
      result.status === 'rejected' ? result.reason : undefined,
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(isLedgerError(error) && error.issues).toEqual([{ path: 'vault', code: 'needs_reauth' }]);
    }
    expect(refreshCalls()).toBe(1);
    expect(sim.oauth.apiAuthentications).toEqual([]);
    expect((await vault.get(KEY))?.status).toBe('needs_reauth');
    const refreshAudits = audit.records.filter((record) => record.operation === 'auth.refresh');
    expect(refreshAudits).toHaveLength(1);
    expect(refreshAudits[0]).toMatchObject({
      outcome: 'failure',
      errorCode: 'invalid_grant',
      httpStatus: 400,
    });

    // A new connection object (a restart) fails fast too, without touching the network.
    const again = await connect(KEY);
    await expect(again.company.get()).rejects.toBeInstanceOf(AuthenticationError);
    expect(refreshCalls()).toBe(1);

    const everything = [errors.map(renderings).join('\n'), JSON.stringify(audit.records), logged()].join(
      '\n',
    );
    expectNoSecrets(everything, ['CANARY', seeded.tokens.accessToken, seeded.tokens.refreshToken!]);
  });

  it('never resends a refresh whose outcome is unknown: the still-valid token serves until it expires', async () => {
    const { sim, seedGrant, connect, refreshCalls, audit, vault } = start();
    const seeded = await seedGrant(KEY);
    const books = await connect(KEY);
    // Inside the 5-minute margin but not expired; Intuit rotates the refresh token, then the connection drops.
    vi.advanceTimersByTime(56 * MINUTE);
    sim.faults.inject({ kind: 'drop_after_commit', pathIncludes: '/tokens/bearer' });

    for (let minute = 56; minute < 60; minute += 1) {
      await books.company.get();
      await books.company.get();
      vi.advanceTimersByTime(MINUTE - 1);
    }
    expect(refreshCalls()).toBe(1);
    expect(sim.oauth.tokenStatus(seeded.tokens.refreshToken!)).toBe('spent');
    expect(sim.oauth.apiAuthentications.map((check) => check.status)).toEqual(Array(8).fill('live'));
    expect(audit.records.filter((record) => record.operation === 'auth.refresh')).toMatchObject([
      { outcome: 'uncertain', errorCode: 'network_error' },
    ]);

    // Once the token has expired, the refresh token is presented exactly once more. Here Intuit had
    // rotated it, so reuse detection ends the grant: the connection needs a reconnect, and no request
    // ever left with an expired token.
    vi.advanceTimersByTime(5 * MINUTE);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => books.company.get()));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(refreshCalls()).toBe(2);
    expect((await vault.get(KEY))?.status).toBe('needs_reauth');
    expect(sim.oauth.apiAuthentications).toHaveLength(8);
  });

  it('recovers from a refresh that was dropped before the server applied it', async () => {
    const { sim, seedGrant, connect, refreshCalls } = start();
    await seedGrant(KEY);
    const books = await connect(KEY);
    vi.advanceTimersByTime(58 * MINUTE);
    sim.faults.inject({ kind: 'drop_before_commit', pathIncludes: '/tokens/bearer' });
    await books.company.get();
    expect(refreshCalls()).toBe(1);
    // The hold has passed and the token expired: one more attempt, which succeeds.
    vi.advanceTimersByTime(3 * MINUTE);
    await books.company.get();
    expect(refreshCalls()).toBe(2);
    expect(sim.oauth.apiAuthentications.map((check) => check.status)).toEqual(['live', 'live']);
  });

  it('refreshes once after a 401 when the vault still holds the rejected token', async () => {
    const { sim, seedGrant, connect, refreshCalls, vault } = start();
    const seeded = await seedGrant(KEY);
    // The provider no longer honours this access token although it has not reached its expiry.
    await vault.put(
      KEY,
      { ...seeded.tokens, accessToken: 'CANARY-ACCESS-TOKEN-revoked-early' },
      { expectedVersion: 1 },
    );
    const books = await connect(KEY);
    const results = await Promise.all(Array.from({ length: 10 }, () => books.company.get()));
    expect(results).toHaveLength(10);
    expect(refreshCalls()).toBe(1);
    const verdicts = sim.oauth.apiAuthentications.map((check) => check.status);
    expect(verdicts.filter((status) => status === 'unknown')).toHaveLength(10);
    expect(verdicts.filter((status) => status === 'live')).toHaveLength(10);
  });

  it('connects a company end to end: authorization URL, consent, code exchange, storage, first call', async () => {
    const { sim, connect, vault } = start();
    const intuit = quickbooksOAuth({
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
    });
    const redirectUri = 'https://clinic-app.example/oauth/quickbooks/callback';
    const request = await intuit.authorizationRequest({ redirectUri });
    expect(request.url.origin + request.url.pathname).toBe('https://appcenter.intuit.com/connect/oauth2');
    expect(request.url.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
    expect(request.url.searchParams.get('code_challenge_method')).toBe('S256');

    const callback = sim.oauth.authorize(request.url);
    // A forged callback (wrong state) is refused before any token request.
    await expect(
      intuit.exchangeCode({
        callback,
        expectedState: 'someone-elses-state',
        codeVerifier: request.codeVerifier,
        redirectUri,
      }),
    ).rejects.toMatchObject({ code: 'configuration_invalid' });
    expect(sim.oauth.tokenCalls).toEqual([]);
    const tokens = await intuit.exchangeCode({
      callback,
      expectedState: request.state,
      codeVerifier: request.codeVerifier,
      redirectUri,
    });
    expect(tokens.providerTenantId).toBe(sim.credentials.realmId);
    expect(Date.parse(tokens.accessTokenExpiresAt!) - Date.now()).toBe(3_600_000);
    expect(Date.parse(tokens.refreshTokenExpiresAt!) - Date.now()).toBe(100 * 24 * 3_600_000);

    await storeGrant(vault, KEY, tokens);
    const books = await connect(KEY);
    expect((await books.company.get()).name).toBeTruthy();

    // The code is single-use; replaying it revokes what it issued (RFC 6749 §4.1.2), which the connection
    // learns at its next call: a 401, one forced refresh, invalid_grant, needs_reauth.
    await expect(
      intuit.exchangeCode({
        callback,
        expectedState: request.state,
        codeVerifier: request.codeVerifier,
        redirectUri,
      }),
    ).rejects.toMatchObject({ code: 'authentication_failed', providerCode: 'invalid_grant' });
    await expect(books.company.get()).rejects.toMatchObject({
      issues: [{ path: 'vault', code: 'needs_reauth' }],
    });
    // Reconnecting (a fresh consent) makes the same connection active again.
    const second = await intuit.authorizationRequest({ redirectUri });
    const fresh = await intuit.exchangeCode({
      callback: sim.oauth.authorize(second.url),
      expectedState: second.state,
      codeVerifier: second.codeVerifier,
      redirectUri,
    });
    expect((await storeGrant(vault, KEY, fresh)).status).toBe('active');
    expect((await books.company.get()).name).toBeTruthy();
  });
});

describe('the quickbooks() factory', () => {
  it('describes how to refresh only when given both client id and secret', () => {
    expect(quickbooks().auth).toBeUndefined();
    expect(quickbooks({ clientId: 'id', clientSecret: 'secret' }).auth?.createRefresher).toBeTypeOf(
      'function',
    );
    expect(() => quickbooks({ clientId: 'id' })).toThrow(ConfigurationError);
  });
});

describe('the simulated token endpoint', () => {
  it('detects refresh-token reuse and revokes the whole grant (RFC 9700)', async () => {
    const { sim } = start();
    const intuit = quickbooksOAuth({
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
    });
    const grant = sim.oauth.issueGrant();
    const first = { accessToken: grant.accessToken, refreshToken: grant.refreshToken };
    const rotated = await intuit.refresh(first);
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(sim.oauth.tokenStatus(rotated.accessToken)).toBe('live');

    // Someone replays the spent refresh token: nobody keeps the grant.
    await expect(intuit.refresh(first)).rejects.toMatchObject({
      providerCode: 'invalid_grant',
      httpStatus: 400,
    });
    expect(sim.oauth.tokenStatus(rotated.accessToken)).toBe('revoked');
    expect(sim.oauth.tokenStatus(rotated.refreshToken!)).toBe('revoked');
    await expect(intuit.refresh(rotated)).rejects.toMatchObject({ providerCode: 'invalid_grant' });
    // A wrong client secret is invalid_client, not invalid_grant: the grant itself is not to blame.
    const impostor = quickbooksOAuth({ clientId: sim.credentials.clientId, clientSecret: 'wrong' });
    await expect(impostor.refresh(rotated)).rejects.toMatchObject({
      providerCode: 'invalid_client',
      httpStatus: 401,
    });
  });

  it('reports Intuit lifetimes and keeps the refresh token when rotation is off', async () => {
    const { sim } = start({ oauth: { refreshTokenRotation: 'never' } });
    const intuit = quickbooksOAuth({
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
    });
    const grant = sim.oauth.issueGrant();
    vi.advanceTimersByTime(24 * 60 * MINUTE);
    const next = await intuit.refresh({ accessToken: grant.accessToken, refreshToken: grant.refreshToken });
    expect(next.refreshToken).toBe(grant.refreshToken);
    // Rolling: the 100 days restart at each refresh.
    expect(Date.parse(next.refreshTokenExpiresAt!) - Date.now()).toBe(100 * 24 * 3_600_000);
  });
});

function spyOnConsole(): () => string {
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' '))).join('\n');
}
