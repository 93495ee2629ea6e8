import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { isLedgerError, type LedgerError } from '../../src/http/errors.js';
import { renderError } from '../support/canary.js';
import { quickBooksProviderClient } from '../support/quickbooks-client.js';

const sim = createQuickBooksSimulator({ throttle: false });
const server = setupServer(...sim.handlers);
const client = quickBooksProviderClient(sim, { retries: 1 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  sim.faults.clear();
  sim.reset();
});
afterAll(() => server.close());

async function failure(action: () => Promise<unknown>): Promise<LedgerError> {
  try {
    await action();
  } catch (error) {
    if (isLedgerError(error)) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}

describe('QuickBooks adapter failures', () => {
  it('bad input is a ValidationError naming paths, never values, and sends nothing', async () => {
    sim.requests.clear();
    const error = await failure(() =>
      client.create('invoices', {
        contactId: '1',
        issueDate: '2026-02-30',
        currency: 'usd',
        lines: [{ amount: '12,50', description: 'Secret Diagnosis Text' }],
        surprise: 'Jane Q. Patient',
      }),
    );
    expect(error.name).toBe('ValidationError');
    expect([...new Set(error.issues?.map((issue) => issue.path))].sort()).toEqual([
      '',
      'currency',
      'issueDate',
      'lines.0.amount',
    ]);
    const rendered = renderError(error);
    for (const value of ['2026-02-30', 'usd', '12,50', 'Secret Diagnosis', 'Jane Q. Patient']) {
      expect(rendered).not.toContain(value);
    }
    expect(sim.requests.requests).toHaveLength(0);
  });

  it('an amount a JSON number cannot carry exactly is refused before sending', async () => {
    sim.requests.clear();
    const error = await failure(() =>
      client.create('invoices', {
        contactId: '1',
        issueDate: '2026-02-01',
        currency: 'USD',
        lines: [{ amount: '1234567890123.456' }],
      }),
    );
    expect(error.issues).toEqual([{ path: '', code: 'amount_not_representable' }]);
    expect(sim.requests.requests).toHaveLength(0);
  });

  it('ids that cannot be QuickBooks ids are refused before any request', async () => {
    sim.requests.clear();
    const error = await failure(() => client.get('invoices', 'Jane Doe'));
    expect(error.issues).toEqual([{ path: 'id', code: 'invalid_id' }]);
    expect(await failure(() => client.get('invoices', 'JaneDoe'))).toMatchObject({
      code: 'validation_failed',
    });
    expect(sim.requests.requests).toHaveLength(0);
  });

  it('malformed provider JSON is a ProviderResponseError that carries no body', async () => {
    sim.faults.inject({ kind: 'malformed_json', times: 2 });
    const error = await failure(() => client.get('customers', '1'));
    expect(error).toMatchObject({
      name: 'ProviderResponseError',
      code: 'provider_response_invalid',
      httpStatus: 200,
    });
    expect(error.issues).toEqual([{ path: '', code: 'invalid_json' }]);
    expect(renderError(error)).not.toContain('Test Patient');
    expect(renderError(error)).not.toContain('{"Customer"');
  });

  it('a record that does not fit the unified schema names the path, not the value', async () => {
    sim.company.update('Invoice', '1', { TxnDate: 'not-a-date Jane' });
    const error = await failure(() => client.get('invoices', '1'));
    expect(error.name).toBe('ProviderResponseError');
    expect(error.issues).toContainEqual({ path: 'issueDate', code: 'invalid_format' });
    expect(renderError(error)).not.toContain('Jane');
  });

  it('reads are retried after a 5xx; a write without a key is not, and is reported uncertain', async () => {
    sim.faults.inject({ kind: 'server_error', method: 'GET' });
    expect((await client.get('customers', '1')).meta.attempts).toBe(2);

    sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/customer' });
    const error = await failure(() =>
      client.create('customers', { displayName: 'Uncertain Patient (SYNTHETIC)' }),
    );
    expect(error).toMatchObject({ code: 'network_error', outcome: 'uncertain', attempts: 1 });
  });

  it('a write with a key is resent under the same requestid after a dropped connection, and applied once', async () => {
    const before = sim.company.list('Customer').length;
    sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/customer' });
    const result = await client.create(
      'customers',
      { displayName: 'Dropped Once (SYNTHETIC)' },
      { idempotencyKey: 'drop-once-1' },
    );
    expect(result.meta.attempts).toBe(2);
    expect(sim.company.list('Customer').length).toBe(before + 1);
    const posts = sim.requests.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/customer'),
    );
    expect(posts.slice(-2).map((request) => request.query.requestid)).toEqual(['drop-once-1', 'drop-once-1']);
  });

  it('once an attempt may have been applied, a later refusal does not make the write a certain failure', async () => {
    sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/customer' });
    sim.faults.inject({
      kind: 'rate_limit',
      method: 'POST',
      pathIncludes: '/customer',
      retryAfterSeconds: 600,
    });
    const error = await failure(() =>
      client.create(
        'customers',
        { displayName: 'Applied Then Throttled (SYNTHETIC)' },
        { idempotencyKey: 'sticky-1' },
      ),
    );
    expect(error).toMatchObject({ code: 'rate_limited', outcome: 'uncertain', attempts: 2 });
    expect(
      sim.company
        .list('Customer')
        .filter((customer) => customer.DisplayName === 'Applied Then Throttled (SYNTHETIC)'),
    ).toHaveLength(1);
  });

  it('a write the caller aborts after sending is uncertain; one aborted before sending is not', async () => {
    sim.requests.clear();
    // QuickBooks holds the request: the abort lands while it is on the wire.
    sim.faults.inject({ kind: 'timeout', method: 'POST', pathIncludes: '/customer', delayMs: 5_000 });
    const inFlight = new AbortController();
    setTimeout(() => inFlight.abort(), 100);
    const afterSending = await failure(() =>
      client.create(
        'customers',
        { displayName: 'Aborted In Flight (SYNTHETIC)' },
        { idempotencyKey: 'abort-in-flight-1', signal: inFlight.signal },
      ),
    );
    expect(afterSending).toMatchObject({ code: 'aborted', outcome: 'uncertain', retryable: false });
    expect(sim.requests.requests.filter((request) => request.method === 'POST')).toHaveLength(1);

    sim.requests.clear();
    const before = new AbortController();
    before.abort();
    const beforeSending = await failure(() =>
      client.create(
        'customers',
        { displayName: 'Aborted Before Sending (SYNTHETIC)' },
        { idempotencyKey: 'abort-before-1', signal: before.signal },
      ),
    );
    expect(beforeSending).toMatchObject({ code: 'aborted', outcome: 'failed' });
    expect(sim.requests.requests).toHaveLength(0);
  });

  it('the SyncToken read before an update carries no requestid, the update does', async () => {
    sim.requests.clear();
    await client.update(
      'customers',
      { id: '1', changes: { email: 'renamed@example.test' } },
      { idempotencyKey: 'update-key-1', actor: { agentId: 'billing-agent' } },
    );
    const [read, write] = sim.requests.requests;
    expect(read).toMatchObject({ method: 'GET' });
    expect(read?.query.requestid).toBeUndefined();
    expect(write).toMatchObject({ method: 'POST' });
    expect(write?.query.requestid).toBeDefined();
  });

  it('a timed-out read is retried', async () => {
    const slow = quickBooksProviderClient(sim, { retries: 1 });
    sim.faults.inject({ kind: 'timeout', method: 'GET', delayMs: 5_000 });
    // The default 2 s transport timeout in the test client ends the first attempt; the second succeeds.
    expect((await slow.get('customers', '1')).meta.attempts).toBe(2);
  }, 15_000);

  it('authentication and permission failures map to their classes', async () => {
    const wrongToken = quickBooksProviderClient({
      ...sim,
      credentials: { ...sim.credentials, accessToken: 'revoked' },
    });
    expect(await failure(() => wrongToken.get('customers', '1'))).toMatchObject({
      name: 'AuthenticationError',
      httpStatus: 401,
    });
    const wrongRealm = quickBooksProviderClient({
      ...sim,
      credentials: { ...sim.credentials, realmId: '1111' },
    });
    expect(await failure(() => wrongRealm.get('customers', '1'))).toMatchObject({
      name: 'PermissionError',
      httpStatus: 403,
    });
  });
});
