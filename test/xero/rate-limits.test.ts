import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseXeroRateLimit, rateLimitProblem, xero } from '../../providers/xero/index.js';
import { createXeroSimulator } from '../../providers/xero/testing.js';
import type { HttpResponse } from '../../src/http/transport.js';
import { xeroProviderClient } from '../support/xero-client.js';

function headers(values: Record<string, string>, status = 200): HttpResponse {
  return { status, headers: new Headers(values), text: '' };
}

describe('parseXeroRateLimit', () => {
  it('reads the three remaining counts and reports the most restrictive', () => {
    expect(
      parseXeroRateLimit(
        headers({
          'x-minlimit-remaining': '58',
          'x-daylimit-remaining': '4990',
          'x-appminlimit-remaining': '9000',
        }),
      ),
    ).toEqual({
      limit: 60,
      remaining: 58,
      windowSeconds: 60,
      scope: 'minute',
      policy: 'xero-tenant-minute',
    });
    expect(
      parseXeroRateLimit(
        headers({
          'x-minlimit-remaining': '58',
          'x-daylimit-remaining': '3',
          'x-appminlimit-remaining': '9000',
        }),
      ),
    ).toMatchObject({ scope: 'day', remaining: 3, limit: 5000, windowSeconds: 86_400 });
    expect(
      parseXeroRateLimit(
        headers({
          'x-minlimit-remaining': '58',
          'x-daylimit-remaining': '4000',
          'x-appminlimit-remaining': '12',
        }),
      ),
    ).toMatchObject({ scope: 'app', remaining: 12, policy: 'xero-app-minute' });
    // A spent minute budget makes a caller wait longest, so it wins over a nearly spent day.
    expect(
      parseXeroRateLimit(
        headers({
          'x-minlimit-remaining': '0',
          'x-daylimit-remaining': '1',
          'x-appminlimit-remaining': '9000',
        }),
      ),
    ).toEqual({ limit: 60, remaining: 0, windowSeconds: 60, scope: 'minute', policy: 'xero-tenant-minute' });
  });

  it('ignores absent, garbage and absurd values', () => {
    expect(parseXeroRateLimit(headers({}))).toBeUndefined();
    expect(
      parseXeroRateLimit(headers({ 'x-minlimit-remaining': '-1', 'x-daylimit-remaining': 'lots' })),
    ).toBeUndefined();
    expect(parseXeroRateLimit(headers({ 'x-minlimit-remaining': '99999999999' }))).toBeUndefined();
    expect(parseXeroRateLimit(headers({ 'x-daylimit-remaining': ' 12 ' }))).toMatchObject({
      scope: 'day',
      remaining: 12,
    });
  });

  it('on a 429 the named budget wins, with Retry-After as its reset', () => {
    expect(
      parseXeroRateLimit(
        headers(
          {
            'x-minlimit-remaining': '40',
            'x-daylimit-remaining': '0',
            'retry-after': '3600',
            'x-rate-limit-problem': 'day',
          },
          429,
        ),
      ),
    ).toMatchObject({ scope: 'day', remaining: 0, resetSeconds: 3600, policy: 'xero-tenant-day' });
  });

  it.each([
    ['minute', 'minute'],
    ['Minute', 'minute'],
    ['day', 'day'],
    ['Daily', 'day'],
    ['appminute', 'app'],
    ['concurrent', 'concurrency'],
    ['weekly', undefined],
    [null, undefined],
  ])('X-Rate-Limit-Problem %s → %s', (value, scope) => {
    expect(rateLimitProblem(value)).toBe(scope);
  });
});

describe('the definition’s limits', () => {
  it('spaces calls at 60 a minute and 5 at once per tenant, 10,000 a minute per app; the day is left to headers', () => {
    const { definition } = xero();
    expect(definition.rateLimits).toEqual({ windows: [{ limit: 60, windowMs: 60_000 }], concurrency: 5 });
    expect(definition.appRateLimits).toEqual({ windows: [{ limit: 10_000, windowMs: 60_000 }] });
    expect(xero({ rateLimits: false }).definition).toMatchObject({
      rateLimits: undefined,
      appRateLimits: undefined,
    });
  });
});

