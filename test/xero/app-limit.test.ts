/**
 * Xero's app-wide minute limit across tenants: simulators given one `createXeroApp` share its budget, so one
 * tenant's calls can exhaust another's, as on Xero.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createXeroApp, createXeroSimulator, type XeroSimulator } from '../../providers/xero/testing.js';
import { startXeroHarness } from '../support/xero-harness.js';

const DENTAL = { tenantId: '33333333-4444-4555-8666-777777777777', accessToken: 'dental-token' };
/** Tenants of their own, so that their handlers never answer the clinic's or dental's requests. */
function tenant(digit: number) {
  const id = `${String(digit).repeat(8)}-0000-4000-8000-${String(digit).repeat(12)}`;
  return { tenantId: id, accessToken: `tenant-${digit}-token` };
}
const START = Date.parse('2026-03-01T10:00:00Z');

function fetchOrganisation(sim: XeroSimulator) {
  return fetch('https://api.xero.com/api.xro/2.0/Organisation', {
    headers: {
      authorization: `Bearer ${sim.credentials.accessToken}`,
      'xero-tenant-id': sim.credentials.tenantId,
    },
  });
}

function limits(response: Response) {
  return {
    status: response.status,
    app: response.headers.get('x-appminlimit-remaining'),
    minute: response.headers.get('x-minlimit-remaining'),
    problem: response.headers.get('x-rate-limit-problem'),
    retryAfter: response.headers.get('retry-after'),
  };
}

function at(seconds: number) {
  vi.setSystemTime(new Date(START + seconds * 1000));
}

// One msw server for the file (two would both intercept fetch): the harness's, whose simulator is the clinic.
const app = createXeroApp({ appPerMinute: 3 });
const harness = startXeroHarness({ app });
const clinic = harness.sim;
const dental = createXeroSimulator({ app, ...DENTAL });
beforeEach(() => {
  harness.server.use(...dental.handlers);
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
  app.reset();
  clinic.reset();
  dental.reset();
});
afterEach(() => {
  vi.useRealTimers();
  harness.server.resetHandlers();
});
afterAll(() => harness.close());

