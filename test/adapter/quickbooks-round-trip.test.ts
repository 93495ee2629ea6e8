import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { quickBooksProviderClient } from '../support/quickbooks-client.js';

const sim = createQuickBooksSimulator({ throttle: false });
const server = setupServer(...sim.handlers);
const client = quickBooksProviderClient(sim);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

const customerDraft = {
  displayName: 'Test Patient Round Trip (SYNTHETIC)',
  givenName: 'Round',
  familyName: 'Trip',
  email: 'round.trip@example.test',
  phone: '(555) 010-0999',
  billingAddress: {
    line1: '1 Test Way',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    country: 'US',
  },
  notes: 'synthetic',
};

async function firstId(
  resource: 'accounts' | 'items' | 'vendors',
  match: (entity: Record<string, unknown>) => boolean,
) {
  for await (const entity of client.list(resource)) {
    if (match(entity as Record<string, unknown>)) return (entity as { id: string }).id;
  }
  throw new Error(`no ${resource} matched`);
}

describe('QuickBooks adapter round trips through the simulator', () => {
  it('customers: create, read, sparse update, deactivate', async () => {
    const created = await client.create('customers', customerDraft, { idempotencyKey: 'rt-customer-1' });
    expect(created.effect).toBe('created');
    expect(created.entity).toMatchObject({
      ...customerDraft,
      roles: ['customer'],
      active: true,
      balance: '0.00',
    });
    const id = created.entity!.id;
    expect((await client.get('customers', id)).entity).toEqual(created.entity);

    const updated = await client.update('customers', { id, changes: { phone: '(555) 010-0998' } });
    expect(updated.entity).toMatchObject({ phone: '(555) 010-0998', email: customerDraft.email });
    expect(updated.entity!.version).not.toBe(created.entity!.version);

    const removed = await client.delete('customers', { id });
    expect(removed.effect).toBe('deactivated');
    expect((await client.get('customers', id)).entity.active).toBe(false);
  });

  it('vendors: create and read', async () => {
    const created = await client.create('vendors', {
      displayName: 'Synthetic Lab Partner LLC',
      companyName: 'Synthetic Lab Partner LLC',
    });
    expect(created.entity).toMatchObject({ roles: ['vendor'], displayName: 'Synthetic Lab Partner LLC' });
    expect((await client.get('vendors', created.entity!.id)).entity.companyName).toBe(
      'Synthetic Lab Partner LLC',
    );
  });

  it('invoices: create with exact money, read, update, void, delete', async () => {
    const customer = await client.create('customers', customerDraft);
    const item = await firstId('items', (entity) => entity.type === 'service');
    const draft = {
      contactId: customer.entity!.id,
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      currency: 'USD',
      memo: 'synthetic memo',
      customerMemo: 'Thank you',
      lines: [
        {
          description: 'Visit',
          itemId: item,
          quantity: '3',
          unitPrice: '33.33',
          amount: '99.99',
          serviceDate: '2026-03-01',
        },
        { description: 'Lab', itemId: item, quantity: '1', unitPrice: '0.01', amount: '0.01' },
      ],
    };
    const created = await client.create('invoices', draft);
    const invoice = created.entity!;
    expect(invoice).toMatchObject({
      contactId: draft.contactId,
      status: 'open',
      total: '100.00',
      balance: '100.00',
    });
    expect(
      invoice.lines.map((line) => [line.amount, line.quantity, line.unitPrice, line.serviceDate]),
    ).toEqual([
      ['99.99', '3', '33.33', '2026-03-01'],
      ['0.01', '1', '0.01', undefined],
    ]);
    expect((await client.get('invoices', invoice.id)).entity).toEqual(invoice);

    const updated = await client.update('invoices', { id: invoice.id, changes: { memo: 'changed memo' } });
    expect(updated.entity).toMatchObject({ memo: 'changed memo', total: '100.00' });

    const voided = await client.void('invoices', { id: invoice.id });
    expect(voided.entity).toMatchObject({ status: 'void', total: '0.00', balance: '0.00' });

    const deleted = await client.delete('invoices', { id: invoice.id });
    expect(deleted.effect).toBe('deleted');
    await expect(client.get('invoices', invoice.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('payments move invoice balances, and voiding restores them', async () => {
    const customer = await client.create('customers', customerDraft);
    const item = await firstId('items', (entity) => entity.type === 'service');
    const invoice = (
      await client.create('invoices', {
        contactId: customer.entity!.id,
        issueDate: '2026-03-01',
        currency: 'USD',
        lines: [{ itemId: item, amount: '200.00' }],
      })
    ).entity!;
    const payment = await client.create('payments', {
      contactId: customer.entity!.id,
      date: '2026-03-02',
      currency: 'USD',
      amount: '150.00',
      reference: 'CHK-1',
      allocations: [{ targetType: 'invoice', targetId: invoice.id, amount: '120.00' }],
    });
    expect(payment.entity).toMatchObject({
      kind: 'received',
      amount: '150.00',
      unallocated: '30.00',
      allocations: [{ targetType: 'invoice', targetId: invoice.id, amount: '120.00' }],
    });
    expect((await client.get('invoices', invoice.id)).entity.balance).toBe('80.00');
    expect((await client.get('customers', customer.entity!.id)).entity.balance).toBe('80.00');

    await client.void('payments', { id: payment.entity!.id });
    expect((await client.get('invoices', invoice.id)).entity.balance).toBe('200.00');
  });

  it('bills and bill payments', async () => {
    const vendor = await firstId('vendors', () => true);
    const expenseAccount = await firstId('accounts', (entity) => entity.class === 'expense');
    const bank = await firstId('accounts', (entity) => entity.providerType === 'Bank');
    const bill = (
      await client.create('bills', {
        contactId: vendor,
        issueDate: '2026-03-01',
        dueDate: '2026-03-31',
        currency: 'USD',
        number: 'RT-1',
        lines: [{ accountId: expenseAccount, amount: '410.25', description: 'Supplies' }],
      })
    ).entity!;
    expect(bill).toMatchObject({ status: 'open', total: '410.25', balance: '410.25', number: 'RT-1' });
    expect(bill.lines[0]).toMatchObject({ accountId: expenseAccount, amount: '410.25' });
    const paid = await client.create('billPayments', {
      contactId: vendor,
      date: '2026-03-05',
      currency: 'USD',
      amount: '410.25',
      accountId: bank,
      allocations: [{ targetType: 'bill', targetId: bill.id, amount: '410.25' }],
    });
    expect(paid.entity).toMatchObject({ kind: 'made', accountId: bank, amount: '410.25' });
    expect((await client.get('bills', bill.id)).entity).toMatchObject({ status: 'paid', balance: '0.00' });
  });

  it('journal entries keep debits and credits exact', async () => {
    const debit = await firstId('accounts', (entity) => entity.class === 'expense');
    const credit = await firstId('accounts', (entity) => entity.providerType === 'Bank');
    const entry = (
      await client.create('journalEntries', {
        date: '2026-03-31',
        currency: 'USD',
        memo: 'accrual',
        lines: [
          { accountId: debit, side: 'debit', amount: '1234.56', description: 'debit side' },
          { accountId: credit, side: 'credit', amount: '1234.56' },
        ],
      })
    ).entity!;
    expect(entry.lines.map((line) => [line.side, line.amount, line.accountId])).toEqual([
      ['debit', '1234.56', debit],
      ['credit', '1234.56', credit],
    ]);
    await client.delete('journalEntries', { id: entry.id });
    await expect(client.get('journalEntries', entry.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('expenses, credit notes, items and accounts', async () => {
    const card = await firstId('accounts', (entity) => entity.providerType === 'Credit Card');
    const expenseAccount = await firstId('accounts', (entity) => entity.class === 'expense');
    const income = await firstId('accounts', (entity) => entity.class === 'revenue');
    const expense = await client.create('expenses', {
      date: '2026-03-03',
      paymentAccountId: card,
      paymentMethod: 'credit_card',
      currency: 'USD',
      lines: [{ accountId: expenseAccount, amount: '19.99', description: 'gloves' }],
    });
    expect(expense.entity).toMatchObject({
      paymentMethod: 'credit_card',
      total: '19.99',
      paymentAccountId: card,
    });

    const item = await client.create('items', {
      name: 'Telehealth Visit (SYNTHETIC)',
      type: 'service',
      unitPrice: '95.5',
      incomeAccountId: income,
    });
    expect(item.entity).toMatchObject({
      type: 'service',
      unitPrice: '95.5',
      incomeAccountId: income,
      active: true,
    });

    const customer = await client.create('customers', customerDraft);
    const credit = await client.create('creditNotes', {
      contactId: customer.entity!.id,
      issueDate: '2026-03-04',
      currency: 'USD',
      lines: [{ itemId: item.entity!.id, amount: '20.00', description: 'courtesy credit' }],
    });
    expect(credit.entity).toMatchObject({ total: '20.00', balance: '20.00', status: 'open' });

    const account = await client.create('accounts', {
      name: 'Telehealth Revenue',
      providerType: 'Income',
      code: '4100',
    });
    expect(account.entity).toMatchObject({
      name: 'Telehealth Revenue',
      class: 'revenue',
      code: '4100',
      active: true,
    });
    const deactivated = await client.delete('accounts', { id: account.entity!.id });
    expect(deactivated.entity?.active).toBe(false);
  });

  it('attachments upload as multipart and list back without download links', async () => {
    const invoice = (await client.listPage('invoices', {}, { pageSize: 1 })).items[0]!;
    const bytes = new TextEncoder().encode('%PDF-1.4 synthetic EOB');
    const uploaded = await client.create('attachments', {
      fileName: 'eob-synthetic.pdf',
      contentType: 'application/pdf',
      bytes,
      entityType: 'invoice',
      entityId: invoice.id,
      note: 'EOB',
    });
    expect(uploaded.entity).toMatchObject({
      fileName: 'eob-synthetic.pdf',
      contentType: 'application/pdf',
      size: bytes.byteLength,
      entityType: 'invoice',
      entityId: invoice.id,
      note: 'EOB',
    });
    const listed = (await client.listPage('attachments')).items;
    expect(listed.map((attachment) => attachment.id)).toContain(uploaded.entity!.id);
    expect(Object.keys(listed[0]!)).not.toContain('downloadUrl');
  });

  it('company info and tax rates read', async () => {
    expect((await client.get('company', 'current')).entity.name).toContain('SIMULATED');
    const rates = (await client.listPage('taxRates')).items;
    expect(rates[0]?.rate).toMatch(/^\d+(\.\d+)?$/);
  });

  it('updates fetch the current SyncToken when the caller has none, and a stale one is a ConflictError', async () => {
    const created = (await client.create('customers', customerDraft)).entity!;
    await client.update('customers', { id: created.id, changes: { notes: 'first' } });
    await expect(
      client.update('customers', { id: created.id, version: created.version, changes: { notes: 'stale' } }),
    ).rejects.toMatchObject({ name: 'ConflictError', code: 'stale_object', providerCode: '5010' });
  });

  it('the requestid replays the first response instead of creating twice', async () => {
    const before = sim.company.list('Customer').length;
    const first = await client.create('customers', customerDraft, { idempotencyKey: 'same-key-1' });
    const second = await client.create('customers', customerDraft, { idempotencyKey: 'same-key-1' });
    expect(second.entity?.id).toBe(first.entity?.id);
    expect(sim.company.list('Customer').length).toBe(before + 1);
    const sent = sim.requests.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/customer'),
    );
    expect(sent.every((request) => request.query.requestid === 'same-key-1')).toBe(true);
  });
});
