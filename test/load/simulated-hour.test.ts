import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { createQuickBooksSimulator, type QuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import { createLedger } from '../../src/ledger.js';
import { percentile, runClockFor, seededRandom } from './support.js';

/**
 * An hour of simulated time (fake clock) with 20 clinics whose agents read in bursts against throttling
 * QuickBooks simulators (500/min and 10/s per realm). One clinic is noisy. The client-side limiter must
 * keep every realm clear of 429s and within 10 concurrent requests, and the noisy clinic must not slow
 * the quiet ones.
 */
const TENANTS = 20;
const HOUR_MS = 3_600_000;
const SERVICE_MS = 120;
const NOISY_BURST = 150;
const QUIET_BURST = 12;

interface Tenant {
  readonly sim: QuickBooksSimulator;
  books?: Connection;
  inFlight: number;
  peak: number;
  throttled: number;
  readonly waits: number[];
}

const tenants: Tenant[] = Array.from({ length: TENANTS }, (_, index) => ({
  sim: createQuickBooksSimulator({
    realmId: `93414530${String(index).padStart(8, '0')}`,
    accessToken: `sim-token-${index}`,
  }),
  inFlight: 0,
  peak: 0,
  throttled: 0,
  waits: [],
}));

// Each realm answers after SERVICE_MS of simulated time, so concurrency is real and measurable.
const server = setupServer(
  ...tenants.map((tenant) =>
    http.all(
      `https://quickbooks.api.intuit.com/v3/company/${tenant.sim.credentials.realmId}/*`,
      async ({ request }) => {
        tenant.inFlight += 1;
        tenant.peak = Math.max(tenant.peak, tenant.inFlight);
        await new Promise((resolve) => setTimeout(resolve, SERVICE_MS));
        const response = await tenant.sim.handle(request);
        tenant.inFlight -= 1;
        if (response.status === 429) tenant.throttled += 1;
        return new HttpResponse(response.body, { status: response.status, headers: response.headers });
      },
    ),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => vi.useRealTimers());
afterAll(() => server.close());

describe('a simulated hour of bursty agents', () => {
  it('20 clinics: zero 429s, concurrency within the cap, quiet p99 queue wait under 2 s', async () => {
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
      const key = { tenantId: `clinic-${index}`, connectionId: 'qbo' };
      await vault.put(
        key,
        { accessToken: tenant.sim.credentials.accessToken, providerTenantId: tenant.sim.credentials.realmId },
        { expectedVersion: undefined },
      );
      tenant.books = await ledger.connect({ ...key, provider: quickbooks() });
    }

    const random = seededRandom(7);
    const pending: Promise<void>[] = [];
    const burst = (tenant: Tenant, size: number) => {
      for (let request = 0; request < size; request += 1) {
        const started = Date.now();
        pending.push(
          tenant.books!.accounts.get('1').then(() => {
            tenant.waits.push(Date.now() - started - SERVICE_MS);
          }),
        );
      }
    };
    // The noisy clinic bursts every minute; each quiet clinic every few minutes at a random moment.
    for (let minute = 0; minute < 60; minute += 1) {
      setTimeout(() => burst(tenants[0]!, NOISY_BURST), minute * 60_000);
      for (const tenant of tenants.slice(1)) {
        if (random() < 0.35)
          setTimeout(() => burst(tenant, QUIET_BURST), minute * 60_000 + Math.floor(random() * 60_000));
      }
    }
    await runClockFor(HOUR_MS + 120_000);
    await Promise.all(pending);

    const quietWaits = tenants.slice(1).flatMap((tenant) => tenant.waits);
    const noisy = tenants[0]!;
    const requests = tenants.reduce((total, tenant) => total + tenant.waits.length, 0);
    console.log(
      `simulated hour: ${requests} requests; 429s ${tenants.reduce((total, tenant) => total + tenant.throttled, 0)}; ` +
        `peak concurrency ${Math.max(...tenants.map((tenant) => tenant.peak))}; ` +
        `quiet p99 wait ${percentile(quietWaits, 99)} ms; noisy p99 wait ${percentile(noisy.waits, 99)} ms`,
    );
    for (const tenant of tenants) {
      expect(tenant.throttled).toBe(0);
      expect(tenant.peak).toBeLessThanOrEqual(10);
    }
    expect(noisy.waits).toHaveLength(60 * NOISY_BURST);
    expect(percentile(quietWaits, 99)).toBeLessThanOrEqual(2_000);
    // The noisy clinic really was throttled by its own limiter: its bursts needed more than 10 s to drain.
    expect(percentile(noisy.waits, 99)).toBeGreaterThan(10_000);

    // The limiter's view matches the provider's: what it says remains in the realm's minute window.
    const status = await noisy.books!.rateLimit();
    const lastMinute = noisy.sim.requests.requests.filter(
      (request) => request.at > Date.now() - 60_000,
    ).length;
    expect(status?.remaining).toBeLessThanOrEqual(500 - lastMinute);
  }, 120_000);
});