describe('simulators sharing one app', () => {
  const roomy = createXeroApp({ appPerMinute: 100 });
  const tightClinic = createXeroSimulator({ app: roomy, throttle: { perMinute: 2 }, ...tenant(4) });
  const tightDental = createXeroSimulator({ app: roomy, throttle: { perMinute: 2 }, ...tenant(5) });
  beforeEach(() => {
    roomy.reset();
    tightClinic.reset();
    tightDental.reset();
  });

  it('admits 3 calls across both tenants, then refuses every tenant with appminute', async () => {
    const answers = [];
    for (const [index, sim] of [clinic, dental, clinic, dental, clinic, dental].entries()) {
      at(index * 10);
      answers.push(limits(await fetchOrganisation(sim)));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429, 429]);
    // The remaining count falls across tenants, while each tenant's own minute counts only its calls.
    expect(answers.slice(0, 3)).toMatchObject([
      { app: '2', minute: '59', problem: null },
      { app: '1', minute: '59', problem: null },
      { app: '0', minute: '58', problem: null },
    ]);
    // The oldest call in the window (at 0 s) frees the next slot at 60 s.
    expect(answers.slice(3)).toEqual([
      { status: 429, app: '0', minute: '59', problem: 'appminute', retryAfter: '30' },
      { status: 429, app: '0', minute: '58', problem: 'appminute', retryAfter: '20' },
      { status: 429, app: '0', minute: '59', problem: 'appminute', retryAfter: '10' },
    ]);
    expect(app.remaining()).toBe(0);

    // A minute after the first call its slot is free again, for whichever tenant takes it.
    at(61);
    expect(limits(await fetchOrganisation(dental))).toMatchObject({ status: 200, app: '0' });
    expect(limits(await fetchOrganisation(clinic))).toMatchObject({
      status: 429,
      problem: 'appminute',
      retryAfter: '9',
    });
    at(121);
    expect(limits(await fetchOrganisation(clinic))).toMatchObject({ status: 200, app: '2' });
    expect(limits(await fetchOrganisation(dental))).toMatchObject({ status: 200, app: '1' });
  });

  it('keeps the per-tenant limits per tenant', async () => {
    harness.server.use(...tightClinic.handlers, ...tightDental.handlers);
    expect(limits(await fetchOrganisation(tightClinic))).toMatchObject({
      status: 200,
      minute: '1',
      app: '99',
    });
    expect(limits(await fetchOrganisation(tightClinic))).toMatchObject({
      status: 200,
      minute: '0',
      app: '98',
    });
    expect(limits(await fetchOrganisation(tightClinic))).toMatchObject({
      status: 429,
      problem: 'minute',
      app: '98',
    });
    // The other tenant's minute is untouched; the app's is shared.
    expect(limits(await fetchOrganisation(tightDental))).toMatchObject({
      status: 200,
      minute: '1',
      app: '97',
    });
    expect(roomy.remaining()).toBe(97);
  });

  it('reset() of one simulator takes back only its own calls; app.reset() forgets them all', async () => {
    expect((await fetchOrganisation(clinic)).status).toBe(200);
    expect((await fetchOrganisation(clinic)).status).toBe(200);
    expect((await fetchOrganisation(dental)).status).toBe(200);
    dental.reset();
    expect(app.remaining()).toBe(1);
    expect(limits(await fetchOrganisation(dental))).toMatchObject({ status: 200, app: '0' });
    expect(limits(await fetchOrganisation(clinic))).toMatchObject({ status: 429, problem: 'appminute' });
    clinic.reset();
    expect(app.remaining()).toBe(2);
    app.reset();
    expect(app.remaining()).toBe(3);
    expect(limits(await fetchOrganisation(dental))).toMatchObject({ status: 200, app: '2' });
  });

  it('without an app each simulator keeps its own app budget, as before', async () => {
    const alone = createXeroSimulator({ throttle: { appPerMinute: 2 }, ...tenant(6) });
    const other = createXeroSimulator({ throttle: { appPerMinute: 2 }, ...tenant(7) });
    harness.server.use(...alone.handlers, ...other.handlers);
    for (const sim of [alone, other, alone, other]) expect((await fetchOrganisation(sim)).status).toBe(200);
    expect(limits(await fetchOrganisation(other))).toMatchObject({ status: 429, problem: 'appminute' });
  });

  it('refuses ambiguous or impossible app limits', () => {
    expect(() => createXeroSimulator({ app, throttle: { appPerMinute: 5 } })).toThrow(TypeError);
    expect(() => createXeroSimulator({ app: { appPerMinute: 1, remaining: () => 1, reset() {} } })).toThrow(
      TypeError,
    );
    expect(() => createXeroApp({ appPerMinute: -1 })).toThrow(RangeError);
    expect(() => createXeroApp({ appPerMinute: 1.5 })).toThrow(RangeError);
    expect(createXeroApp().appPerMinute).toBe(10_000);
  });
});

describe('the SDK on a shared app', () => {
  it('meets a RateLimitError scoped to the app when another tenant spent the budget', async () => {
    const books = await harness.connect({ ledger: { retry: { retries: 0 } } });
    app.reset();
    for (let index = 0; index < 3; index += 1) expect((await fetchOrganisation(dental)).status).toBe(200);
    await expect(books.company.get()).rejects.toMatchObject({
      name: 'RateLimitError',
      code: 'rate_limited',
      httpStatus: 429,
      rateLimit: { scope: 'app', remaining: 0, policy: 'xero-app-minute' },
      retryAt: expect.any(String),
    });
    // The clinic's own minute was never touched: once the app's minute is free the same call goes through.
    app.reset();
    expect((await books.company.get()).name).toContain('SIMULATED');
  });
});
