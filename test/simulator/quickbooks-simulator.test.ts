import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CLINIC_COMPANY_NAME,
  createQuickBooksSimulator,
  type QuickBooksRecord,
} from '../../providers/quickbooks/testing.js';
import { createClient, entityOf, faultOf, rowsOf } from './quickbooks-client.js';

// Most suites fire requests faster than QBO's 10/s, so throttling is tested on its own simulator below.
const sim = createQuickBooksSimulator({ throttle: false });
const throttled = createQuickBooksSimulator({
  realmId: '4620816365000000001',
  accessToken: 'throttled-token',
});
const server = setupServer(...sim.handlers, ...throttled.handlers);
const qbo = createClient(sim);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  sim.reset();
  throttled.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

const lines = (record: QuickBooksRecord) => record.Line as QuickBooksRecord[];

/** Seeded ids, by creation order in the clinic seed. */
const ALPHA = '1';
const BRAVO = '2';
const CHARLIE = '3';
const OFFICE_VISIT = '1';
const LAB_PANEL = '3';

function invoiceBody(customerId: string, amounts: number[], extra: QuickBooksRecord = {}): QuickBooksRecord {
  return {
    CustomerRef: { value: customerId },
    Line: amounts.map((amount, index) => ({
      Description: `Synthetic service ${index + 1}`,
      Amount: amount,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: OFFICE_VISIT }, Qty: 1, UnitPrice: amount },
    })),
    ...extra,
  };
}

describe('authentication and envelope', () => {
  it('answers 401 with QBO lower-case body, echoing the start of a bad token', async () => {
    const result = await qbo.get('Invoice', '1', { token: 'wrong-token-123456' });
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toContain('invalid_token');
    expect(result.json).toEqual({
      fault: {
        error: [
          {
            message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            detail: 'Token expired: wrong-to',
            code: '3200',
          },
        ],
        type: 'AUTHENTICATION',
      },
      time: expect.any(String),
    });
  });

  it('answers 401 without an Authorization header', async () => {
    const result = await qbo.get('Invoice', '1', { token: null });
    expect(result.status).toBe(401);
    expect(result.text).toContain('"code":"3200"');
  });

  it('answers 403 for a realm the token is not for', async () => {
    const result = await qbo.get('Invoice', '1', { realmId: '1111222233334444' });
    expect(result.status).toBe(403);
    expect(result.json?.Fault).toMatchObject({ type: 'SECURITY', Error: [{ code: '003100' }] });
  });

  it('sends intuit_tid and the QBO content type on every answer, success or not', async () => {
    const answers = [
      await qbo.get('Invoice', '1'),
      await qbo.get('Invoice', '999'),
      await qbo.get('Invoice', '1', { token: 'x' }),
    ];
    const ids = answers.map((answer) => answer.headers.get('intuit_tid'));
    for (const [index, answer] of answers.entries()) {
      expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(ids[index]).toMatch(/^1-66f0a[0-9a-f]{3}-[0-9a-f]{24}$/);
    }
    expect(new Set(ids).size).toBe(3);
  });

  it('answers on the sandbox host too', async () => {
    const result = await qbo.get('CompanyInfo', sim.credentials.realmId, {
      host: 'https://sandbox-quickbooks.api.intuit.com',
    });
    expect(entityOf(result, 'CompanyInfo').CompanyName).toBe(CLINIC_COMPANY_NAME);
  });

  it('records every request, including rejected ones, with the token redacted', async () => {
    await qbo.query('select * from Customer');
    await qbo.get('Invoice', '1', { token: 'wrong-token-123456' });
    const [first, second] = sim.requests.requests;
    expect(first).toMatchObject({
      method: 'POST',
      path: `/v3/company/${sim.credentials.realmId}/query`,
      query: { minorversion: '75' },
      bodyText: 'select * from Customer',
    });
    expect(first?.headers.authorization).toBe('Bearer [redacted]');
    expect(second?.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(sim.requests.requests)).not.toContain(sim.credentials.accessToken);
  });

  it('answers 404 for a resource QBO does not have', async () => {
    const result = await qbo.call('GET', '/nosuchthing/1');
    expect(result.status).toBe(404);
    expect(faultOf(result).code).toBe('10000');
  });
});

