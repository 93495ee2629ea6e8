/**
 * Xero through the public API, as a host uses it: vault, ledger, connect, reads, and writes through the
 * executor (validation, references, idempotency key, audit, verification).
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { contactIntent } from '../support/intents.js';
import { startXeroHarness } from '../support/xero-harness.js';

const harness = startXeroHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.sim.faults.clear();
});
const context = { actor: { agentId: 'billing-agent', sessionId: 'session-1' } };

function find(
  entity: 'Account' | 'Item' | 'Contact',
  match: (record: Record<string, unknown>) => boolean,
  field: string,
) {
  return String(harness.sim.organisation.list(entity).find(match)?.[field]);
}

describe('Xero through the ledger', () => {
  it('reads lists, pages and single records, audited as metadata', async () => {
    const books = await harness.connect();
    expect(books.provider).toBe('xero');
    const open = [];
    for await (const invoice of books.invoices.list({ status: 'open' })) open.push(invoice);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((invoice) => invoice.status === 'open')).toBe(true);
    const invoice = await books.invoices.get(open[0]!.id);
    expect(invoice.id).toBe(open[0]!.id);
    expect((await books.company.get()).name).toContain('SIMULATED');
    const reads = harness.audit.records.filter(
      (record) => record.provider === 'xero' && record.operation === 'invoices.get',
    );
    expect(reads.at(-1)).toMatchObject({ outcome: 'success', resourceId: invoice.id });
  });

  it('creates a contact, invoices it, takes a payment and voids another invoice through intents', async () => {
    const books = await harness.connect();
    const contact = await books.execute(
      contactIntent('Test Patient Ledger (SYNTHETIC)', { email: 'ledger@example.test' }),
      context,
    );
    expect(contact.status).toBe('created');
    const invoice = await books.execute(
      {
        intent: 'create_invoice',
        customerId: contact.entityId,
        invoiceNumber: null,
        issueDate: '2026-03-10',
        dueDate: '2026-04-09',
        currency: 'USD',
        lines: [
          {
            description: 'Office visit',
            itemId: find('Item', (record) => record.Code === '99213', 'ItemID'),
            accountId: null,
            quantity: '2',
            unitPrice: '62.50',
            amount: '125.00',
            taxRateId: null,
            serviceDate: null,
          },
        ],
        memo: null,
        customerMemo: 'Thank you for visiting',
      },
      context,
    );
    expect(invoice).toMatchObject({
      status: 'created',
      entity: { total: '125.00', balance: '125.00', status: 'open' },
    });
    const payment = await books.execute(
      {
        intent: 'record_payment',
        customerId: contact.entityId,
        date: '2026-03-11',
        amount: '25.00',
        currency: 'USD',
        depositAccountId: find('Account', (record) => record.Code === '090', 'AccountID'),
        reference: 'CHK-88',
        memo: null,
        allocations: [{ invoiceId: invoice.entityId, amount: '25.00' }],
      },
      context,
    );
    expect(payment).toMatchObject({ status: 'created', entity: { amount: '25.00', kind: 'received' } });
    expect((await books.invoices.get(String(invoice.entityId))).balance).toBe('100.00');
    const voidable = find(
      'Invoice' as never,
      (record) => record.Status === 'AUTHORISED' && record.AmountPaid === 0,
      'InvoiceID',
    );
    const voided = await books.execute({ intent: 'void_invoice', invoiceId: voidable }, context);
    expect(voided.status).toBe('updated');
    expect((await books.invoices.get(voidable)).status).toBe('void');
  });

  it('a write whose answer was lost is resent under the same Idempotency-Key and applied once', async () => {
    const books = await harness.connect();
    const before = harness.sim.organisation.list('Contact').length;
    harness.sim.faults.inject({ kind: 'drop_after_commit', method: 'PUT', pathIncludes: '/Contacts' });
    const result = await books.execute(contactIntent('Test Patient Dropped (SYNTHETIC)'), context);
    expect(result.status).toBe('created');
    expect(harness.sim.organisation.list('Contact').length).toBe(before + 1);
    const puts = harness.sim.requests.requests.filter(
      (request) => request.method === 'PUT' && request.path.endsWith('/Contacts'),
    );
    expect(puts.length).toBe(2);
    expect(new Set(puts.map((request) => request.headers['idempotency-key'])).size).toBe(1);
    expect(puts[0]?.headers['idempotency-key']).toBe(result.idempotencyKey);
  });

  it('refuses what Xero cannot take with the path, before asking Xero', async () => {
    const books = await harness.connect();
    harness.sim.requests.clear();
    const result = books.execute(
      {
        intent: 'create_invoice',
        customerId: find('Contact', (record) => record.IsCustomer === true, 'ContactID'),
        invoiceNumber: null,
        issueDate: '2026-03-10',
        dueDate: null,
        currency: 'USD',
        lines: [
          {
            description: 'Office visit',
            itemId: null,
            accountId: find('Account', (record) => record.Code === '200', 'AccountID'),
            quantity: null,
            unitPrice: null,
            amount: '125.00',
            taxRateId: null,
            serviceDate: '2026-03-09',
          },
        ],
        memo: null,
        customerMemo: null,
      },
      context,
    );
    await expect(result).rejects.toMatchObject({
      issues: [{ path: 'lines.0.serviceDate', code: 'unsupported_by_provider' }],
    });
    expect(harness.sim.requests.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
  });
});
