import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { xero } from '../../providers/xero/index.js';
import { createXeroSimulator, type XeroSimulator } from '../../providers/xero/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import { createLedger } from '../../src/ledger.js';
import { percentile, runClockFor, seededRandom } from './support.js';

/**
 * An hour of simulated time (fake clock) with 10 organisations whose agents read in bursts against throttling
 * Xero simulators (60 a minute and 5 at once per tenant, enforced with 429s). One organisation is noisy: it
 * asks for more than a minute's budget at once. The client-side limiter must keep every tenant clear of 429s
 * and within 5 concurrent requests, and the noisy organisation must not slow the quiet ones.
 */
const TENANTS = 10;
const HOUR_MS = 3_600_000;
const SERVICE_MS = 150;
const NOISY_BURST = 100;
const QUIET_BURST = 8;

interface Tenant {
  readonly sim: XeroSimulator;
  readonly accountId: string;
  books?: Connection;
  inFlight: number;
  peak: number;
  throttled: number;
  readonly waits: number[];
}

const tenants: Tenant[] = Array.from({ length: TENANTS }, (_, index) => {
  const sim = createXeroSimulator({
    tenantId: `4e1b3c5a-7d2f-4a8e-9b6c-${String(index).padStart(12, '0')}`,
    accessToken: `sim-xero-token-${index}`,
    // The simulator holds each admitted request, so its own 5-at-once limit sees real overlap.
    responseDelayMs: SERVICE_MS,
  });
  return {
    sim,
    accountId: String(sim.organisation.list('Account')[0]?.AccountID),
    inFlight: 0,
    peak: 0,
    throttled: 0,
    waits: [],
  };
});

// All tenants share Xero's one host; the tenant header says whose organisation a request is for.
const server = setupServer(
  http.all('https://api.xero.com/api.xro/2.0/*', async ({ request }) => {
    const tenantId = request.headers.get('xero-tenant-id');
    const tenant = tenants.find((candidate) => candidate.sim.credentials.tenantId === tenantId);
    if (!tenant) return new HttpResponse(null, { status: 403 });
    tenant.inFlight += 1;
    tenant.peak = Math.max(tenant.peak, tenant.inFlight);
    const response = await tenant.sim.handle(request);
    tenant.inFlight -= 1;
    if (response.status === 429) tenant.throttled += 1;
    return new HttpResponse(response.body, { status: response.status, headers: response.headers });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => vi.useRealTimers());
afterAll(() => server.close());

describe('a simulated hour of bursty agents on Xero', () => {
  it('10 organisations: zero 429s, at most 5 at once, quiet p99 queue wait under 2 s', async () => {
    vi.useFakeTimers({
      now: new Date('2026-03-02T08:00:00Z'),
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
    const vault = createMemoryTokenVault();
    const ledger = createLedger({
      vault,
      audit: memoryAuditSink(),
      idempotencySecret: 'simulated-hour-secret-0123456789abcdef',
    });
    for (const [index, tenant] of tenants.entries()) {
      const key = { tenantId: `clinic-${index}`, connectionId: 'xero' };
      await vault.put(
        key,
        {
          accessToken: tenant.sim.credentials.accessToken,
          providerTenantId: tenant.sim.credentials.tenantId,
        },
        { expectedVersion: undefined },
      );
      tenant.books = await ledger.connect({ ...key, provider: xero() });
    }

    const random = seededRandom(11);
    const pending: Promise<void>[] = [];
    const burst = (tenant: Tenant, size: number) => {
      for (let request = 0; request < size; request += 1) {
        const started = Date.now();
        pending.push(
          tenant.books!.accounts.get(tenant.accountId).then(() => {
            tenant.waits.push(Date.now() - started - SERVICE_MS);
          }),
        );
      }
    };
    // The noisy organisation asks for 100 reads every other minute (50 a minute on average, but each burst is
    // more than one minute's 60); each quiet one bursts 8 every few minutes at a random moment.
    for (let minute = 0; minute < 60; minute += 1) {
      if (minute % 2 === 0) setTimeout(() => burst(tenants[0]!, NOISY_BURST), minute * 60_000);
      for (const tenant of tenants.slice(1)) {
        if (random() < 0.35)
          setTimeout(() => burst(tenant, QUIET_BURST), minute * 60_000 + Math.floor(random() * 60_000));
      }
    }
    await runClockFor(HOUR_MS + 180_000);
    await Promise.all(pending);

    const quietWaits = tenants.slice(1).flatMap((tenant) => tenant.waits);
    const noisy = tenants[0]!;
    const requests = tenants.reduce((total, tenant) => total + tenant.waits.length, 0);
    console.log(
      `simulated Xero hour: ${requests} requests; 429s ${tenants.reduce((total, tenant) => total + tenant.throttled, 0)}; ` +
        `peak concurrency ${Math.max(...tenants.map((tenant) => tenant.peak))}; ` +
        `quiet p99 wait ${percentile(quietWaits, 99)} ms; noisy p99 wait ${percentile(noisy.waits, 99)} ms`,
    );
    for (const tenant of tenants) {
      expect(tenant.throttled).toBe(0);
      expect(tenant.peak).toBeLessThanOrEqual(5);
    }
    expect(noisy.waits).toHaveLength(30 * NOISY_BURST);
    expect(quietWaits.length).toBeGreaterThan(1_000);
    expect(percentile(quietWaits, 99)).toBeLessThanOrEqual(2_000);
    // The noisy organisation was held back by its own limiter: the 40 reads past each minute's 60 waited for
    // the next minute.
    expect(percentile(noisy.waits, 99)).toBeGreaterThan(30_000);

    // The limiter's view matches Xero's: what it says remains in the tenant's minute window.
    const status = await noisy.books!.rateLimit();
    const lastMinute = noisy.sim.requests.requests.filter(
      (request) => request.at > Date.now() - 60_000,
    ).length;
    expect(status?.remaining).toBeLessThanOrEqual(60 - lastMinute);
  }, 120_000);
});