describe('query', () => {
  it('returns the seeded patients with QBO paging fields', async () => {
    const result = await qbo.query('SELECT * FROM Customer ORDERBY DisplayName');
    const rows = rowsOf(result, 'Customer');
    expect(rows.map((row) => row.DisplayName)).toContain('Test Patient Alpha (SYNTHETIC)');
    expect(result.json?.QueryResponse).toMatchObject({ startPosition: 1, maxResults: rows.length });
    expect(result.json?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-08:00$/);
  });

  it('leaves the entity key out when nothing matches, and answers COUNT with totalCount only', async () => {
    const empty = await qbo.query("SELECT * FROM Invoice WHERE DocNumber = 'none'");
    expect(empty.json?.QueryResponse).toEqual({});
    const count = await qbo.query('SELECT COUNT(*) FROM Invoice');
    expect(count.json?.QueryResponse).toEqual({ totalCount: 6 });
  });

  it('filters and projects like QBO', async () => {
    const open = await qbo.query("SELECT * FROM Invoice WHERE Balance > '0' ORDERBY TxnDate DESC");
    const rows = rowsOf(open, 'Invoice');
    expect(rows.every((row) => Number(row.Balance) > 0)).toBe(true);
    expect(rows.map((row) => row.TxnDate)).toEqual(
      [...rows.map((row) => String(row.TxnDate))].sort().reverse(),
    );
    const projected = await qbo.query(`SELECT DocNumber FROM Invoice WHERE CustomerRef = '${ALPHA}'`);
    expect(rowsOf(projected, 'Invoice')).toEqual([
      { Id: '1', DocNumber: '1001' },
      { Id: '2', DocNumber: '1002' },
    ]);
  });

  it('accepts GET ?query= as QBO does', async () => {
    const result = await qbo.call(
      'GET',
      `/query?query=${encodeURIComponent('select * from Vendor')}&minorversion=75`,
    );
    expect(rowsOf(result, 'Vendor')).toHaveLength(3);
  });

  it('answers 400 code 4000 for text it cannot parse, without echoing literals', async () => {
    const result = await qbo.query("SELECT * FROM Customer WHERE DisplayName = 'Test Patient Alpha");
    expect(result.status).toBe(400);
    expect(faultOf(result)).toMatchObject({ Message: 'Error parsing query', code: '4000' });
    expect(faultOf(result).Detail).toMatch(/^QueryParserError: /);
    expect(result.json?.Fault).toMatchObject({ type: 'ValidationFault' });
  });

  it('hides inactive names unless the query mentions Active', async () => {
    sim.company.update('Customer', '7', { Active: false });
    const active = rowsOf(await qbo.query('SELECT * FROM Customer'), 'Customer');
    expect(active.map((row) => row.Id)).not.toContain('7');
    const all = rowsOf(await qbo.query('SELECT * FROM Customer WHERE Active IN (true, false)'), 'Customer');
    expect(all.map((row) => row.Id)).toContain('7');
  });

  it('pages through 2,500 invoices 1,000 at a time', async () => {
    const customer = sim.company.insert('Customer', { DisplayName: 'Test Patient Bulk (SYNTHETIC)' });
    for (let index = 0; index < 2500; index += 1) {
      sim.company.insert('Invoice', invoiceBody(String(customer.Id), [10 + (index % 7)]));
    }
    const seen: string[] = [];
    const pageSizes: number[] = [];
    for (let start = 1; ; start += 1000) {
      const page = await qbo.query(
        `SELECT * FROM Invoice WHERE CustomerRef = '${String(customer.Id)}' STARTPOSITION ${start} MAXRESULTS 1000`,
      );
      const rows = rowsOf(page, 'Invoice');
      if (rows.length === 0) break;
      pageSizes.push(rows.length);
      expect(page.json?.QueryResponse).toMatchObject({ startPosition: start, maxResults: rows.length });
      seen.push(...rows.map((row) => String(row.Id)));
    }
    expect(pageSizes).toEqual([1000, 1000, 500]);
    expect(new Set(seen).size).toBe(2500);
    const count = await qbo.query(
      `SELECT COUNT(*) FROM Invoice WHERE CustomerRef = '${String(customer.Id)}'`,
    );
    expect(count.json?.QueryResponse).toEqual({ totalCount: 2500 });
    expect(sim.company.get('Customer', String(customer.Id))?.Balance).toBe(
      // 2,500 invoices cycling through 10..16 dollars, summed exactly.
      Array.from({ length: 2500 }, (_, index) => 10 + (index % 7)).reduce((a, b) => a + b, 0),
    );
  });
});

describe('read by id', () => {
  it('returns the entity wrapped in its name', async () => {
    const result = await qbo.get('Invoice', '1');
    expect(result.status).toBe(200);
    expect(entityOf(result, 'Invoice')).toMatchObject({
      Id: '1',
      DocNumber: '1001',
      TotalAmt: 125,
      Balance: 0,
    });
    expect(result.json?.time).toEqual(expect.any(String));
  });

  it('answers a missing id with 400 code 610 Object Not Found', async () => {
    const result = await qbo.get('Invoice', '999');
    expect(result.status).toBe(400);
    expect(faultOf(result)).toMatchObject({ Message: 'Object Not Found', code: '610' });
  });

  it('reads CompanyInfo at /companyinfo/{realmId}', async () => {
    const result = await qbo.get('CompanyInfo', sim.credentials.realmId);
    expect(entityOf(result, 'CompanyInfo')).toMatchObject({
      Id: '1',
      CompanyName: CLINIC_COMPANY_NAME,
      Country: 'US',
    });
  });
});

