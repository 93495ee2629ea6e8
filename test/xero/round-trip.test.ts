import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createXeroSimulator } from '../../providers/xero/testing.js';
import { xeroProviderClient } from '../support/xero-client.js';

const sim = createXeroSimulator({ throttle: false });
const server = setupServer(...sim.handlers);
const client = xeroProviderClient(sim);

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
};

function seeded(
  entity: 'Account' | 'Item' | 'Contact',
  match: (record: Record<string, unknown>) => boolean,
): string {
  const record = sim.organisation.list(entity).find(match);
  const idField = { Account: 'AccountID', Item: 'ItemID', Contact: 'ContactID' }[entity];
  if (!record) throw new Error(`no seeded ${entity} matched`);
  return String(record[idField]);
}
const account = (code: string) => seeded('Account', (record) => record.Code === code);
const item = (code: string) => seeded('Item', (record) => record.Code === code);

describe('Xero adapter round trips through the simulator', () => {
  it('customers: create, read, update, archive; roles follow Xero’s flags', async () => {
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
    // A new contact has neither flag: it is in both lists, and a vendor read calls it a vendor.
    expect((await client.get('vendors', id)).entity.roles).toEqual(['vendor']);
    expect((await client.listPage('vendors')).items.map((vendor) => vendor.id)).toContain(id);

    const updated = await client.update('customers', { id, changes: { phone: '(555) 010-0998' } });
    expect(updated.entity).toMatchObject({
      phone: '(555) 010-0998',
      email: customerDraft.email,
      displayName: customerDraft.displayName,
    });

    const archived = await client.delete('customers', { id });
    expect(archived).toMatchObject({ effect: 'deactivated', entity: { active: false } });
    expect((await client.listPage('customers')).items.map((customer) => customer.id)).not.toContain(id);
    expect(
      (await client.listPage('customers', { active: false })).items.map((customer) => customer.id),
    ).toContain(id);
  });

  it('a contact becomes a customer once invoiced, and leaves the vendor list then', async () => {
    const contact = (await client.create('vendors', { displayName: 'Test Patient Flag (SYNTHETIC)' }))
      .entity!;
    await client.create('invoices', {
      contactId: contact.id,
      issueDate: '2026-03-01',
      currency: 'USD',
      lines: [{ itemId: item('99213'), amount: '125.00' }],
    });
    expect((await client.get('vendors', contact.id)).entity.roles).toEqual(['customer']);
    expect((await client.listPage('vendors')).items.map((vendor) => vendor.id)).not.toContain(contact.id);
    expect((await client.listPage('customers')).items.map((customer) => customer.id)).toContain(contact.id);
  });

  it('invoices: exact money, item codes resolved, read back, updated, voided; drafts delete', async () => {
    const customer = (await client.create('customers', customerDraft)).entity!;
    const draft = {
      contactId: customer.id,
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      currency: 'USD',
      customerMemo: 'Thank you',
      lines: [
        { description: 'Visit', itemId: item('99213'), quantity: '3', unitPrice: '33.33', amount: '99.99' },
        { description: 'Lab', accountId: account('210'), quantity: '1', unitPrice: '0.01', amount: '0.01' },
        { description: 'Taxed supply', accountId: account('200'), amount: '10.00', taxRateId: 'TAX001' },
      ],
    };
    const created = await client.create('invoices', draft);
    const invoice = created.entity!;
    expect(invoice).toMatchObject({
      contactId: customer.id,
      contactName: customerDraft.displayName,
      status: 'open',
      subtotal: '110.00',
      taxTotal: '0.89',
      total: '110.89',
      balance: '110.89',
      customerMemo: 'Thank you',
      number: expect.stringMatching(/^INV-\d{4}$/),
    });
    expect(
      invoice.lines.map((line) => [line.amount, line.quantity, line.unitPrice, line.itemId, line.taxRateId]),
    ).toEqual([
      ['99.99', '3', '33.33', item('99213'), 'NONE'],
      ['0.01', '1', '0.01', undefined, 'NONE'],
      ['10.00', '1', '10', undefined, 'TAX001'],
    ]);
    const sent = sim.requests.requests.find(
      (request) => request.method === 'PUT' && request.path.endsWith('/Invoices'),
    );
    expect(JSON.parse(sent!.bodyText!).Invoices[0].LineItems[0]).toMatchObject({ ItemCode: '99213' });
    expect(sent!.query).toEqual({ unitdp: '4' });
    expect((await client.get('invoices', invoice.id)).entity).toEqual(invoice);

    const updated = await client.update('invoices', {
      id: invoice.id,
      changes: { customerMemo: 'Updated memo' },
    });
    expect(updated.entity).toMatchObject({
      customerMemo: 'Updated memo',
      total: '110.89',
      lines: invoice.lines,
    });

    // Xero deletes only drafts; an approved invoice is voided.
    await expect(client.delete('invoices', { id: invoice.id })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: '', code: 'xero_invalid_status' }],
    });
    const voided = await client.void('invoices', { id: invoice.id });
    expect(voided).toMatchObject({
      effect: 'voided',
      entity: { status: 'void', balance: '0.00', total: '110.89' },
    });

    const draftInvoice = String(
      sim.organisation.list('Invoice').find((record) => record.Status === 'DRAFT')?.InvoiceID,
    );
    expect(await client.delete('invoices', { id: draftInvoice })).toMatchObject({
      effect: 'deleted',
      entity: { status: 'void' },
    });
    // Xero keeps deleted documents; they read back with status void.
    expect((await client.get('invoices', draftInvoice)).entity.status).toBe('void');
  });

  it('a bill is not an invoice: reading it through invoices is not found', async () => {
    const bill = String(
      sim.organisation.list('Invoice').find((record) => record.Type === 'ACCPAY')?.InvoiceID,
    );
    await expect(client.get('invoices', bill)).rejects.toMatchObject({
      code: 'not_found',
      operation: 'invoices.get',
    });
    expect((await client.get('bills', bill)).entity.id).toBe(bill);
  });

  it('payments move AmountDue, PAID and back, and a reversed payment restores the balance', async () => {
    const customer = (await client.create('customers', customerDraft)).entity!;
    const invoice = (
      await client.create('invoices', {
        contactId: customer.id,
        issueDate: '2026-03-01',
        currency: 'USD',
        lines: [{ itemId: item('99214'), amount: '175.00' }],
      })
    ).entity!;
    const partial = await client.create('payments', {
      contactId: customer.id,
      date: '2026-03-02',
      currency: 'USD',
      amount: '120.00',
      accountId: account('090'),
      reference: 'CHK-1',
      allocations: [{ targetType: 'invoice', targetId: invoice.id, amount: '120.00' }],
    });
    expect(partial.entity).toMatchObject({
      kind: 'received',
      contactId: customer.id,
      amount: '120.00',
      reference: 'CHK-1',
      status: 'posted',
      allocations: [{ targetType: 'invoice', targetId: invoice.id, amount: '120.00' }],
    });
    expect((await client.get('invoices', invoice.id)).entity).toMatchObject({
      balance: '55.00',
      status: 'open',
    });
    expect((await client.get('customers', customer.id)).entity.balance).toBe('55.00');
    const rest = await client.create('payments', {
      contactId: customer.id,
      date: '2026-03-03',
      currency: 'USD',
      amount: '55.00',
      accountId: account('090'),
      allocations: [{ targetType: 'invoice', targetId: invoice.id, amount: '55.00' }],
    });
    expect((await client.get('invoices', invoice.id)).entity).toMatchObject({
      balance: '0.00',
      status: 'paid',
    });
    const reversed = await client.void('payments', { id: rest.entity!.id });
    expect(reversed).toMatchObject({ effect: 'voided', entity: { status: 'void' } });
    expect((await client.get('invoices', invoice.id)).entity).toMatchObject({
      balance: '55.00',
      status: 'open',
    });
    // An over-payment is Xero's refusal, reported as a code, not Xero's words.
    await expect(
      client.create('payments', {
        contactId: customer.id,
        date: '2026-03-04',
        currency: 'USD',
        amount: '99.00',
        accountId: account('090'),
        allocations: [{ targetType: 'invoice', targetId: invoice.id, amount: '99.00' }],
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'amount', code: 'xero_amount_exceeds_due' }],
    });
  });

  it('a Xero payment settles one document with its whole amount; anything else is refused before sending', async () => {
    sim.requests.clear();
    const invoice = String(
      sim.organisation.list('Invoice').find((record) => record.Status === 'AUTHORISED')?.InvoiceID,
    );
    const base = {
      contactId: seeded('Contact', () => true),
      date: '2026-03-02',
      currency: 'USD',
      accountId: account('090'),
    };
    await expect(
      client.create('payments', {
        ...base,
        amount: '20.00',
        allocations: [
          { targetType: 'invoice', targetId: invoice, amount: '10.00' },
          { targetType: 'invoice', targetId: invoice, amount: '10.00' },
        ],
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'allocations', code: 'xero_one_allocation_per_payment' }] });
    await expect(
      client.create('payments', {
        ...base,
        amount: '30.00',
        allocations: [{ targetType: 'invoice', targetId: invoice, amount: '10.00' }],
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'amount', code: 'xero_unallocated_not_supported' }] });
    expect(sim.requests.requests).toHaveLength(0);
  });

  it('bills and bill payments', async () => {
    const vendor = seeded('Contact', (record) => record.IsSupplier === true);
    const bill = (
      await client.create('bills', {
        contactId: vendor,
        issueDate: '2026-03-01',
        dueDate: '2026-03-31',
        currency: 'USD',
        number: 'RT-1',
        memo: 'Quarterly glove order',
        lines: [{ accountId: account('400'), amount: '410.25', description: 'Supplies' }],
      })
    ).entity!;
    expect(bill).toMatchObject({
      status: 'open',
      total: '410.25',
      balance: '410.25',
      number: 'RT-1',
      memo: 'Quarterly glove order',
    });
    // A bill's Reference is the practice's own note.
    expect(sim.organisation.get('Invoice', bill.id)?.Reference).toBe('Quarterly glove order');
    expect(bill.lines[0]).toMatchObject({ accountId: account('400'), amount: '410.25' });
    const paid = await client.create('billPayments', {
      contactId: vendor,
      date: '2026-03-05',
      currency: 'USD',
      amount: '410.25',
      accountId: account('090'),
      allocations: [{ targetType: 'bill', targetId: bill.id, amount: '410.25' }],
    });
    expect(paid.entity).toMatchObject({
      kind: 'made',
      accountId: account('090'),
      amount: '410.25',
      allocations: [{ targetType: 'bill' }],
    });
    expect((await client.get('bills', bill.id)).entity).toMatchObject({ status: 'paid', balance: '0.00' });
    expect((await client.get('vendors', vendor)).entity.roles).toContain('vendor');
  });

  it('journal entries keep debits and credits exact, in the base currency', async () => {
    const entry = (
      await client.create('journalEntries', {
        date: '2026-03-31',
        currency: 'USD',
        memo: 'accrual',
        lines: [
          { accountId: account('410'), side: 'debit', amount: '1234.56', description: 'debit side' },
          { accountId: account('800'), side: 'credit', amount: '1234.56' },
        ],
      })
    ).entity!;
    expect(entry).toMatchObject({ currency: 'USD', memo: 'accrual' });
    expect(entry.lines.map((line) => [line.side, line.amount, line.accountId])).toEqual([
      ['debit', '1234.56', account('410')],
      ['credit', '1234.56', account('800')],
    ]);
    expect(
      (await client.update('journalEntries', { id: entry.id, changes: { memo: 'accrual (revised)' } })).entity
        ?.memo,
    ).toBe('accrual (revised)');
    await expect(client.delete('journalEntries', { id: entry.id })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await client.void('journalEntries', { id: entry.id })).effect).toBe('voided');
    await expect(
      client.create('journalEntries', {
        date: '2026-03-31',
        currency: 'EUR',
        number: 'JE-1',
        lines: [
          { accountId: account('410'), side: 'debit', amount: '1.00' },
          { accountId: account('800'), side: 'credit', amount: '1.00' },
        ],
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [
        { path: 'number', code: 'unsupported_by_provider' },
        { path: 'currency', code: 'not_base_currency' },
      ],
    });
  });

  it('expenses, credit notes, items and accounts', async () => {
    const vendor = seeded('Contact', (record) => record.IsSupplier === true);
    const expense = await client.create('expenses', {
      date: '2026-03-03',
      contactId: vendor,
      paymentAccountId: account('091'),
      paymentMethod: 'credit_card',
      currency: 'USD',
      reference: 'R-1',
      lines: [{ accountId: account('400'), amount: '19.99', description: 'gloves' }],
    });
    expect(expense.entity).toMatchObject({
      total: '19.99',
      paymentAccountId: account('091'),
      reference: 'R-1',
      status: 'posted',
    });
    const changed = await client.update('expenses', {
      id: expense.entity!.id,
      changes: { reference: 'R-2' },
    });
    expect(changed.entity).toMatchObject({ reference: 'R-2', total: '19.99', lines: [{ amount: '19.99' }] });
    expect((await client.void('expenses', { id: expense.entity!.id })).entity?.status).toBe('void');

    const created = await client.create('items', {
      name: 'Telehealth Follow-up',
      sku: 'TELE-02',
      type: 'service',
      unitPrice: '95.5',
      incomeAccountId: account('200'),
    });
    expect(created.entity).toMatchObject({
      name: 'Telehealth Follow-up',
      sku: 'TELE-02',
      type: 'service',
      unitPrice: '95.5',
      active: true,
    });
    expect(sim.organisation.get('Item', created.entity!.id)?.SalesDetails).toMatchObject({
      AccountCode: '200',
      UnitPrice: 95.5,
    });
    const repriced = await client.update('items', { id: created.entity!.id, changes: { unitPrice: '99' } });
    expect(repriced.entity).toMatchObject({ sku: 'TELE-02', unitPrice: '99' });
    await expect(client.create('items', { name: 'No code', type: 'service' })).rejects.toMatchObject({
      issues: [{ path: 'sku', code: 'required_by_provider' }],
    });
    expect((await client.delete('items', { id: created.entity!.id })).effect).toBe('deleted');
    await expect(client.get('items', created.entity!.id)).rejects.toMatchObject({ code: 'not_found' });

    const customer = (await client.create('customers', customerDraft)).entity!;
    const credit = await client.create('creditNotes', {
      contactId: customer.id,
      issueDate: '2026-03-04',
      currency: 'USD',
      lines: [{ itemId: item('99213'), amount: '20.00', description: 'courtesy credit' }],
    });
    expect(credit.entity).toMatchObject({
      total: '20.00',
      balance: '20.00',
      status: 'open',
      number: expect.stringMatching(/^CN-/),
    });

    const revenue = await client.create('accounts', {
      name: 'Telehealth Revenue',
      providerType: 'REVENUE',
      code: '4100',
    });
    expect(revenue.entity).toMatchObject({
      name: 'Telehealth Revenue',
      class: 'revenue',
      code: '4100',
      providerType: 'REVENUE',
      active: true,
    });
    const archived = await client.delete('accounts', { id: revenue.entity!.id });
    expect(archived).toMatchObject({ effect: 'deactivated', entity: { active: false } });
  });

  it('attachments go up as raw bytes under a content-hash name and list per record', async () => {
    const invoice = String(sim.organisation.list('Invoice')[0]?.InvoiceID);
    const bytes = new TextEncoder().encode('%PDF-1.4 synthetic EOB');
    sim.requests.clear();
    const uploaded = await client.create('attachments', {
      fileName: 'eob-test-patient-alpha.pdf',
      contentType: 'application/pdf',
      bytes,
      entityType: 'invoice',
      entityId: invoice,
    });
    expect(uploaded.entity).toMatchObject({
      id: expect.stringMatching(new RegExp(`^invoice:${invoice}:[0-9a-f-]{36}$`)),
      fileName: expect.stringMatching(/^attachment-[0-9a-f]{16}\.pdf$/),
      contentType: 'application/pdf',
      size: bytes.byteLength,
      entityType: 'invoice',
      entityId: invoice,
    });
    const [upload] = sim.requests.requests;
    // The real file name, which names a patient, never reaches the URL.
    expect(upload?.path).not.toContain('alpha');
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/pdf' } });
    expect(upload?.bodyText).toMatch(/not recorded/);
    expect((await client.get('attachments', uploaded.entity!.id)).entity).toEqual(uploaded.entity);
    const listed = await client.listPage('attachments', { entityType: 'invoice', entityId: invoice });
    expect(listed.items).toEqual([uploaded.entity]);
    await expect(client.listPage('attachments')).rejects.toMatchObject({
      issues: [{ path: 'filter.entityType', code: 'required' }],
    });
    await expect(
      client.create('attachments', {
        fileName: 'x.pdf',
        contentType: 'application/pdf',
        bytes,
        entityType: 'payment',
        entityId: invoice,
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'entityType', code: 'unsupported_by_provider' }] });
  });

  it('company info and tax rates read', async () => {
    expect((await client.get('company', 'current')).entity).toMatchObject({
      name: 'Maple Street Family Clinic (SIMULATED)',
      currency: 'USD',
      country: 'US',
      fiscalYearStartMonth: 1,
    });
    const rates = (await client.listPage('taxRates', { active: true })).items;
    expect(rates.map((rate) => [rate.id, rate.rate])).toContainEqual(['TAX001', '8.875']);
    expect(rates.every((rate) => rate.active)).toBe(true);
    expect((await client.get('taxRates', 'NONE')).entity.rate).toBe('0');
  });

  it('fields Xero has no place for are refused by path, before anything is sent', async () => {
    sim.requests.clear();
    const customer = seeded('Contact', (record) => record.IsCustomer === true);
    await expect(
      client.create('invoices', {
        contactId: customer,
        issueDate: '2026-03-01',
        currency: 'USD',
        memo: 'internal note',
        lines: [{ amount: '10.00', accountId: account('200'), serviceDate: '2026-02-28' }],
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      provider: 'xero',
      operation: 'invoices.create',
      issues: [
        { path: 'memo', code: 'unsupported_by_provider' },
        { path: 'lines.0.serviceDate', code: 'unsupported_by_provider' },
      ],
    });
    await expect(
      client.create('customers', { displayName: 'Test Patient Notes (SYNTHETIC)', notes: 'x' }),
    ).rejects.toMatchObject({
      issues: [{ path: 'notes', code: 'unsupported_by_provider' }],
    });
    await expect(client.listPage('customers', { nameStartsWith: 'Test' })).rejects.toMatchObject({
      name: 'UnsupportedOperationError',
      issues: [{ path: 'filter.nameStartsWith', code: 'unsupported_filter' }],
    });
    expect(sim.requests.requests).toHaveLength(0);
  });

  it('the Idempotency-Key replays the first answer instead of creating twice', async () => {
    const before = sim.organisation.list('Contact').length;
    const first = await client.create('customers', customerDraft, { idempotencyKey: 'same-key-1' });
    const second = await client.create('customers', customerDraft, { idempotencyKey: 'same-key-1' });
    expect(second.entity?.id).toBe(first.entity?.id);
    expect(sim.organisation.list('Contact').length).toBe(before + 1);
    const sent = sim.requests.requests.filter(
      (request) => request.method === 'PUT' && request.path.endsWith('/Contacts'),
    );
    expect(sent.map((request) => request.headers['idempotency-key'])).toEqual(['same-key-1', 'same-key-1']);
    expect(sent.every((request) => request.headers['xero-tenant-id'] === sim.credentials.tenantId)).toBe(
      true,
    );
    // The same key with a different request is a conflict, not a silent replay.
    await expect(
      client.create(
        'customers',
        { ...customerDraft, displayName: 'Someone Else (SYNTHETIC)' },
        { idempotencyKey: 'same-key-1' },
      ),
    ).rejects.toMatchObject({
      name: 'IdempotencyConflictError',
      code: 'idempotency_conflict',
      httpStatus: 400,
    });
  });

  it('reports Xero’s correlation id and rate-limit state on every call', async () => {
    const { meta } = await client.get('company', 'current');
    expect(meta.providerRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.rateLimit).toMatchObject({
      scope: 'minute',
      limit: 60,
      remaining: expect.any(Number),
      policy: 'xero-tenant-minute',
    });
  });
});

describe('refusals cost no reads', () => {
  it('a refused field on a document with item lines is refused before the item is read', async () => {
    sim.requests.clear();
    const vendor = seeded('Contact', (record) => record.IsSupplier === true);
    await expect(
      client.create('bills', {
        contactId: vendor,
        issueDate: '2026-03-01',
        currency: 'USD',
        lines: [{ itemId: item('SUP-GLOVES'), amount: '19.99', serviceDate: '2026-02-28' }],
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'lines.0.serviceDate', code: 'unsupported_by_provider' }] });
    expect(sim.requests.requests).toHaveLength(0);
  });
});
