/**
 * Every object the QuickBooks simulator hands out must use Intuit's own property names: checked against the
 * QBO v3 XSD (shared contracts) for the seed, for the results of create, update, void and delete, for query
 * answers, for uploads and for fault bodies.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createQuickBooksSimulator,
  QUICKBOOKS_ENTITY_NAMES,
  type QuickBooksRecord,
} from '../../providers/quickbooks/testing.js';
import { type CallResult, createClient, entityOf, rowsOf } from '../simulator/quickbooks-client.js';
import {
  loadQuickBooksXsd,
  QUICKBOOKS_XSD_DIR_SEGMENTS,
  type QuickBooksXsd,
} from '../support/quickbooks-xsd.js';
import { hasShared, missingSharedMessage, sharedPath } from '../support/shared-dir.js';

const available = hasShared(...QUICKBOOKS_XSD_DIR_SEGMENTS);
if (!available) console.warn(missingSharedMessage(...QUICKBOOKS_XSD_DIR_SEGMENTS));

describe.skipIf(!available)('QuickBooks simulator output matches the QBO XSD', () => {
  const sim = createQuickBooksSimulator({ throttle: false });
  const server = setupServer(...sim.handlers);
  const qbo = createClient(sim);
  let xsd: QuickBooksXsd;
  let entitiesChecked = 0;
  let envelopesChecked = 0;

  /** Checks one bare entity; the assertion message names the entity so a failure points at the seed or op. */
  function checkEntity(entity: string, record: unknown): void {
    expect(xsd.check(entity, record), `${entity} ${JSON.stringify(record).slice(0, 200)}`).toEqual([]);
    entitiesChecked += 1;
  }

  /** Checks a whole response body as an IntuitResponse, which covers QueryResponse, Fault and AttachableResponse. */
  function checkEnvelope(result: CallResult): void {
    expect(result.json, result.text.slice(0, 200)).toBeDefined();
    expect(xsd.check('IntuitResponse', result.json)).toEqual([]);
    envelopesChecked += 1;
  }

  function checkWrite(result: CallResult, entity: string): QuickBooksRecord {
    expect(result.status, result.text.slice(0, 300)).toBe(200);
    checkEnvelope(result);
    const record = entityOf(result, entity);
    checkEntity(entity, record);
    return record;
  }

  beforeAll(() => {
    xsd = loadQuickBooksXsd(sharedPath(...QUICKBOOKS_XSD_DIR_SEGMENTS));
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => {
    server.close();
    console.log(
      `QuickBooks simulator XSD contract: ${entitiesChecked} entity records and ${envelopesChecked} response bodies checked`,
    );
  });

  it('seeds only XSD-valid records of every entity type', () => {
    for (const entity of QUICKBOOKS_ENTITY_NAMES) {
      const records = sim.company.list(entity);
      if (entity !== 'Attachable') expect(records.length, entity).toBeGreaterThan(0);
      for (const record of records) checkEntity(entity, record);
    }
  });

  it('answers queries and reads by id with XSD-valid bodies', async () => {
    for (const entity of QUICKBOOKS_ENTITY_NAMES) {
      const result = await qbo.query(`SELECT * FROM ${entity}`);
      checkEnvelope(result);
      for (const row of rowsOf(result, entity)) {
        checkEntity(entity, row);
        const id = entity === 'CompanyInfo' ? sim.credentials.realmId : String(row.Id);
        const read = await qbo.get(entity, id);
        checkEnvelope(read);
        checkEntity(entity, entityOf(read, entity));
      }
    }
    checkEnvelope(await qbo.query('SELECT COUNT(*) FROM Invoice'));
    checkEnvelope(await qbo.query("SELECT * FROM Invoice WHERE DocNumber = 'none'"));
    checkEnvelope(await qbo.query('SELECT DocNumber, TotalAmt FROM Invoice MAXRESULTS 2'));
  });

  it('creates, updates, voids and deletes with XSD-valid answers', async () => {
    const customer = checkWrite(
      await qbo.post('Customer', {
        GivenName: 'Test Patient',
        FamilyName: 'India (SYNTHETIC)',
        PrimaryEmailAddr: { Address: 'patient.india@example.test' },
      }),
      'Customer',
    );
    const customerId = String(customer.Id);
    checkWrite(
      await qbo.post('Customer', {
        Id: customerId,
        SyncToken: customer.SyncToken,
        sparse: true,
        Active: false,
      }),
      'Customer',
    );
    checkWrite(
      await qbo.post('Customer', { Id: customerId, SyncToken: '1', sparse: true, Active: true }),
      'Customer',
    );
    checkWrite(
      await qbo.post('Vendor', {
        DisplayName: 'Synthetic Courier Service',
        CompanyName: 'Synthetic Courier Service',
      }),
      'Vendor',
    );
    checkWrite(
      await qbo.post('Account', { Name: 'Telehealth Revenue (SYNTHETIC)', AccountType: 'Income' }),
      'Account',
    );
    checkWrite(
      await qbo.post('Item', {
        Name: 'Telehealth Visit (SYNTHETIC)',
        UnitPrice: 95,
        IncomeAccountRef: { value: '7' },
      }),
      'Item',
    );

    const invoice = checkWrite(
      await qbo.post('Invoice', {
        CustomerRef: { value: customerId },
        TxnTaxDetail: { TxnTaxCodeRef: { value: '1' } },
        Line: [
          {
            Amount: 125,
            DetailType: 'SalesItemLineDetail',
            SalesItemLineDetail: {
              ItemRef: { value: '1' },
              Qty: 1,
              UnitPrice: 125,
              TaxCodeRef: { value: 'NON' },
            },
          },
          {
            Amount: 24.99,
            DetailType: 'SalesItemLineDetail',
            SalesItemLineDetail: {
              ItemRef: { value: '5' },
              Qty: 1,
              UnitPrice: 24.99,
              TaxCodeRef: { value: 'TAX' },
            },
          },
          { Amount: 5, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } },
          { DetailType: 'DescriptionOnly', Description: 'SYNTHETIC note line' },
        ],
      }),
      'Invoice',
    );
    const invoiceId = String(invoice.Id);
    const sparse = checkWrite(
      await qbo.post('Invoice', {
        Id: invoiceId,
        SyncToken: invoice.SyncToken,
        sparse: true,
        PrivateNote: 'SYNTHETIC memo',
      }),
      'Invoice',
    );
    const full = checkWrite(await qbo.post('Invoice', { ...sparse, DueDate: '2026-05-01' }), 'Invoice');

    const payment = checkWrite(
      await qbo.post('Payment', {
        CustomerRef: { value: customerId },
        TotalAmt: 50,
        Line: [{ Amount: 50, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }],
      }),
      'Payment',
    );
    const linked = entityOf(await qbo.get('Invoice', invoiceId), 'Invoice');
    checkEntity('Invoice', linked);
    checkWrite(
      await qbo.post('Payment', { Id: payment.Id, SyncToken: payment.SyncToken }, 'operation=void'),
      'Payment',
    );
    const afterPaymentVoid = entityOf(await qbo.get('Invoice', invoiceId), 'Invoice');
    checkEntity('Invoice', afterPaymentVoid);
    checkWrite(
      await qbo.post('Invoice', { Id: invoiceId, SyncToken: afterPaymentVoid.SyncToken }, 'operation=void'),
      'Invoice',
    );
    expect(full.Id).toBe(invoiceId);

    const creditMemo = checkWrite(
      await qbo.post('CreditMemo', {
        CustomerRef: { value: customerId },
        Line: [
          { Amount: 20, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '3' } } },
        ],
      }),
      'CreditMemo',
    );
    checkWrite(
      await qbo.post(
        'CreditMemo',
        { Id: creditMemo.Id, SyncToken: creditMemo.SyncToken },
        'operation=delete',
      ),
      'CreditMemo',
    );

    const bill = checkWrite(
      await qbo.post('Bill', {
        VendorRef: { value: '2' },
        Line: [
          {
            Amount: 80,
            DetailType: 'AccountBasedExpenseLineDetail',
            AccountBasedExpenseLineDetail: { AccountRef: { value: '10' }, BillableStatus: 'NotBillable' },
          },
          {
            Amount: 20,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: { value: '5' }, Qty: 1, UnitPrice: 20 },
          },
        ],
      }),
      'Bill',
    );
    const billPayment = checkWrite(
      await qbo.post('BillPayment', {
        VendorRef: { value: '2' },
        PayType: 'CreditCard',
        CreditCardPayment: { CCAccountRef: { value: '5' } },
        TotalAmt: 100,
        Line: [{ Amount: 100, LinkedTxn: [{ TxnId: bill.Id, TxnType: 'Bill' }] }],
      }),
      'BillPayment',
    );
    checkEntity('Bill', sim.company.get('Bill', String(bill.Id)));
    checkWrite(
      await qbo.post(
        'BillPayment',
        { Id: billPayment.Id, SyncToken: billPayment.SyncToken },
        'operation=delete',
      ),
      'BillPayment',
    );

    const purchase = checkWrite(
      await qbo.post('Purchase', {
        PaymentType: 'Cash',
        AccountRef: { value: '1' },
        Line: [
          {
            Amount: 12.5,
            DetailType: 'AccountBasedExpenseLineDetail',
            AccountBasedExpenseLineDetail: { AccountRef: { value: '8' } },
          },
        ],
      }),
      'Purchase',
    );
    checkWrite(
      await qbo.post('Purchase', { ...purchase, sparse: true, PrivateNote: 'SYNTHETIC receipt' }),
      'Purchase',
    );
    const journal = checkWrite(
      await qbo.post('JournalEntry', {
        Line: [
          {
            Amount: 40,
            DetailType: 'JournalEntryLineDetail',
            JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: '9' } },
          },
          {
            Amount: 40,
            DetailType: 'JournalEntryLineDetail',
            JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: '1' } },
          },
        ],
      }),
      'JournalEntry',
    );
    checkWrite(
      await qbo.post('JournalEntry', { Id: journal.Id, SyncToken: journal.SyncToken }, 'operation=delete'),
      'JournalEntry',
    );

    const company = sim.company.get('CompanyInfo', '1')!;
    checkWrite(
      await qbo.post('CompanyInfo', {
        Id: '1',
        SyncToken: company.SyncToken,
        sparse: true,
        LegalName: 'Maple Street (SIMULATED) LLC',
      }),
      'CompanyInfo',
    );
    checkWrite(
      await qbo.post('Attachable', {
        Note: 'SYNTHETIC note attachment',
        AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoiceId } }],
      }),
      'Attachable',
    );
  });

  it('uploads with an XSD-valid AttachableResponse, including a per-part Fault', async () => {
    const form = new FormData();
    form.append(
      'file_metadata_01',
      new Blob(
        [
          JSON.stringify({
            AttachableRef: [{ EntityRef: { type: 'Invoice', value: '1' } }],
            FileName: 'scan.png',
            ContentType: 'image/png',
            Note: 'SYNTHETIC scan',
          }),
        ],
        { type: 'application/json' },
      ),
    );
    form.append(
      'file_content_01',
      new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
      'scan.png',
    );
    form.append(
      'file_metadata_02',
      new Blob([JSON.stringify({ AttachableRef: [{ EntityRef: { type: 'Invoice', value: '404' } }] })], {
        type: 'application/json',
      }),
    );
    form.append('file_content_02', new Blob(['x'], { type: 'text/plain' }), 'missing.txt');
    const result = await qbo.call('POST', '/upload?minorversion=75', { body: form });
    expect(result.status).toBe(200);
    checkEnvelope(result);
    const [uploaded] = (result.json?.AttachableResponse ?? []) as { Attachable: unknown }[];
    checkEntity('Attachable', uploaded?.Attachable);
  });

  it('renders faults (400, 403, 404, 429, 5xx) as XSD-valid IntuitResponse bodies', async () => {
    const faults = [
      await qbo.get('Invoice', '999'),
      await qbo.post('Invoice', {
        CustomerRef: { value: '404' },
        Line: [{ Amount: 1, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }],
      }),
      await qbo.post('Customer', { DisplayName: 'Test Patient Alpha (SYNTHETIC)' }),
      await qbo.post('Customer', { Id: '1', SyncToken: '99', sparse: true }),
      await qbo.query('SELECT FROM'),
      await qbo.get('Invoice', '1', { realmId: '1234' }),
      await qbo.call('GET', '/nothing/here'),
    ];
    sim.faults.inject({ kind: 'rate_limit' });
    faults.push(await qbo.get('Invoice', '1'));
    sim.faults.inject({ kind: 'server_error' });
    faults.push(await qbo.get('Invoice', '1'));
    for (const fault of faults) {
      expect(fault.status).toBeGreaterThanOrEqual(400);
      checkEnvelope(fault);
    }
  });
});