describe('create and update', () => {
  it('creates an invoice with computed totals, a subtotal line and an open balance', async () => {
    expect(sim.company.get('Customer', BRAVO)?.Balance).toBe(157.75);
    const result = await qbo.post('Invoice', invoiceBody(BRAVO, [0.1, 0.2, 100.05]));
    expect(result.status).toBe(200);
    const invoice = entityOf(result, 'Invoice');
    expect(invoice).toMatchObject({
      Id: '7',
      SyncToken: '0',
      DocNumber: '1007',
      TotalAmt: 100.35,
      Balance: 100.35,
    });
    expect(invoice.CustomerRef).toEqual({ value: BRAVO, name: 'Test Patient Bravo (SYNTHETIC)' });
    expect(lines(invoice).at(-1)).toEqual({
      Amount: 100.35,
      DetailType: 'SubTotalLineDetail',
      SubTotalLineDetail: {},
    });
    expect(invoice.MetaData).toEqual({ CreateTime: expect.any(String), LastUpdatedTime: expect.any(String) });
    expect(sim.company.get('Customer', BRAVO)?.Balance).toBe(258.1);
  });

  it('computes sales tax on TAX lines when the invoice names a tax code', async () => {
    const body = invoiceBody(CHARLIE, [100], { TxnTaxDetail: { TxnTaxCodeRef: { value: '1' } } });
    (lines(body)[0]?.SalesItemLineDetail as QuickBooksRecord).TaxCodeRef = { value: 'TAX' };
    const invoice = entityOf(await qbo.post('Invoice', body), 'Invoice');
    expect(invoice.TotalAmt).toBe(106.25);
    expect(invoice.TxnTaxDetail).toMatchObject({ TotalTax: 6.25 });
  });

  it('replaces the whole record on a full update and bumps SyncToken', async () => {
    const created = entityOf(
      await qbo.post('Invoice', invoiceBody(BRAVO, [50], { PrivateNote: 'first' })),
      'Invoice',
    );
    const full = { ...invoiceBody(BRAVO, [80]), Id: created.Id, SyncToken: created.SyncToken };
    const updated = entityOf(await qbo.post('Invoice', full), 'Invoice');
    expect(updated).toMatchObject({ Id: created.Id, SyncToken: '1', TotalAmt: 80, Balance: 80 });
    expect(updated.PrivateNote).toBeUndefined();
    expect(updated.MetaData).toMatchObject({ CreateTime: (created.MetaData as QuickBooksRecord).CreateTime });
  });

  it('merges only the given fields on a sparse update', async () => {
    const customer = sim.company.get('Customer', ALPHA)!;
    const result = await qbo.post('Customer', {
      Id: ALPHA,
      SyncToken: customer.SyncToken,
      sparse: true,
      PrimaryPhone: { FreeFormNumber: '(555) 010-0199' },
    });
    const updated = entityOf(result, 'Customer');
    expect(updated).toMatchObject({
      SyncToken: '1',
      DisplayName: customer.DisplayName,
      PrimaryEmailAddr: customer.PrimaryEmailAddr,
      PrimaryPhone: { FreeFormNumber: '(555) 010-0199' },
      Balance: customer.Balance,
      sparse: false,
    });
  });

  it('rejects a stale SyncToken with 5010 and changes nothing', async () => {
    const before = sim.company.get('Customer', ALPHA)!;
    const first = await qbo.post('Customer', {
      Id: ALPHA,
      SyncToken: '0',
      sparse: true,
      Notes: 'first writer',
    });
    expect(first.status).toBe(200);
    const second = await qbo.post('Customer', {
      Id: ALPHA,
      SyncToken: '0',
      sparse: true,
      Notes: 'second writer',
    });
    expect(second.status).toBe(400);
    expect(faultOf(second)).toMatchObject({ Message: 'Stale Object Error', code: '5010' });
    expect(faultOf(second).Detail).toMatch(
      /^Stale Object Error : You and .+ were working on this at the same time\./,
    );
    expect(sim.company.get('Customer', ALPHA)).toMatchObject({ Notes: 'first writer', SyncToken: '1' });
    expect(before.SyncToken).toBe('0');
  });

  it('answers an update of an unknown Id with 610', async () => {
    const result = await qbo.post('Customer', { Id: '404', SyncToken: '0', sparse: true, Notes: 'x' });
    expect(faultOf(result).code).toBe('610');
  });

  it('requires CustomerRef and Line on an invoice (2020)', async () => {
    const noCustomer = await qbo.post('Invoice', { Line: invoiceBody(BRAVO, [1]).Line });
    expect(noCustomer.status).toBe(400);
    expect(faultOf(noCustomer)).toMatchObject({
      Message: 'Required param missing, need to supply the required value for the API',
      code: '2020',
    });
    expect(faultOf(await qbo.post('Invoice', { CustomerRef: { value: BRAVO } })).Detail).toContain('Line');
  });

  it('rejects a reference to nothing with 2500, echoing the value as QBO does', async () => {
    const result = await qbo.post(
      'Invoice',
      invoiceBody('9999', [10], { CustomerRef: { value: '9999', name: 'Test Patient Zulu (SYNTHETIC)' } }),
    );
    expect(result.status).toBe(400);
    expect(faultOf(result)).toMatchObject({ Message: 'Invalid Reference Id', code: '2500' });
    expect(faultOf(result).Detail).toContain('9999');
    expect(faultOf(result).Detail).toContain('Test Patient Zulu (SYNTHETIC)');
    const badItem = invoiceBody(BRAVO, [10]);
    (lines(badItem)[0]?.SalesItemLineDetail as QuickBooksRecord).ItemRef = { value: '777' };
    expect(faultOf(await qbo.post('Invoice', badItem)).code).toBe('2500');
  });

  it('rejects a reference to an inactive customer with 610', async () => {
    sim.company.update('Customer', BRAVO, { Active: false });
    expect(faultOf(await qbo.post('Invoice', invoiceBody(BRAVO, [10]))).code).toBe('610');
  });

  it('rejects a duplicate DisplayName with 6240, echoing the name, across customers and vendors', async () => {
    const result = await qbo.post('Customer', { DisplayName: 'test patient alpha (synthetic)' });
    expect(result.status).toBe(400);
    expect(faultOf(result)).toMatchObject({
      Message: 'Duplicate Name Exists Error',
      code: '6240',
      Detail: 'The name supplied already exists. : test patient alpha (synthetic)',
    });
    expect(faultOf(await qbo.post('Vendor', { DisplayName: 'Test Patient Bravo (SYNTHETIC)' })).code).toBe(
      '6240',
    );
  });

  it('rejects bodies QBO could not read with 2010', async () => {
    expect(faultOf(await qbo.post('Customer', '{"DisplayName": ')).code).toBe('2010');
    expect(faultOf(await qbo.post('Customer', { displayName: 'lower case key' })).code).toBe('2010');
  });

  it('creates a customer with QBO defaults and a derived DisplayName', async () => {
    const customer = entityOf(
      await qbo.post('Customer', { GivenName: 'Test Patient', FamilyName: 'Hotel (SYNTHETIC)' }),
      'Customer',
    );
    expect(customer).toMatchObject({
      Id: '8',
      DisplayName: 'Test Patient Hotel (SYNTHETIC)',
      FullyQualifiedName: 'Test Patient Hotel (SYNTHETIC)',
      Active: true,
      Balance: 0,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    });
  });

  it('refuses to create what QBO maintains elsewhere', async () => {
    expect(faultOf(await qbo.post('TaxCode', { Name: 'X' })).code).toBe('500');
  });
});

