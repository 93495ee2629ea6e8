import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { listXeroTenants } from '../../providers/xero/index.js';
import { CLINIC_ORGANISATION_NAME, createXeroSimulator } from '../../providers/xero/testing.js';
import { msDate, msTimestamp } from '../../src/engine/jsonata-functions.js';

const sim = createXeroSimulator({ throttle: false, idempotencyReplayWindowMs: 60_000 });
const second = createXeroSimulator({
  tenantId: '3c3c3c3c-1111-4222-8333-444444444444',
  accessToken: 'second-token',
  throttle: false,
});
const server = setupServer(...sim.handlers, ...second.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sim.reset();
  second.reset();
});
afterEach(() => vi.useRealTimers());
afterAll(() => server.close());

type Json = Record<string, unknown>;

async function call(
  method: string,
  path: string,
  options: {
    body?: unknown;
    headers?: Record<string, string>;
    token?: string | null;
    tenant?: string | null;
    raw?: string | Uint8Array;
  } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token !== null)
    headers.authorization = `Bearer ${options.token ?? sim.credentials.accessToken}`;
  if (options.tenant !== null) headers['xero-tenant-id'] = options.tenant ?? sim.credentials.tenantId;
  const response = await fetch(`https://api.xero.com/api.xro/2.0${path}`, {
    method,
    headers,
    ...(options.raw !== undefined
      ? { body: options.raw }
      : options.body === undefined
        ? {}
        : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let json: Json | undefined;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const records = (result: { json?: Json | undefined }, key: string) => (result.json?.[key] ?? []) as Json[];
const contactId = () =>
  String(sim.organisation.list('Contact').find((contact) => contact.IsCustomer)?.ContactID);
const bankId = () =>
  String(sim.organisation.list('Account').find((account) => account.Code === '090')?.AccountID);

describe('authentication, tenant and envelope', () => {
  it('401 without the token, 403 for another tenant, 404 for an unknown path, each with Xero’s headers', async () => {
    const unauthorised = await call('GET', '/Invoices', { token: 'wrong' });
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.json).toMatchObject({ Title: 'Unauthorized', Status: 401 });
    const forbidden = await call('GET', '/Invoices', { tenant: null });
    expect(forbidden.status).toBe(403);
    const missing = await call('GET', '/NoSuchThing');
    expect(missing.status).toBe(404);
    for (const answer of [unauthorised, forbidden, missing]) {
      expect(answer.headers.get('xero-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.headers.get('x-minlimit-remaining')).toMatch(/^\d+$/);
    }
  });

  it('answers in Xero’s envelope with MS-JSON dates', async () => {
    const result = await call('GET', '/Organisation');
    expect(result.json).toMatchObject({
      Id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      Status: 'OK',
      ProviderName: expect.any(String),
      DateTimeUTC: expect.stringMatching(/^\/Date\(\d+\)\/$/),
      Organisations: [{ Name: CLINIC_ORGANISATION_NAME, BaseCurrency: 'USD' }],
    });
    const [invoice] = records(await call('GET', '/Invoices?page=1'), 'Invoices');
    expect(invoice).toMatchObject({
      Date: expect.stringMatching(/^\/Date\(\d+\+0000\)\/$/),
      DateString: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00$/),
      UpdatedDateUTC: expect.stringMatching(/^\/Date\(\d+\+0000\)\/$/),
    });
  });

  it('two simulators share one msw server, each answering its own tenant', async () => {
    const mine = await call('GET', '/Organisation');
    const theirs = await call('GET', '/Organisation', {
      token: 'second-token',
      tenant: second.credentials.tenantId,
    });
    expect(records(mine, 'Organisations')[0]?.OrganisationID).toBe(sim.credentials.tenantId);
    expect(records(theirs, 'Organisations')[0]?.OrganisationID).toBe(second.credentials.tenantId);
  });

  it('records every request with the token redacted and upload bytes as a size', async () => {
    sim.requests.clear();
    await call('GET', '/Invoices', { token: 'wrong' });
    const invoice = String(sim.organisation.list('Invoice')[0]?.InvoiceID);
    await call('PUT', `/Invoices/${invoice}/Attachments/scan.png`, {
      raw: new Uint8Array([137, 80, 78, 71]),
      headers: { 'content-type': 'image/png' },
    });
    const [rejected, upload] = sim.requests.requests;
    expect(rejected?.headers.authorization).toBe('Bearer [redacted]');
    expect(upload?.bodyText).toBe('[binary body, 4 bytes, not recorded]');
    expect(JSON.stringify(sim.requests.requests)).not.toContain(sim.credentials.accessToken);
  });

  it('lists the token’s tenants at /connections, through listXeroTenants', async () => {
    const tenants = await listXeroTenants({ accessToken: sim.credentials.accessToken });
    expect(tenants).toEqual([
      expect.objectContaining({
        tenantId: sim.credentials.tenantId,
        tenantType: 'ORGANISATION',
        tenantName: CLINIC_ORGANISATION_NAME,
        createdAt: '2026-01-05T09:00:00.000Z',
      }),
    ]);
    await expect(listXeroTenants({ accessToken: 'second-token' })).resolves.toHaveLength(1);
  });
});

describe('writes', () => {
  it('PUT creates and refuses an existing id; POST creates or updates; both take the envelope or a bare record', async () => {
    const created = await call('PUT', '/Contacts', {
      body: { Contacts: [{ Name: 'Test Patient Put (SYNTHETIC)' }] },
    });
    const id = String(records(created, 'Contacts')[0]?.ContactID);
    const again = await call('PUT', '/Contacts', {
      body: { ContactID: id, Name: 'Test Patient Put (SYNTHETIC)' },
    });
    expect(again.status).toBe(400);
    const updated = await call('POST', '/Contacts', {
      body: { Contacts: [{ ContactID: id, EmailAddress: 'put@example.test' }] },
    });
    expect(records(updated, 'Contacts')[0]).toMatchObject({
      ContactID: id,
      EmailAddress: 'put@example.test',
    });
    const bare = await call('POST', '/Contacts', { body: { Name: 'Test Patient Bare (SYNTHETIC)' } });
    expect(records(bare, 'Contacts')).toHaveLength(1);
    const mismatch = await call('POST', `/Contacts/${id}`, {
      body: { Contacts: [{ ContactID: bankId(), Name: 'x' }] },
    });
    expect(mismatch.status).toBe(400);
  });

  it('a ValidationException echoes the element and quotes values; summarizeErrors=false answers 200 per element', async () => {
    const body = {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { ContactID: contactId() },
          Status: 'AUTHORISED',
          LineItems: [{ Description: 'ok', LineAmount: 5, AccountCode: '200' }],
        },
        {
          Type: 'ACCREC',
          Contact: { ContactID: contactId() },
          Status: 'AUTHORISED',
          LineItems: [{ Description: 'Secret line', LineAmount: 5, AccountCode: 'NOPE' }],
        },
      ],
    };
    const before = sim.organisation.list('Invoice').length;
    const refused = await call('PUT', '/Invoices', { body });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException' });
    const [element] = (refused.json?.Elements ?? []) as Json[];
    expect(element).toMatchObject({
      LineItems: [
        {
          Description: 'Secret line',
          ValidationErrors: [{ Message: "Account code 'NOPE' is not a valid code for this document." }],
        },
      ],
    });
    // The whole batch is refused, the good element included.
    expect(sim.organisation.list('Invoice')).toHaveLength(before);
    const mixed = await call('PUT', '/Invoices?summarizeErrors=false', { body });
    expect(mixed.status).toBe(200);
    expect(records(mixed, 'Invoices').map((invoice) => invoice.HasErrors)).toEqual([false, true]);
    expect(sim.organisation.list('Invoice')).toHaveLength(before + 1);
  });

  it('bodies that are not JSON are a PostDataInvalidException', async () => {
    const result = await call('PUT', '/Contacts', {
      raw: '{"Contacts": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(result).toMatchObject({
      status: 400,
      json: { ErrorNumber: 14, Type: 'PostDataInvalidException' },
    });
  });

  it('computes lines exactly: recomputed line amounts, derived unit amounts, tax, and unitdp', async () => {
    const created = await call('PUT', '/Invoices?unitdp=4', {
      body: {
        Type: 'ACCREC',
        Contact: { ContactID: contactId() },
        LineItems: [
          { Description: 'a', Quantity: 3, UnitAmount: 33.3333, AccountCode: '200' },
          { Description: 'b', Quantity: 3, LineAmount: 100, AccountCode: '200' },
          { Description: 'c', LineAmount: 10, AccountCode: '200', TaxType: 'TAX001' },
        ],
      },
    });
    const [invoice] = records(created, 'Invoices');
    expect(
      ((invoice?.LineItems ?? []) as Json[]).map((line) => [
        line.Quantity,
        line.UnitAmount,
        line.LineAmount,
        line.TaxAmount,
      ]),
    ).toEqual([
      [3, 33.3333, 100, 0],
      [3, 33.3333, 100, 0],
      [1, 10, 10, 0.89],
    ]);
    expect(invoice).toMatchObject({
      SubTotal: 210,
      TotalTax: 0.89,
      Total: 210.89,
      AmountDue: 210.89,
      Status: 'DRAFT',
    });
    const twoPlaces = await call('GET', `/Invoices/${String(invoice?.InvoiceID)}`);
    expect(((records(twoPlaces, 'Invoices')[0]?.LineItems ?? []) as Json[])[0]?.UnitAmount).toBe(33.33);
  });

  it('status machine: drafts delete, approved documents void, paid ones do neither', async () => {
    const draft = sim.organisation.list('Invoice').find((invoice) => invoice.Status === 'DRAFT')!;
    const deleted = await call('POST', `/Invoices/${String(draft.InvoiceID)}`, {
      body: { Invoices: [{ Status: 'DELETED' }] },
    });
    expect(records(deleted, 'Invoices')[0]).toMatchObject({ Status: 'DELETED', AmountDue: 0 });
    const paid = sim.organisation.list('Invoice').find((invoice) => invoice.Status === 'PAID')!;
    const voidPaid = await call('POST', `/Invoices/${String(paid.InvoiceID)}`, {
      body: { Invoices: [{ Status: 'VOIDED' }] },
    });
    expect(voidPaid.status).toBe(400);
    const partly = sim.organisation
      .list('Invoice')
      .find((invoice) => invoice.Status === 'AUTHORISED' && invoice.AmountPaid !== 0)!;
    expect(
      (await call('POST', `/Invoices/${String(partly.InvoiceID)}`, { body: { Status: 'VOIDED' } })).status,
    ).toBe(400);
    expect(
      (await call('POST', `/Invoices/${String(partly.InvoiceID)}`, { body: { Status: 'DELETED' } })).status,
    ).toBe(400);
    const journal = sim.organisation.list('ManualJournal')[0]!;
    expect(
      (
        await call('POST', `/ManualJournals/${String(journal.ManualJournalID)}`, {
          body: { Status: 'DELETED' },
        })
      ).status,
    ).toBe(400);
    expect(
      records(
        await call('POST', `/ManualJournals/${String(journal.ManualJournalID)}`, {
          body: { Status: 'VOIDED' },
        }),
        'ManualJournals',
      )[0]?.Status,
    ).toBe('VOIDED');
  });

  it('payments move AmountDue and AmountPaid, flip PAID, and a DELETED payment restores them', async () => {
    const invoice = sim.organisation
      .list('Invoice')
      .find((record) => record.Status === 'AUTHORISED' && record.AmountPaid === 0)!;
    const id = String(invoice.InvoiceID);
    const total = Number(invoice.Total);
    const payment = await call('PUT', '/Payments', {
      body: {
        Payments: [
          { Invoice: { InvoiceID: id }, Account: { AccountID: bankId() }, Amount: total, Date: '2026-03-20' },
        ],
      },
    });
    expect(records(payment, 'Payments')[0]).toMatchObject({
      PaymentType: 'ACCRECPAYMENT',
      Status: 'AUTHORISED',
      Amount: total,
    });
    expect(sim.organisation.get('Invoice', id)).toMatchObject({
      Status: 'PAID',
      AmountDue: 0,
      AmountPaid: total,
      FullyPaidOnDate: expect.any(String),
    });
    const paymentId = String(records(payment, 'Payments')[0]?.PaymentID);
    await call('POST', `/Payments/${paymentId}`, { body: { Status: 'DELETED' } });
    expect(sim.organisation.get('Invoice', id)).toMatchObject({
      Status: 'AUTHORISED',
      AmountDue: total,
      AmountPaid: 0,
    });
    const overpaid = await call('PUT', '/Payments', {
      body: { Invoice: { InvoiceID: id }, Account: { AccountID: bankId() }, Amount: total + 1 },
    });
    expect(overpaid.status).toBe(400);
    const notBank = await call('PUT', '/Payments', {
      body: { Invoice: { InvoiceID: id }, Account: { Code: '200' }, Amount: 1 },
    });
    expect(JSON.stringify(notBank.json)).toContain('Account type is invalid for making a payment to/from');
  });

  it('contacts become customers or suppliers when documents are raised, and carry balances', async () => {
    const created = await call('PUT', '/Contacts', { body: { Name: 'Test Patient Flags (SYNTHETIC)' } });
    const id = String(records(created, 'Contacts')[0]?.ContactID);
    expect(records(created, 'Contacts')[0]).toMatchObject({ IsCustomer: false, IsSupplier: false });
    await call('PUT', '/Invoices', {
      body: {
        Type: 'ACCREC',
        Contact: { ContactID: id },
        Status: 'AUTHORISED',
        LineItems: [{ ItemCode: '99213', Quantity: 1 }],
      },
    });
    expect(sim.organisation.get('Contact', id)).toMatchObject({
      IsCustomer: true,
      IsSupplier: false,
      Balances: { AccountsReceivable: { Outstanding: 125 } },
    });
  });

  it('attachments keep name, type and size, never the bytes', async () => {
    const invoice = String(sim.organisation.list('Invoice')[0]?.InvoiceID);
    const uploaded = await call('PUT', `/Invoices/${invoice}/Attachments/report.pdf`, {
      raw: new TextEncoder().encode('%PDF-1.4 synthetic'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(records(uploaded, 'Attachments')[0]).toMatchObject({
      FileName: 'report.pdf',
      MimeType: 'application/pdf',
      ContentLength: 18,
    });
    const listed = await call('GET', `/Invoices/${invoice}/Attachments`);
    expect(records(listed, 'Attachments')).toHaveLength(1);
    expect(JSON.stringify(listed.json)).not.toContain('%PDF');
    expect(sim.organisation.get('Invoice', invoice)?.HasAttachments).toBe(true);
    expect(
      (
        await call('PUT', '/Invoices/00000000-0000-4000-8000-000000000001/Attachments/a.pdf', {
          raw: 'x',
          headers: { 'content-type': 'application/pdf' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('reads', () => {
  it('where and order: the subset the adapter uses, and more', async () => {
    const accrec = records(
      await call(
        'GET',
        `/Invoices?where=${encodeURIComponent('Type=="ACCREC" AND (Status=="AUTHORISED" OR Status=="PAID")')}&order=InvoiceNumber DESC`,
      ),
      'Invoices',
    );
    expect(
      accrec.every(
        (invoice) => invoice.Type === 'ACCREC' && ['AUTHORISED', 'PAID'].includes(String(invoice.Status)),
      ),
    ).toBe(true);
    const numbers = accrec.map((invoice) => String(invoice.InvoiceNumber));
    expect(numbers).toEqual([...numbers].sort().reverse());
    const byContact = records(
      await call(
        'GET',
        `/Payments?where=${encodeURIComponent(`Invoice.Contact.ContactID==Guid("${contactId()}")`)}`,
      ),
      'Payments',
    );
    expect(byContact.length).toBeGreaterThan(0);
    const customers = records(
      await call(
        'GET',
        `/Contacts?where=${encodeURIComponent('(IsCustomer==true OR IsSupplier==false) AND Name.StartsWith("Test Patient")')}`,
      ),
      'Contacts',
    );
    expect(customers.map((contact) => contact.Name)).toContain('Test Patient Delta (SYNTHETIC)');
    const broken = await call('GET', `/Invoices?where=${encodeURIComponent('Type==')}`);
    expect(broken).toMatchObject({ status: 400, json: { Type: 'QueryParseException' } });
  });

  it('pages with pagination only when asked; invoice lists without a page leave line items out', async () => {
    const paged = await call('GET', '/Contacts?page=1&pageSize=3');
    expect(paged.json?.pagination).toMatchObject({ page: 1, pageSize: 3, itemCount: 7, pageCount: 3 });
    expect(records(paged, 'Contacts')).toHaveLength(3);
    expect((await call('GET', '/Contacts')).json?.pagination).toBeUndefined();
    expect(
      records(await call('GET', '/Invoices'), 'Invoices').every((invoice) => invoice.LineItems === undefined),
    ).toBe(true);
    expect(
      records(await call('GET', '/Invoices?page=1'), 'Invoices').every((invoice) =>
        Array.isArray(invoice.LineItems),
      ),
    ).toBe(true);
  });

  it('hides archived contacts unless includeArchived; reads by invoice number and item code', async () => {
    expect(
      records(await call('GET', '/Contacts'), 'Contacts').some(
        (contact) => contact.ContactStatus === 'ARCHIVED',
      ),
    ).toBe(false);
    expect(
      records(await call('GET', '/Contacts?includeArchived=true'), 'Contacts').some(
        (contact) => contact.ContactStatus === 'ARCHIVED',
      ),
    ).toBe(true);
    expect(records(await call('GET', '/Invoices/INV-0001'), 'Invoices')[0]?.InvoiceNumber).toBe('INV-0001');
    expect(records(await call('GET', '/Items/99213'), 'Items')[0]?.Code).toBe('99213');
  });

  it('If-Modified-Since returns what changed at or after the instant', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    await call('POST', `/Contacts/${contactId()}`, { body: { EmailAddress: 'changed@example.test' } });
    const changed = await call('GET', '/Contacts', {
      headers: { 'if-modified-since': '2030-01-01T00:00:00' },
    });
    expect(records(changed, 'Contacts').map((contact) => contact.ContactID)).toEqual([contactId()]);
  });
});

describe('idempotency', () => {
  const put = (key: string, name: string) =>
    call('PUT', '/Contacts', { body: { Contacts: [{ Name: name }] }, headers: { 'idempotency-key': key } });

  it('replays the first answer for the same key and request, within the window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    const before = sim.organisation.list('Contact').length;
    const first = await put('key-1', 'Test Patient Idem (SYNTHETIC)');
    const again = await put('key-1', 'Test Patient Idem (SYNTHETIC)');
    expect(again.text).toBe(first.text);
    expect(sim.organisation.list('Contact')).toHaveLength(before + 1);
    // After the window the key is forgotten and the request is applied (here: refused as a duplicate).
    vi.setSystemTime(new Date('2026-03-01T10:01:01Z'));
    expect((await put('key-1', 'Test Patient Idem (SYNTHETIC)')).status).toBe(400);
  });

  it('refuses a key reused for a different request, and keys over 128 characters', async () => {
    await put('key-2', 'Test Patient One (SYNTHETIC)');
    const reused = await put('key-2', 'Test Patient Two (SYNTHETIC)');
    expect(reused.status).toBe(400);
    expect(reused.json?.Detail).toMatch(/Idempotency-Key has already been used/);
    expect((await put('k'.repeat(129), 'Test Patient Three (SYNTHETIC)')).status).toBe(400);
  });

  it('a refused write is not remembered, so a corrected retry under the same key applies', async () => {
    const taken = String(sim.organisation.list('Contact')[0]?.Name);
    expect((await put('key-3', taken)).status).toBe(400);
    expect((await put('key-3', 'Test Patient Corrected (SYNTHETIC)')).status).toBe(200);
  });
});

describe('MS-JSON dates in mappings', () => {
  it.each([
    ['/Date(1518652800000+0000)/', '2018-02-15', '2018-02-15T00:00:00.000Z'],
    ['/Date(1518652800000-0800)/', '2018-02-14', '2018-02-15T00:00:00.000Z'],
    ['/Date(1573755038314)/', '2019-11-14', '2019-11-14T18:10:38.314Z'],
    ['2019-03-11T00:00:00', '2019-03-11', '2019-03-11T00:00:00.000Z'],
    ['2019-12-07T18:46:19.5165400', '2019-12-07', '2019-12-07T18:46:19.516Z'],
    ['2020-02-06T12:17:43.202-08:00', '2020-02-06', '2020-02-06T20:17:43.202Z'],
    ['2026-03-01', '2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['/Date(-99999999999999)/', undefined, undefined],
    ['not a date', undefined, undefined],
    [undefined, undefined, undefined],
  ])('%s → %s / %s', (value, date, instant) => {
    expect(msDate(value)).toBe(date);
    expect(msTimestamp(value)).toBe(instant);
  });
});
