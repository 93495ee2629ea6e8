import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createEncryptedVault } from '../../src/auth/encrypted-vault.js';
import { createMemoryLockProvider, type LockProvider } from '../../src/auth/lock-provider.js';
import { memorySecretStore } from '../../src/auth/memory-secret-store.js';
import { createRefreshingCredentials } from '../../src/auth/refreshing-credentials.js';
import type { TokenRefresher } from '../../src/auth/token-refresher.js';
import type { TokenSet } from '../../src/auth/token-vault.js';
import { AuthenticationError, isLedgerError, ProviderUnavailableError } from '../../src/http/errors.js';
import { canary, canaryTokens, expectNoSecrets, renderings, testKeyRing } from './support.js';

const KEY = { tenantId: 'clinic-42', connectionId: 'qbo-main' };
const MINUTE = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

/** A token server in a box: counts calls, rotates refresh tokens, and fails on request. */
function fakeRefresher(options: { rotates?: boolean; usesRefreshToken?: boolean; delayMs?: number } = {}) {
  const calls: TokenSet[] = [];
  let next: (() => never) | undefined;
  const refresher: TokenRefresher = {
    provider: 'quickbooks',
    rotatesRefreshTokens: options.rotates ?? true,
    usesRefreshToken: options.usesRefreshToken ?? true,
    async refresh(current) {
      calls.push(current);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
      if (next) {
        const fail = next;
        next = undefined;
        fail();
      }
      return {
        accessToken: canary('ACCESS'),
        refreshToken: options.rotates === false ? current.refreshToken : canary('REFRESH'),
        accessTokenExpiresAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
      };
    },
  };
  return {
    refresher,
    calls,
    failNext(error: Error) {
      next = () => {
        throw error;
      };
    },
  };
}

async function setup(tokens: Partial<TokenSet> = {}) {
  const vault = createEncryptedVault({ store: memorySecretStore(), keyRing: testKeyRing(1).keyRing });
  const seeded = await vault.put(KEY, canaryTokens(tokens), { expectedVersion: undefined });
  return { vault, seeded, audit: memoryAuditSink() };
}

const expired = () => ({ accessTokenExpiresAt: new Date(Date.now() - MINUTE).toISOString() });