describe('delete and void', () => {
  it('deletes a transaction, answering with status Deleted, and restores the customer balance', async () => {
    const invoice = sim.company.get('Invoice', '3')!;
    const result = await qbo.post('Invoice', { Id: '3', SyncToken: invoice.SyncToken }, 'operation=delete');
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      Invoice: { Id: '3', status: 'Deleted', domain: 'QBO' },
      time: expect.any(String),
    });
    expect(faultOf(await qbo.get('Invoice', '3')).code).toBe('610');
    expect(sim.company.get('Customer', BRAVO)?.Balance).toBe(0);
  });

  it('requires the current SyncToken to delete', async () => {
    const result = await qbo.post('Invoice', { Id: '3', SyncToken: '7' }, 'operation=delete');
    expect(faultOf(result).code).toBe('5010');
    expect(sim.company.get('Invoice', '3')).toBeDefined();
  });

  it('will not delete a name-list entity; a sparse Active:false deactivates it', async () => {
    const customer = sim.company.get('Customer', '7')!;
    const deleted = await qbo.post(
      'Customer',
      { Id: customer.Id, SyncToken: customer.SyncToken },
      'operation=delete',
    );
    expect(deleted.status).toBe(400);
    expect(faultOf(deleted).code).toBe('6000');
    const deactivated = await qbo.post('Customer', {
      Id: customer.Id,
      SyncToken: customer.SyncToken,
      sparse: true,
      Active: false,
    });
    expect(entityOf(deactivated, 'Customer')).toMatchObject({ Active: false, SyncToken: '1' });
  });

  it('voids an invoice: zero amounts, "Voided" memo, payments left unapplied', async () => {
    // Invoice 2 is partly paid (50.00) by payment 1, which also pays invoice 1 in full.
    const invoice = sim.company.get('Invoice', '2')!;
    const result = await qbo.post('Invoice', { Id: '2', SyncToken: invoice.SyncToken }, 'operation=void');
    const voided = entityOf(result, 'Invoice');
    expect(voided).toMatchObject({
      TotalAmt: 0,
      Balance: 0,
      PrivateNote: 'Voided',
      SyncToken: String(Number(invoice.SyncToken) + 1),
    });
    expect(lines(voided).every((line) => line.Amount === 0)).toBe(true);
    const payment = sim.company.get('Payment', '1')!;
    expect(payment).toMatchObject({ TotalAmt: 175, UnappliedAmt: 50 });
    expect(lines(payment)).toHaveLength(1);
    expect(sim.company.get('Customer', ALPHA)?.Balance).toBe(0);
  });

  it('voids a payment and restores the invoice and customer balances', async () => {
    expect(sim.company.get('Customer', ALPHA)?.Balance).toBe(183.5);
    const payment = sim.company.get('Payment', '1')!;
    const voided = entityOf(
      await qbo.post('Payment', { Id: '1', SyncToken: payment.SyncToken }, 'operation=void'),
      'Payment',
    );
    expect(voided).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0, PrivateNote: 'Voided' });
    expect(sim.company.get('Invoice', '1')).toMatchObject({ Balance: 125, LinkedTxn: [] });
    expect(sim.company.get('Invoice', '2')?.Balance).toBe(233.5);
    expect(sim.company.get('Customer', ALPHA)?.Balance).toBe(358.5);
  });

  it('deletes a payment and restores the balances it had moved', async () => {
    const payment = sim.company.get('Payment', '1')!;
    await qbo.post('Payment', { Id: '1', SyncToken: payment.SyncToken }, 'operation=delete');
    expect(sim.company.get('Invoice', '1')?.Balance).toBe(125);
    expect(sim.company.get('Customer', ALPHA)?.Balance).toBe(358.5);
  });

  it('voids a bill payment and reopens the bill', async () => {
    const billPayment = sim.company.get('BillPayment', '1')!;
    await qbo.post('BillPayment', { Id: '1', SyncToken: billPayment.SyncToken }, 'operation=void');
    expect(sim.company.get('Bill', '2')?.Balance).toBe(3200);
    expect(sim.company.get('Vendor', '3')?.Balance).toBe(3200);
  });

  it('refuses to void what QBO cannot void', async () => {
    const bill = sim.company.get('Bill', '1')!;
    const result = await qbo.post('Bill', { Id: '1', SyncToken: bill.SyncToken }, 'operation=void');
    expect(result.status).toBe(400);
  });
});

