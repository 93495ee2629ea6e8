/**
 * Budgets the SDK shares with callers it cannot see: other processes of the same app on the same tenant
 * (Xero reports what they used only through its remaining counts) and a day limit whose Retry-After is hours
 * away (an agent's call must fail at once with when to come back, not queue until tomorrow).
 */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { xero } from '../../providers/xero/index.js';
import { createXeroSimulator, type XeroSimulator } from '../../providers/xero/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import { isLedgerError } from '../../src/http/errors.js';
import { createLedger } from '../../src/ledger.js';

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
  vi.useRealTimers();
});

function start(sim: XeroSimulator) {
  let refused = 0;
  const server = setupServer(
    http.all('https://api.xero.com/api.xro/2.0/*', async ({ request }) => {
      const response = await sim.handle(request);
      if (response.status === 429) refused += 1;
      return response;
    }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  close = () => server.close();
  vi.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const accountId = String(sim.organisation.list('Account')[0]?.AccountID);
  /** A ledger process of its own: its own limiter, knowing nothing of the others. */
  async function process(retry?: { maxWaitMs: number }) {
    const vault = createMemoryTokenVault();
    const key = { tenantId: 'clinic-42', connectionId: 'xero' };
    await vault.put(
      key,
      { accessToken: sim.credentials.accessToken, providerTenantId: sim.credentials.tenantId },
      { expectedVersion: undefined },
    );
    const ledger = createLedger({
      vault,
      audit: memoryAuditSink(),
      idempotencySecret: 'shared-budget-secret-0123456789abcdef',
      ...(retry ? { retry } : {}),
    });
    return ledger.connect({ ...key, provider: xero() });
  }
  /** Another worker of the same app, calling Xero without this SDK. */
  async function foreignCalls(count: number) {
    const headers = {
      authorization: `Bearer ${sim.credentials.accessToken}`,
      'xero-tenant-id': sim.credentials.tenantId,
    };
    for (let call = 0; call < count; call += 1) {
      await sim.handle(new Request(`https://api.xero.com/api.xro/2.0/Accounts/${accountId}`, { headers }));
    }
  }
  return { accountId, process, foreignCalls, refused: () => refused };
}

async function settle(promises: Promise<unknown>[], ms: number) {
  for (let elapsed = 0; elapsed < ms; elapsed += 1_000) await vi.advanceTimersByTimeAsync(1_000);
  return Promise.allSettled(promises);
}

describe('a tenant budget other processes share', () => {
  it('waits for the calls Xero says others made instead of meeting a 429', async () => {
    const sim = createXeroSimulator();
    const { accountId, process, foreignCalls, refused } = start(sim);
    await foreignCalls(59);
    const books = await process();
    await books.accounts.get(accountId);
    // Xero said no calls remain; the next read waits for the foreign calls to age out and then succeeds.
    const results = await settle([books.accounts.get(accountId)], 120_000);
    expect(results[0]?.status).toBe('fulfilled');
    expect(refused()).toBe(0);
    expect(sim.requests.requests).toHaveLength(59 + 2);
  });

  it('a second SDK process learns from Xero’s count what the first used, and meets no 429', async () => {
    const sim = createXeroSimulator();
    const { accountId, process, refused } = start(sim);
    const [first, second] = await Promise.all([process(), process()]);
    const burst = (books: typeof first, count: number) =>
      Array.from({ length: count }, () => books.accounts.get(accountId));
    // The first process spends 40 of the minute's 60; the second then asks for 40 more.
    await settle(burst(first, 40), 5_000);
    const seconds = burst(second, 40);
    const results = await settle(seconds, 120_000);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(40);
    expect(refused()).toBe(0);
    expect(sim.requests.requests).toHaveLength(80);
  });
});

describe('a pause longer than the caller may wait', () => {
  it('fails at once with retryAt after a day-limit 429, sending nothing more', async () => {
    const sim = createXeroSimulator({ throttle: { perDay: 2 } });
    const { accountId, process } = start(sim);
    const books = await process({ maxWaitMs: 5_000 });
    await books.accounts.get(accountId);
    await books.accounts.get(accountId);
    const third = await books.accounts.get(accountId).catch((error: unknown) => error);
    expect(third).toMatchObject({ code: 'rate_limited' });
    const sent = sim.requests.requests.length;
    const fourth = books.accounts.get(accountId).catch((error: unknown) => error);
    const [settled] = await settle([fourth], 2_000);
    expect(settled?.status).toBe('fulfilled');
    const error = await fourth;
    expect(isLedgerError(error) && error.code).toBe('rate_limited');
    expect(isLedgerError(error) && Date.parse(error.retryAt!) - Date.now()).toBeGreaterThan(3_600_000);
    expect(sim.requests.requests.length).toBe(sent);
  });
});