describe('the refresh manager', () => {
  it('uses a fresh token without refreshing, and refreshes once within the margin', async () => {
    const { vault, seeded } = await setup();
    const fake = fakeRefresher();
    const credentials = createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher });
    expect((await credentials.current()).accessToken).toBe(seeded.tokens.accessToken);
    expect(fake.calls).toHaveLength(0);

    const margin = createRefreshingCredentials({
      vault,
      key: KEY,
      refresher: fake.refresher,
      refreshMarginMs: 61 * MINUTE,
    });
    const [a, b] = await Promise.all([margin.current(), margin.current()]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(a.accessToken).not.toBe(seeded.tokens.accessToken);
    expect(a.target.providerTenantId).toBe('9341453050298415');
    expect(fake.calls).toHaveLength(1);
  });

  it('refreshes once across "processes" that share the vault and a lock provider, re-reading after the lock', async () => {
    const { vault } = await setup(expired());
    const locks: LockProvider = createMemoryLockProvider();
    const fake = fakeRefresher({ delayMs: 20 });
    const processes = Array.from({ length: 5 }, () =>
      createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher, locks }),
    );
    const results = await Promise.all(
      processes.flatMap((process) => Array.from({ length: 20 }, () => process.current())),
    );
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
    expect(fake.calls).toHaveLength(1);
    expect((await vault.get(KEY))?.version).toBe(2);
  });

  it('stores by compare-and-swap and rides over a concurrent re-wrap without losing the rotated refresh token', async () => {
    const store = memorySecretStore();
    const { keyRing } = testKeyRing(2, 1);
    const vault = createEncryptedVault({ store, keyRing });
    await vault.put(KEY, canaryTokens(expired()), { expectedVersion: undefined });
    const fake = fakeRefresher({ delayMs: 30 });
    const credentials = createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher });
    const pending = credentials.current();
    // While the token request is in flight, an operator rotates the KEK and re-wraps (version 1 → 2).
    await new Promise((resolve) => setTimeout(resolve, 5));
    keyRing.rotate(2);
    expect(await vault.rewrap()).toMatchObject({ rewrapped: 1 });
    const result = await pending;
    const stored = await vault.get(KEY);
    expect(stored?.version).toBe(3);
    expect(stored?.tokens.accessToken).toBe(result.accessToken);
    expect(stored?.tokens.refreshToken).not.toBe(fake.calls[0]?.refreshToken);
  });

  it('marks needs_reauth without a network call when the refresh token has expired, audited once', async () => {
    const { vault, audit } = await setup({
      ...expired(),
      refreshTokenExpiresAt: new Date(Date.now() - 1).toISOString(),
    });
    const fake = fakeRefresher();
    const credentials = createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher, audit });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => credentials.current()));
    expect(
      results.every((result) => result.status === 'rejected' && result.reason instanceof AuthenticationError),
    ).toBe(true);
    expect(fake.calls).toHaveLength(0);
    expect((await vault.get(KEY))?.status).toBe('needs_reauth');
    expect(audit.records).toMatchObject([
      { operation: 'auth.refresh', outcome: 'failure', errorCode: 'refresh_token_expired' },
    ]);
  });

  it('audits invalid_grant once even when several processes hit it', async () => {
    const { vault, audit } = await setup(expired());
    const fake = fakeRefresher({ delayMs: 10 });
    fake.failNext(
      new AuthenticationError({ provider: 'quickbooks', providerCode: 'invalid_grant', httpStatus: 400 }),
    );
    const locks = createMemoryLockProvider();
    const processes = Array.from({ length: 3 }, () =>
      createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher, locks, audit }),
    );
    await Promise.allSettled(processes.flatMap((process) => [process.current(), process.current()]));
    await Promise.allSettled(processes.map((process) => process.current()));
    expect(fake.calls).toHaveLength(1);
    expect(audit.records.filter((record) => record.errorCode === 'invalid_grant')).toHaveLength(1);
  });

  it('keeps serving a still-valid token when the token endpoint is down, and reports the outage once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { vault, seeded, audit } = await setup({
      accessTokenExpiresAt: new Date(Date.now() + 2 * MINUTE).toISOString(),
    });
    const fake = fakeRefresher();
    const credentials = createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher, audit });
    fake.failNext(new ProviderUnavailableError({ httpStatus: 503 }));
    expect((await credentials.current()).accessToken).toBe(seeded.tokens.accessToken);
    vi.advanceTimersByTime(3 * MINUTE);
    fake.failNext(new ProviderUnavailableError({ httpStatus: 503 }));
    const error = await credentials.current().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(isLedgerError(error) && [error.operation, error.retryable, error.outcome]).toEqual([
      'auth.refresh',
      true,
      'failed',
    ]);
    // The server answered, so nothing is uncertain: the next call tries again and succeeds.
    expect((await credentials.current()).accessToken).not.toBe(seeded.tokens.accessToken);
    expect(fake.calls).toHaveLength(3);
    expect(audit.records.map((record) => record.outcome)).toEqual(['failure', 'failure', 'success']);
  });

  it('holds an uncertain refresh of a rotating grant, but may retry a non-rotating one at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const uncertain = () => new ProviderUnavailableError({ code: 'network_error', outcome: 'uncertain' });
    const { vault } = await setup(expired());
    const rotating = fakeRefresher();
    const credentials = createRefreshingCredentials({ vault, key: KEY, refresher: rotating.refresher });
    rotating.failNext(uncertain());
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const error = await credentials.current().catch((thrown: unknown) => thrown);
      expect(isLedgerError(error) && error.issues?.[0]?.code).toBe('refresh_outcome_unknown');
      expect(isLedgerError(error) && error.retryable).toBe(false);
    }
    expect(rotating.calls).toHaveLength(1);
    vi.advanceTimersByTime(61_000);
    await credentials.current();
    expect(rotating.calls).toHaveLength(2);
    // The hold belongs to the possibly spent refresh token: a reconnect (a new one) is not held.
    rotating.failNext(uncertain());
    const before = await vault.get(KEY);
    await vault.put(KEY, canaryTokens(expired()), { expectedVersion: before?.version });
    await expect(credentials.current()).rejects.toMatchObject({
      issues: [{ code: 'refresh_outcome_unknown' }],
    });
    const reconnected = await vault.get(KEY);
    await vault.put(KEY, canaryTokens(expired()), { expectedVersion: reconnected?.version });
    await credentials.current();
    expect(rotating.calls).toHaveLength(4);

    const other = await setup(expired());
    const clientCredentials = fakeRefresher({ rotates: false, usesRefreshToken: false });
    const machine = createRefreshingCredentials({
      vault: other.vault,
      key: KEY,
      refresher: clientCredentials.refresher,
    });
    clientCredentials.failNext(uncertain());
    const error = await machine.current().catch((thrown: unknown) => thrown);
    expect(isLedgerError(error) && error.retryable).toBe(true);
    await machine.current();
    expect(clientCredentials.calls).toHaveLength(2);
  });

  it('forces one refresh after a 401 only while the vault still holds the rejected token', async () => {
    const { vault, seeded } = await setup();
    const fake = fakeRefresher();
    const credentials = createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher });
    const renewed = await Promise.all(
      Array.from({ length: 10 }, () => credentials.afterRejection?.(seeded.tokens.accessToken)),
    );
    expect(renewed).toEqual(Array(10).fill(true));
    expect(fake.calls).toHaveLength(1);
    // A 401 for a token that is no longer current needs no refresh.
    expect(await credentials.afterRejection?.(seeded.tokens.accessToken)).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });

  it('lets a caller stop waiting without cancelling the refresh others share', async () => {
    const { vault } = await setup(expired());
    const fake = fakeRefresher({ delayMs: 30 });
    const credentials = createRefreshingCredentials({ vault, key: KEY, refresher: fake.refresher });
    const controller = new AbortController();
    const impatient = credentials.current(controller.signal);
    const patient = credentials.current();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ code: 'aborted' });
    expect((await patient).accessToken).toMatch(/^CANARY-ACCESS/);
    expect(fake.calls).toHaveLength(1);
  });

  it('fails fast and says so when there is nothing to refresh with', async () => {
    const none = createRefreshingCredentials({
      vault: createEncryptedVault({ store: memorySecretStore(), keyRing: testKeyRing(1).keyRing }),
      key: KEY,
      refresher: fakeRefresher().refresher,
    });
    await expect(none.current()).rejects.toMatchObject({
      issues: [{ path: 'vault', code: 'no_credentials' }],
    });
    const { vault } = await setup({ ...expired(), refreshToken: undefined });
    const noRefresh = createRefreshingCredentials({ vault, key: KEY, refresher: fakeRefresher().refresher });
    const error = await noRefresh.current().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ issues: [{ path: 'vault', code: 'no_refresh_token' }] });
    expectNoSecrets(renderings(error), ['CANARY']);
  });
});