describe('payments', () => {
  it('moves the invoice and customer balances and reports what is unapplied', async () => {
    const result = await qbo.post('Payment', {
      CustomerRef: { value: BRAVO },
      TotalAmt: 100,
      Line: [{ Amount: 57.75, LinkedTxn: [{ TxnId: '3', TxnType: 'Invoice' }] }],
    });
    expect(entityOf(result, 'Payment')).toMatchObject({ Id: '2', TotalAmt: 100, UnappliedAmt: 42.25 });
    expect(sim.company.get('Invoice', '3')).toMatchObject({
      Balance: 100,
      LinkedTxn: [{ TxnId: '2', TxnType: 'Payment' }],
    });
    expect(sim.company.get('Customer', BRAVO)?.Balance).toBe(100);
  });

  it('rejects a line above the open balance with a 400 business validation fault', async () => {
    const result = await qbo.post('Payment', {
      CustomerRef: { value: ALPHA },
      TotalAmt: 200,
      Line: [{ Amount: 183.51, LinkedTxn: [{ TxnId: '2', TxnType: 'Invoice' }] }],
    });
    expect(result.status).toBe(400);
    expect(faultOf(result).code).toBe('6000');
    expect(sim.company.list('Payment')).toHaveLength(1);
  });

  it('rejects lines that exceed the payment total, links to another customer, and unknown invoices', async () => {
    const over = await qbo.post('Payment', {
      CustomerRef: { value: BRAVO },
      TotalAmt: 10,
      Line: [{ Amount: 20, LinkedTxn: [{ TxnId: '3', TxnType: 'Invoice' }] }],
    });
    expect(faultOf(over).code).toBe('6000');
    const otherCustomer = await qbo.post('Payment', {
      CustomerRef: { value: BRAVO },
      TotalAmt: 10,
      Line: [{ Amount: 10, LinkedTxn: [{ TxnId: '5', TxnType: 'Invoice' }] }],
    });
    expect(faultOf(otherCustomer).code).toBe('6000');
    const unknown = await qbo.post('Payment', {
      CustomerRef: { value: BRAVO },
      TotalAmt: 10,
      Line: [{ Amount: 10, LinkedTxn: [{ TxnId: '404', TxnType: 'Invoice' }] }],
    });
    expect(faultOf(unknown).code).toBe('2500');
  });

  it('lets a payment update re-apply its own amount without counting it twice', async () => {
    const payment = sim.company.get('Payment', '1')!;
    const result = await qbo.post('Payment', {
      ...payment,
      Line: [
        { Amount: 125, LinkedTxn: [{ TxnId: '1', TxnType: 'Invoice' }] },
        { Amount: 233.5, LinkedTxn: [{ TxnId: '2', TxnType: 'Invoice' }] },
      ],
      TotalAmt: 358.5,
    });
    expect(result.status).toBe(200);
    expect(sim.company.get('Invoice', '2')?.Balance).toBe(0);
    expect(sim.company.get('Customer', ALPHA)?.Balance).toBe(0);
  });

  it('pays a bill by check and reduces the bill and vendor balances', async () => {
    const result = await qbo.post('BillPayment', {
      VendorRef: { value: '1' },
      PayType: 'Check',
      CheckPayment: { BankAccountRef: { value: '1' } },
      TotalAmt: 12.35,
      Line: [{ Amount: 12.35, LinkedTxn: [{ TxnId: '1', TxnType: 'Bill' }] }],
    });
    expect(result.status).toBe(200);
    expect(sim.company.get('Bill', '1')?.Balance).toBe(400);
    expect(sim.company.get('Vendor', '1')?.Balance).toBe(400);
    const noBank = await qbo.post('BillPayment', {
      VendorRef: { value: '1' },
      PayType: 'Check',
      TotalAmt: 1,
      Line: [],
    });
    expect(faultOf(noBank).code).toBe('2020');
  });

  it('rejects an unbalanced journal entry', async () => {
    const result = await qbo.post('JournalEntry', {
      Line: [
        {
          Amount: 10,
          DetailType: 'JournalEntryLineDetail',
          JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: '9' } },
        },
        {
          Amount: 9.99,
          DetailType: 'JournalEntryLineDetail',
          JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: '1' } },
        },
      ],
    });
    expect(faultOf(result).code).toBe('6000');
  });
});