describe('the simulator’s limits', () => {
  const sim = createXeroSimulator({ throttle: { perMinute: 3, perDay: 5, appPerMinute: 100 } });
  const concurrent = createXeroSimulator({
    tenantId: '11111111-2222-4333-8444-555555555555',
    accessToken: 'concurrent-token',
    responseDelayMs: 50,
  });
  const server = setupServer(...sim.handlers, ...concurrent.handlers);
  const fetchOrganisation = (target = sim) =>
    fetch('https://api.xero.com/api.xro/2.0/Organisation', {
      headers: {
        authorization: `Bearer ${target.credentials.accessToken}`,
        'xero-tenant-id': target.credentials.tenantId,
      },
    });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    sim.reset();
    concurrent.reset();
    vi.useRealTimers();
  });
  afterAll(() => server.close());

  it('sends the three limit headers on every answer, including refusals', async () => {
    const ok = await fetchOrganisation();
    expect([
      ok.headers.get('x-minlimit-remaining'),
      ok.headers.get('x-daylimit-remaining'),
      ok.headers.get('x-appminlimit-remaining'),
    ]).toEqual(['2', '4', '99']);
    const refused = await fetch('https://api.xero.com/api.xro/2.0/Organisation', {
      headers: { authorization: 'Bearer nope', 'xero-tenant-id': sim.credentials.tenantId },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-minlimit-remaining')).toBe('2');
    expect(refused.headers.get('xero-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers the 61st call of a minute (here the 4th of 3) with 429 minute and a Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    for (let index = 0; index < 3; index += 1) expect((await fetchOrganisation()).status).toBe(200);
    vi.setSystemTime(new Date('2026-03-01T10:00:20Z'));
    const throttled = await fetchOrganisation();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(throttled.headers.get('retry-after')).toBe('40');
    expect(throttled.headers.get('x-minlimit-remaining')).toBe('0');
    vi.setSystemTime(new Date('2026-03-01T10:01:01Z'));
    expect((await fetchOrganisation()).status).toBe(200);
  });

  it('runs out of the day, and says so', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.parse('2026-03-01T10:00:00Z');
    for (let index = 0; index < 5; index += 1) {
      vi.setSystemTime(new Date(start + index * 61_000));
      expect((await fetchOrganisation()).status).toBe(200);
    }
    vi.setSystemTime(new Date(start + 6 * 61_000));
    const throttled = await fetchOrganisation();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-rate-limit-problem')).toBe('day');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(80_000);
  });

  it('refuses a sixth call in flight with 429 concurrent', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetchOrganisation(concurrent)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect(refused?.headers.get('retry-after')).toBe('1');
  });

  it('the app-wide minute limit refuses with appminute', async () => {
    const app = createXeroSimulator({
      throttle: { appPerMinute: 2 },
      tenantId: '22222222-3333-4444-8555-666666666666',
      accessToken: 'app-token',
    });
    const local = setupServer(...app.handlers);
    server.close();
    local.listen({ onUnhandledRequest: 'error' });
    try {
      expect((await fetchOrganisation(app)).status).toBe(200);
      expect((await fetchOrganisation(app)).status).toBe(200);
      const throttled = await fetchOrganisation(app);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('x-rate-limit-problem')).toBe('appminute');
    } finally {
      local.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  it('the adapter turns a 429 into a RateLimitError with the scope and retryAt, after its retries', async () => {
    const client = xeroProviderClient(sim, { retries: 0 });
    for (let index = 0; index < 3; index += 1) await client.get('company', 'current');
    await expect(client.get('company', 'current')).rejects.toMatchObject({
      name: 'RateLimitError',
      code: 'rate_limited',
      httpStatus: 429,
      rateLimit: { scope: 'minute', remaining: 0, policy: 'xero-tenant-minute' },
      retryAt: expect.any(String),
    });
  });

  it('with the client-side limiter on, a burst is spread out instead of meeting the concurrency 429', async () => {
    const client = xeroProviderClient(concurrent, { rateLimits: true, retries: 0 });
    const results = await Promise.all(Array.from({ length: 8 }, () => client.get('company', 'current')));
    expect(results).toHaveLength(8);
  });
});
