import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import { createMemoryIdempotencyStore } from '../../src/executor/idempotency/store.js';
import { IdempotencyConflictError } from '../../src/http/errors.js';
import { createLedger } from '../../src/ledger.js';
import { contactIntent, invoiceIntent, paymentIntent, writeRequests } from '../support/intents.js';
import { ALLOW_ALL, startQuickBooksHarness, TEST_IDEMPOTENCY_SECRET } from '../support/quickbooks-harness.js';

const harness = startQuickBooksHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.sim.requests.clear();
  harness.sim.faults.clear();
});
const context = { actor: { agentId: 'billing-agent', sessionId: 'session-1' } };

describe('idempotent writes', () => {
  it('the same intent twice is one payment: the second call replays the stored outcome', async () => {
    const books = await harness.connect();
    const first = await books.execute(paymentIntent(), context);
    const second = await books.execute(paymentIntent(), context);
    expect(first.status).toBe('created');
    expect(second).toMatchObject({
      status: 'replayed',
      entityId: first.entityId,
      idempotencyKey: first.idempotencyKey,
    });
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(1);
    expect(harness.sim.company.list('Payment').filter((payment) => payment.TotalAmt === 20)).toHaveLength(1);
  });

  it('keys ignore key order and number formatting, differ per tenant, and fit QuickBooks requestid', async () => {
    const books = await harness.connect();
    const other = await harness.connect({ tenantId: 'clinic-43' });
    const a = await books.plan(paymentIntent(), context);
    const reordered = Object.fromEntries(Object.entries(paymentIntent()).reverse());
    const b = await books.plan(reordered, context);
    const c = await other.plan(paymentIntent(), context);
    expect(a.idempotencyKey).toBe(b.idempotencyKey);
    expect(a.idempotencyKey).not.toBe(c.idempotencyKey);
    expect(a.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.request.query.requestid).toBe(a.idempotencyKey);
  });

  it('50 concurrent identical writes make exactly one upstream POST and share its result', async () => {
    const books = await harness.connect();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => books.execute(invoiceIntent(), context)),
    );
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(1);
    expect(new Set(results.map((result) => result.entityId)).size).toBe(1);
    expect(results.every((result) => result.status === 'created')).toBe(true);
  });

  it('a caller key wins, and reusing it for different content is an IdempotencyConflictError', async () => {
    const books = await harness.connect();
    const first = await books.execute(contactIntent('Keyed Patient (SYNTHETIC)'), {
      ...context,
      idempotencyKey: 'host-key-1',
    });
    expect(first.idempotencyKey).toBe('host-key-1');
    await expect(
      books.execute(contactIntent('Someone Else (SYNTHETIC)'), { ...context, idempotencyKey: 'host-key-1' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(1);
  });

  it('a write dropped after commit is uncertain, and running it again reconciles without a duplicate', async () => {
    const books = await harness.connect({ ledger: { retry: { retries: 0 } } });
    harness.sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/payment' });
    const uncertain = await books.execute(paymentIntent(), context);
    expect(uncertain).toMatchObject({ status: 'uncertain', reason: 'network_error' });
    expect(harness.sim.company.list('Payment').filter((payment) => payment.TotalAmt === 20)).toHaveLength(1);

    const reconciled = await books.execute(paymentIntent(), context);
    expect(reconciled.status).toBe('created');
    expect(reconciled.idempotencyKey).toBe(uncertain.idempotencyKey);
    expect(harness.sim.company.list('Payment').filter((payment) => payment.TotalAmt === 20)).toHaveLength(1);
    // The resend carried the same requestid, and skipped the balance check the first attempt already moved.
    const posts = writeRequests(harness.sim.requests.requests);
    expect(posts.map((request) => request.query.requestid)).toEqual([
      uncertain.idempotencyKey,
      uncertain.idempotencyKey,
    ]);
  });

  it('retries inside one call reuse the key after a 5xx', async () => {
    const books = await harness.connect();
    harness.sim.faults.inject({ kind: 'server_error', method: 'POST', pathIncludes: '/invoice', times: 2 });
    const result = await books.execute(invoiceIntent(), context);
    expect(result).toMatchObject({ status: 'created', attempts: 3 });
    const keys = writeRequests(harness.sim.requests.requests).map((request) => request.query.requestid);
    expect(keys).toEqual([result.idempotencyKey, result.idempotencyKey, result.idempotencyKey]);
  });

  it('plan is a dry run: the mapped request and key, with no network call', async () => {
    const books = await harness.connect();
    const plan = await books.plan(invoiceIntent(), context);
    expect(harness.sim.requests.requests).toHaveLength(0);
    expect(plan).toMatchObject({
      resource: 'invoices',
      action: 'create',
      request: { method: 'POST', path: '/invoice' },
    });
    expect(plan.request.body).toMatchObject({
      CustomerRef: { value: '1' },
      Line: [{ Amount: 125, DetailType: 'SalesItemLineDetail' }],
    });
  });

  it('a failed write (certainly not applied) can be retried as new', async () => {
    const books = await harness.connect({ ledger: { retry: { retries: 0 } } });
    harness.sim.faults.inject({
      kind: 'rate_limit',
      method: 'POST',
      pathIncludes: '/invoice',
      retryAfterSeconds: 0,
    });
    await expect(books.execute(invoiceIntent(), context)).rejects.toMatchObject({ code: 'rate_limited' });
    expect((await books.execute(invoiceIntent(), context)).status).toBe('created');
  });

  it('a caller key reused concurrently for other content is a conflict, not a shared result', async () => {
    const books = await harness.connect();
    const results = await Promise.allSettled([
      books.execute(invoiceIntent(), { ...context, idempotencyKey: 'order-1' }),
      books.execute(invoiceIntent({ memo: 'different content' }), { ...context, idempotencyKey: 'order-1' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(1);
  });

  it('two connection objects of one ledger share de-duplication', async () => {
    const vault = createMemoryTokenVault();
    const key = { tenantId: 'clinic-42', connectionId: 'qbo-main' };
    await vault.put(
      key,
      { accessToken: harness.sim.credentials.accessToken, providerTenantId: harness.sim.credentials.realmId },
      { expectedVersion: undefined },
    );
    const ledger = createLedger({ vault, audit: harness.audit, idempotencySecret: TEST_IDEMPOTENCY_SECRET });
    const connectOptions = { ...key, provider: quickbooks(), policy: ALLOW_ALL };
    const [first, second] = [await ledger.connect(connectOptions), await ledger.connect(connectOptions)];
    const results = await Promise.all([
      first.execute(invoiceIntent(), context),
      second.execute(invoiceIntent(), context),
    ]);
    expect(new Set(results.map((result) => result.entityId)).size).toBe(1);
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(1);
  });

  it('a write another process is sending right now is reported uncertain, not sent twice', async () => {
    const store = createMemoryIdempotencyStore();
    const books = await harness.connect({ ledger: { idempotencyStore: store } });
    const plan = await books.plan(invoiceIntent(), context);
    // Another process sharing the store claimed this key a moment ago.
    const { contentFingerprint, scopedStoreKey } = await import('../../src/executor/idempotency/key.js');
    const { resolveTenantSecret } = await import('../../src/executor/idempotency/secrets.js');
    const secret = await resolveTenantSecret(TEST_IDEMPOTENCY_SECRET, 'clinic-42');
    const fingerprint = contentFingerprint({
      secret,
      tenantId: 'clinic-42',
      connectionId: 'qbo-main',
      intent: 'create_invoice',
      content: plan.intent,
    });
    await store.claim(
      scopedStoreKey({ tenantId: 'clinic-42', connectionId: 'qbo-main', key: plan.idempotencyKey }),
      fingerprint,
    );
    const result = await books.execute(invoiceIntent(), context);
    expect(result).toMatchObject({ status: 'uncertain', reason: 'write_in_progress' });
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
  });

  it('a malformed policy is refused when the connection opens', async () => {
    await expect(
      harness.connect({ policy: { allow: ['record_payment'], limits: { USD: '5,000' } } }),
    ).rejects.toMatchObject({
      name: 'ConfigurationError',
      issues: [{ path: 'policy.limits.USD', code: 'invalid_amount' }],
    });
    await expect(
      // @ts-expect-error: not an intent
      harness.connect({ policy: { allow: ['delete_ledger'] } }),
    ).rejects.toMatchObject({ issues: [{ path: 'policy.allow.0', code: 'unknown_intent' }] });
  });
});