describe('requestid idempotency', () => {
  it('replays the first answer verbatim and applies the write once', async () => {
    const body = invoiceBody(BRAVO, [42]);
    const first = await qbo.post('Invoice', body, 'requestid=invoice-create-0001');
    const second = await qbo.post('Invoice', body, 'requestid=invoice-create-0001');
    expect(second.status).toBe(first.status);
    expect(second.text).toBe(first.text);
    expect(sim.company.list('Invoice')).toHaveLength(7);
    const third = await qbo.post('Invoice', body, 'requestid=invoice-create-0002');
    expect(entityOf(third, 'Invoice').Id).toBe('8');
  });

  it('replays even when the body differs, as QBO keys only on the requestid', async () => {
    const first = await qbo.post('Invoice', invoiceBody(BRAVO, [1]), 'requestid=same-key');
    const second = await qbo.post('Invoice', invoiceBody(BRAVO, [2]), 'requestid=same-key');
    expect(second.text).toBe(first.text);
  });

  it('does not remember a rejected write, so a corrected retry applies', async () => {
    const rejected = await qbo.post('Invoice', { CustomerRef: { value: BRAVO } }, 'requestid=fix-and-retry');
    expect(rejected.status).toBe(400);
    const retried = await qbo.post('Invoice', invoiceBody(BRAVO, [5]), 'requestid=fix-and-retry');
    expect(retried.status).toBe(200);
  });

  it('forgets a requestid after the replay window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T12:00:00Z'));
    const body = invoiceBody(BRAVO, [3]);
    await qbo.post('Invoice', body, 'requestid=window-key');
    vi.setSystemTime(new Date('2026-04-02T11:59:59Z'));
    await qbo.post('Invoice', body, 'requestid=window-key');
    expect(sim.company.list('Invoice')).toHaveLength(7);
    vi.setSystemTime(new Date('2026-04-02T12:00:01Z'));
    await qbo.post('Invoice', body, 'requestid=window-key');
    expect(sim.company.list('Invoice')).toHaveLength(8);
  });

  it('rejects a requestid longer than 50 characters', async () => {
    const result = await qbo.post('Invoice', invoiceBody(BRAVO, [1]), `requestid=${'k'.repeat(51)}`);
    expect(result.status).toBe(400);
    expect(sim.company.list('Invoice')).toHaveLength(6);
  });
});

