import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditCallId } from '../../src/tools/index.js';
import { listInvoicesInput, okResult, startToolkitHarness } from './support/toolkit-harness.js';

const harness = startToolkitHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.audit.clear();
});

describe('list tools', () => {
  it('list one page at a time, with a cursor to pass back with the same filters', async () => {
    const toolkit = await harness.toolkit();
    const first = await toolkit.execute('list_invoices', listInvoicesInput({ pageSize: 2 }));
    expect(first).toMatchObject({ ok: true, resource: 'invoices', nextCursor: expect.any(String) });
    const { items, nextCursor } = okResult<{ items: { id: string }[]; nextCursor: string }>(first);
    expect(items).toHaveLength(2);
    const second = await toolkit.execute(
      'list_invoices',
      listInvoicesInput({ pageSize: 2, cursor: nextCursor }),
    );
    const secondIds = okResult<{ items: { id: string }[] }>(second).items.map((item) => item.id);
    expect(secondIds.some((id) => items.some((item) => item.id === id))).toBe(false);
  });

  it('apply filters; null means no filter', async () => {
    const toolkit = await harness.toolkit();
    const open = okResult<{ items: { balance: string }[] }>(
      await toolkit.execute('list_invoices', listInvoicesInput({ status: 'open', pageSize: 100 })),
    );
    expect(open.items.length).toBeGreaterThan(0);
    for (const invoice of open.items) expect(Number(invoice.balance)).toBeGreaterThan(0);
    const customers = await toolkit.execute('list_customers', {
      nameStartsWith: 'Test Patient A',
      active: true,
      updatedSince: null,
      cursor: null,
      pageSize: null,
    });
    expect(okResult<{ items: unknown[] }>(customers).items).toHaveLength(1);
  });

  it('refuses a cursor from another query as a validation failure naming the path', async () => {
    const toolkit = await harness.toolkit();
    const first = okResult<{ nextCursor: string }>(
      await toolkit.execute('list_invoices', listInvoicesInput({ pageSize: 1 })),
    );
    const result = await toolkit.execute(
      'list_invoices',
      listInvoicesInput({ pageSize: 1, status: 'open', cursor: first.nextCursor }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'cursor', code: 'invalid_cursor' }] },
    });
  });

  it('audit every read under the agent and the framework call id', async () => {
    const toolkit = await harness.toolkit({ actor: { agentId: 'billing-agent', sessionId: 'sess-1' } });
    await toolkit.execute('list_invoices', listInvoicesInput({ pageSize: 1 }), { callId: 'call_abc' });
    expect(harness.audit.records).toEqual([
      expect.objectContaining({
        operation: 'invoices.list',
        outcome: 'success',
        actor: { agentId: 'billing-agent', sessionId: 'sess-1', callId: 'call_abc' },
      }),
    ]);
  });

  it('hash a call id the audit trail cannot hold, so the call still succeeds and stays joinable', async () => {
    const toolkit = await harness.toolkit();
    const callId = 'call with spaces/and ünïcode';
    expect((await toolkit.execute('get_invoice_balance', { invoiceId: '2' }, { callId })).ok).toBe(true);
    expect(harness.audit.records[0]?.actor.callId).toBe(auditCallId(callId));
    expect(auditCallId(callId)).toMatch(/^sha256-[A-Za-z0-9_-]{43}$/);
  });
});

describe('get and helper tools', () => {
  it('get_invoice reads one record; an unknown id is not_found with a generic message', async () => {
    const toolkit = await harness.toolkit();
    expect(await toolkit.execute('get_invoice', { id: '2' })).toMatchObject({
      ok: true,
      resource: 'invoices',
      record: { id: '2', currency: 'USD' },
    });
    expect(await toolkit.execute('get_invoice', { id: '424242' })).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        retryable: false,
        retryAt: null,
        message: 'No such record in the connected ledger. Use an id returned by a read tool.',
      },
    });
  });

  it('get_invoice_balance does exact money: settled = total - balance', async () => {
    const toolkit = await harness.toolkit();
    expect(await toolkit.execute('get_invoice_balance', { invoiceId: '2' })).toEqual({
      ok: true,
      invoiceId: '2',
      number: '1002',
      status: 'open',
      currency: 'USD',
      total: '233.50',
      balance: '183.50',
      settled: '50.00',
      issueDate: '2026-02-09',
      dueDate: '2026-03-11',
    });
  });

  it('find_contact searches customers and vendors by name prefix', async () => {
    const toolkit = await harness.toolkit({ fields: { role: 'billing' } });
    const result = await toolkit.execute('find_contact', {
      namePrefix: 'Test Patient B',
      role: null,
      limit: null,
    });
    expect(result).toMatchObject({
      ok: true,
      truncated: false,
      matches: [{ role: 'customer', displayName: 'Test Patient Bravo (SYNTHETIC)' }],
    });
    const limited = await toolkit.execute('find_contact', { namePrefix: 'Test', role: 'customer', limit: 2 });
    expect(limited).toMatchObject({ ok: true, truncated: true });
    expect(okResult<{ matches: unknown[] }>(limited).matches).toHaveLength(2);
  });

  it('get_company and get_rate_limit_status', async () => {
    const toolkit = await harness.toolkit();
    expect(await toolkit.execute('get_company', {})).toMatchObject({
      ok: true,
      record: { name: 'Maple Street Family Clinic (SIMULATED)' },
    });
    const status = await toolkit.execute('get_rate_limit_status', {});
    expect(status).toMatchObject({ ok: true, waitSeconds: 0, rateLimit: { scope: expect.any(String) } });
  });

  it('a throttled read reports rate_limited with retryAt when the wait exceeds the budget', async () => {
    const books = await harness.connect({ ledger: { retry: { maxWaitMs: 100 } } });
    const toolkit = await harness.toolkit({}, books);
    harness.sim.faults.inject({ kind: 'rate_limit', retryAfterSeconds: 30 });
    const result = await toolkit.execute('get_invoice', { id: '2' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', retryable: true, retryAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
  });

  it('a malformed filter value is refused before any request, naming the path', async () => {
    const toolkit = await harness.toolkit();
    harness.sim.requests.clear();
    const result = await toolkit.execute('list_journal_entries', {
      updatedSince: 'not-a-date',
      cursor: null,
      pageSize: null,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'updatedSince' }] },
    });
    expect(harness.sim.requests.requests).toHaveLength(0);
  });
});