describe('throttling', () => {
  const throttledClient = createClient(throttled);

  it('answers the 11th request within one second with 429 code 3001 and no Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T12:00:00.000Z'));
    for (let index = 0; index < 10; index += 1) {
      vi.setSystemTime(new Date(Date.parse('2026-04-01T12:00:00.000Z') + index * 50));
      expect((await throttledClient.get('Invoice', '1')).status).toBe(200);
    }
    const eleventh = await throttledClient.get('Invoice', '1');
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('retry-after')).toBeNull();
    expect(eleventh.json).toEqual({
      Fault: {
        Error: [
          {
            Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
            Detail: 'The request limit was reached.',
            code: '3001',
          },
        ],
        type: 'SERVICE',
      },
      time: expect.any(String),
    });
    // The window slides: once the first request is more than a second old, one more fits.
    vi.setSystemTime(new Date('2026-04-01T12:00:01.001Z'));
    expect((await throttledClient.get('Invoice', '1')).status).toBe(200);
  });

  it('caps a realm at 500 requests in any minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.parse('2026-04-01T13:00:00.000Z');
    for (let index = 0; index < 500; index += 1) {
      vi.setSystemTime(new Date(start + index * 110));
      expect((await throttledClient.get('Invoice', '1')).status).toBe(200);
    }
    vi.setSystemTime(new Date(start + 500 * 110));
    expect((await throttledClient.get('Invoice', '1')).status).toBe(429);
    vi.setSystemTime(new Date(start + 60_001));
    expect((await throttledClient.get('Invoice', '1')).status).toBe(200);
  });
});

describe('fault injection', () => {
  it('server_error: 503 with a QBO SystemFault whose Detail echoes part of the body', async () => {
    sim.faults.inject({ kind: 'server_error', method: 'POST', pathIncludes: '/query' });
    const result = await qbo.query(
      "SELECT * FROM Customer WHERE DisplayName = 'Test Patient Alpha (SYNTHETIC)'",
    );
    expect(result.status).toBe(503);
    expect(faultOf(result)).toMatchObject({ code: '10000' });
    expect(faultOf(result).Detail).toContain('SELECT * FROM Customer');
    expect((await qbo.query('SELECT * FROM Customer')).status).toBe(200);
  });

  it('server_error honours a custom status and times', async () => {
    sim.faults.inject({ kind: 'server_error', status: 500, times: 2 });
    expect((await qbo.get('Invoice', '1')).status).toBe(500);
    expect((await qbo.get('Invoice', '1')).status).toBe(500);
    expect((await qbo.get('Invoice', '1')).status).toBe(200);
  });

  it('malformed_json: 200 with a body that does not parse', async () => {
    sim.faults.inject({ kind: 'malformed_json' });
    const result = await qbo.get('Invoice', '1');
    expect(result.status).toBe(200);
    expect(result.json).toBeUndefined();
    expect(() => JSON.parse(result.text)).toThrow(SyntaxError);
  });

  it('rate_limit: 429 in QBO format, with Retry-After when asked', async () => {
    sim.faults.inject({ kind: 'rate_limit', retryAfterSeconds: 7 });
    const result = await qbo.get('Invoice', '1');
    expect(result.status).toBe(429);
    expect(result.headers.get('retry-after')).toBe('7');
    expect(faultOf(result).code).toBe('3001');
  });

  it('timeout: hangs until the client aborts, and applies nothing', async () => {
    sim.faults.inject({ kind: 'timeout', method: 'POST' });
    const controller = new AbortController();
    const pending = qbo.post('Invoice', invoiceBody(BRAVO, [1]), '', { signal: controller.signal });
    await vi.waitFor(() => expect(sim.requests.requests).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(sim.company.list('Invoice')).toHaveLength(6);
  });

  it('timeout with delayMs answers 504 after the delay', async () => {
    sim.faults.inject({ kind: 'timeout', delayMs: 5 });
    const result = await qbo.get('Invoice', '1');
    expect(result.status).toBe(504);
  });

  it('drop_before_commit: the connection drops and nothing is applied', async () => {
    sim.faults.inject({ kind: 'drop_before_commit', method: 'POST', pathIncludes: '/invoice' });
    await expect(qbo.post('Invoice', invoiceBody(BRAVO, [1]), 'requestid=drop-before')).rejects.toThrow(
      TypeError,
    );
    expect(sim.company.list('Invoice')).toHaveLength(6);
    const retry = await qbo.post('Invoice', invoiceBody(BRAVO, [1]), 'requestid=drop-before');
    expect(entityOf(retry, 'Invoice').Id).toBe('7');
  });

  it('drop_after_commit: the write applies, the connection drops, and a retry replays the answer', async () => {
    sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/invoice' });
    const body = invoiceBody(BRAVO, [64]);
    await expect(qbo.post('Invoice', body, 'requestid=drop-after')).rejects.toThrow(TypeError);
    expect(sim.company.list('Invoice')).toHaveLength(7);
    const retry = await qbo.post('Invoice', body, 'requestid=drop-after');
    expect(retry.status).toBe(200);
    expect(entityOf(retry, 'Invoice')).toMatchObject({ Id: '7', TotalAmt: 64 });
    expect(sim.company.list('Invoice')).toHaveLength(7);
  });

  it('leaves faults for requests they do not match', async () => {
    sim.faults.inject({ kind: 'server_error', pathIncludes: 'operation=void' });
    expect((await qbo.get('Invoice', '1')).status).toBe(200);
    expect(sim.faults.pending).toBe(1);
  });
});

describe('upload', () => {
  function uploadForm(
    metadata: QuickBooksRecord,
    bytes: Uint8Array,
    fileName: string,
    contentType: string,
  ): FormData {
    const form = new FormData();
    form.append(
      'file_metadata_01',
      new Blob([JSON.stringify(metadata)], { type: 'application/json' }),
      'attachment.json',
    );
    form.append('file_content_01', new Blob([bytes], { type: contentType }), fileName);
    return form;
  }

  it('stores an Attachable with the size of the file, never its bytes', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 SYNTHETIC lab result for Test Patient Alpha');
    const form = uploadForm(
      {
        AttachableRef: [{ EntityRef: { type: 'Invoice', value: '1' } }],
        FileName: 'lab-result-alpha.pdf',
        ContentType: 'application/pdf',
        Note: 'SYNTHETIC lab result',
      },
      bytes,
      'lab-result-alpha.pdf',
      'application/pdf',
    );
    const result = await qbo.call('POST', '/upload?minorversion=75', { body: form });
    expect(result.status).toBe(200);
    const responses = result.json?.AttachableResponse as { Attachable: QuickBooksRecord }[];
    expect(responses).toHaveLength(1);
    const attachable = responses[0]?.Attachable;
    expect(attachable).toMatchObject({
      Id: '1',
      FileName: 'lab-result-alpha.pdf',
      ContentType: 'application/pdf',
      Size: bytes.byteLength,
      Note: 'SYNTHETIC lab result',
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: '1' } }],
      FileAccessUri: `/v3/company/${sim.credentials.realmId}/download/1`,
    });
    const stored = JSON.stringify(sim.company.list('Attachable'));
    expect(stored).not.toContain('%PDF');
    const recorded = sim.requests.requests.at(-1);
    expect(recorded?.bodyText).toMatch(/^\[multipart\/form-data body, \d+ bytes, not recorded\]$/);
  });

  it('answers a part with a bad reference with its own Fault inside AttachableResponse', async () => {
    const form = uploadForm(
      { AttachableRef: [{ EntityRef: { type: 'Invoice', value: '404' } }], FileName: 'x.png' },
      new Uint8Array([1, 2, 3]),
      'x.png',
      'image/png',
    );
    const result = await qbo.call('POST', '/upload', { body: form });
    expect(result.status).toBe(200);
    expect(result.json?.AttachableResponse).toEqual([
      { Fault: { Error: [expect.objectContaining({ code: '2500' })], type: 'ValidationFault' } },
    ]);
  });

  it('rejects a body that is not multipart', async () => {
    const result = await qbo.call('POST', '/upload', { body: '{}', contentType: 'application/json' });
    expect(faultOf(result).code).toBe('2010');
  });
});

describe('reset and seed', () => {
  it('restarts ids and data deterministically', async () => {
    await qbo.post('Invoice', invoiceBody(BRAVO, [1]));
    sim.faults.inject({ kind: 'server_error' });
    sim.reset();
    expect(sim.faults.pending).toBe(0);
    expect(sim.requests.requests).toHaveLength(0);
    expect(entityOf(await qbo.post('Invoice', invoiceBody(BRAVO, [1])), 'Invoice').Id).toBe('7');
  });

  it('seeds open, partly paid and paid invoices whose balances add up per customer', () => {
    const invoices = sim.company.list('Invoice');
    expect(invoices.filter((invoice) => invoice.Balance === 0)).toHaveLength(1);
    expect(
      invoices.some((invoice) => Number(invoice.Balance) > 0 && invoice.Balance !== invoice.TotalAmt),
    ).toBe(true);
    for (const customer of sim.company.list('Customer')) {
      const cents = invoices
        .filter((invoice) => (invoice.CustomerRef as QuickBooksRecord).value === customer.Id)
        .reduce((total, invoice) => total + Math.round(Number(invoice.Balance) * 100), 0);
      expect(Math.round(Number(customer.Balance) * 100)).toBe(cents);
    }
    expect(sim.company.get('Item', LAB_PANEL)?.Name).toBe('Lab Panel 80053 (SYNTHETIC)');
  });

  it("offers an 'empty' company with only CompanyInfo and the line tax codes", () => {
    const empty = createQuickBooksSimulator({ seed: 'empty' });
    expect(empty.company.list('CompanyInfo')).toHaveLength(1);
    expect(empty.company.list('Customer')).toHaveLength(0);
    expect(empty.company.list('TaxCode').map((code) => code.Id)).toEqual(['TAX', 'NON']);
  });
});
