import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { createQuickBooksSimulator, type QuickBooksRecord } from '../../providers/quickbooks/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import { INTENT_NAMES } from '../../src/intents/index.js';
import { createLedger } from '../../src/ledger.js';
import { createLedgerToolkit, type LedgerToolkit } from '../../src/tools/index.js';
import { canary, captureOutput, findCanaries } from '../support/canary.js';

/**
 * Zero retention at the agent boundary: canaries in every PHI-bearing field of the simulated company never
 * reach a tool's failure result (whatever the simulator echoes in its error details), and read results carry
 * only the PHI the toolkit's field policy allows.
 */
const sim = createQuickBooksSimulator({ throttle: false, seed: 'empty' });
const server = setupServer(...sim.handlers);
const audit = memoryAuditSink();
let books: Connection;
let customer: QuickBooksRecord;
let invoice: QuickBooksRecord;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  const income = sim.company.insert('Account', { Name: 'Canary Income', AccountType: 'Income' });
  const item = sim.company.insert('Item', {
    Name: 'Canary Visit',
    Type: 'Service',
    IncomeAccountRef: { value: String(income.Id) },
  });
  customer = sim.company.insert('Customer', {
    DisplayName: canary('DisplayName'),
    GivenName: canary('GivenName'),
    FamilyName: canary('FamilyName'),
    CompanyName: canary('CompanyName'),
    PrimaryEmailAddr: { Address: `${canary('Email')}@example.test` },
    PrimaryPhone: { FreeFormNumber: canary('Phone') },
    BillAddr: { Line1: canary('Line1'), City: canary('City'), PostalCode: canary('PostalCode') },
    Notes: canary('Notes'),
  });
  invoice = sim.company.insert('Invoice', {
    CustomerRef: { value: String(customer.Id) },
    TxnDate: '2026-02-01',
    PrivateNote: canary('PrivateNote'),
    CustomerMemo: { value: canary('CustomerMemo') },
    BillEmail: { Address: `${canary('BillEmail')}@example.test` },
    CustomField: [
      { DefinitionId: '1', Name: 'Diagnosis', Type: 'StringType', StringValue: canary('CustomField') },
    ],
    Line: [
      {
        Description: canary('LineDescription'),
        Amount: 100,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: {
          ItemRef: { value: String(item.Id) },
          Qty: 1,
          UnitPrice: 100,
          ServiceDate: '2026-02-01',
        },
      },
    ],
  });
  const vault = createMemoryTokenVault();
  const key = { tenantId: 'clinic-canary', connectionId: 'qbo' };
  await vault.put(
    key,
    { accessToken: sim.credentials.accessToken, providerTenantId: sim.credentials.realmId },
    { expectedVersion: undefined },
  );
  const ledger = createLedger({
    vault,
    audit,
    idempotencySecret: 'canary-suite-secret-0123456789abcdef',
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    transport: { timeoutMs: 300 },
  });
  books = await ledger.connect({
    ...key,
    provider: quickbooks({ rateLimits: false }),
    policy: { allow: INTENT_NAMES },
  });
});
afterAll(() => server.close());

const contactInput = (displayName: string) => ({
  role: 'customer',
  displayName,
  givenName: canary('NewGivenName'),
  familyName: null,
  companyName: null,
  email: `${canary('NewEmail')}@example.test`,
  phone: null,
  address: null,
  notes: canary('NewNotes'),
  currency: null,
});

type Scenario = readonly [
  name: string,
  arrange: () => void,
  act: (toolkit: LedgerToolkit) => Promise<unknown>,
];

const scenarios: Scenario[] = [
  [
    'read: 5xx whose detail echoes data',
    () => sim.faults.inject({ kind: 'server_error', times: 5 }),
    (toolkit) => toolkit.execute('get_invoice', { id: String(invoice.Id) }),
  ],
  [
    'read: malformed JSON',
    () => sim.faults.inject({ kind: 'malformed_json', times: 5 }),
    (toolkit) => toolkit.execute('get_customer', { id: String(customer.Id) }),
  ],
  [
    'read: dropped connection',
    () => sim.faults.inject({ kind: 'drop_before_commit', times: 5 }),
    (toolkit) =>
      toolkit.execute('find_contact', { namePrefix: canary('DisplayName'), role: 'customer', limit: null }),
  ],
  [
    'read: timeout',
    () => sim.faults.inject({ kind: 'timeout', times: 5, delayMs: 2_000 }),
    (toolkit) => toolkit.execute('get_invoice_balance', { invoiceId: String(invoice.Id) }),
  ],
  [
    'write: duplicate name echoed by QuickBooks',
    () => {},
    (toolkit) => toolkit.execute('create_contact', contactInput(canary('DisplayName'))),
  ],
  [
    'write: 5xx after the executor checked references',
    () => sim.faults.inject({ kind: 'server_error', method: 'POST', pathIncludes: '/customer', times: 5 }),
    (toolkit) => toolkit.execute('create_contact', contactInput(canary('FreshDisplayName'))),
  ],
  [
    'write: invalid input carrying canaries',
    () => {},
    (toolkit) =>
      toolkit.execute('record_payment', {
        customerId: canary('NotAnId'),
        date: canary('Date'),
        amount: canary('Amount'),
        currency: 'USD',
        depositAccountId: null,
        reference: null,
        memo: canary('Memo'),
        allocations: [],
        [canary('ExtraKey')]: canary('ExtraValue'),
      }),
  ],
];

describe('tool failures carry no PHI', () => {
  it.each(scenarios)('%s', async (_name, arrange, act) => {
    const toolkit = createLedgerToolkit(books, { allow: { writes: INTENT_NAMES }, fields: { role: 'full' } });
    sim.faults.clear();
    arrange();
    const { result, output } = await captureOutput(() => act(toolkit));
    sim.faults.clear();
    expect(result).toMatchObject({ ok: false });
    expect(findCanaries(JSON.stringify(result))).toEqual([]);
    expect(findCanaries(output)).toEqual([]);
  });

  it('audit records of all those calls carry no canary either', () => {
    expect(findCanaries(JSON.stringify(audit.records))).toEqual([]);
  });
});

describe('read results carry only the PHI the field policy allows', () => {
  it('minimal: no canary in any read result', async () => {
    const toolkit = createLedgerToolkit(books);
    const results = [
      await toolkit.execute('get_customer', { id: String(customer.Id) }),
      await toolkit.execute('get_invoice', { id: String(invoice.Id) }),
      await toolkit.execute('list_invoices', {
        status: null,
        contactId: null,
        updatedSince: null,
        cursor: null,
        pageSize: null,
      }),
      await toolkit.execute('find_contact', { namePrefix: 'CANARY', role: null, limit: null }),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: true });
    expect(findCanaries(JSON.stringify(results))).toEqual([]);
  });

  it('billing: names and line descriptions, never email, phone, address, notes, memos or custom fields', async () => {
    const toolkit = createLedgerToolkit(books, { fields: { role: 'billing' } });
    const text = JSON.stringify([
      await toolkit.execute('get_customer', { id: String(customer.Id) }),
      await toolkit.execute('get_invoice', { id: String(invoice.Id) }),
    ]);
    expect(new Set(findCanaries(text))).toEqual(
      new Set([
        canary('DisplayName'),
        canary('GivenName'),
        canary('FamilyName'),
        canary('CompanyName'),
        canary('LineDescription'),
      ]),
    );
  });

  it('allowPhi opens exactly the named fields', async () => {
    const toolkit = createLedgerToolkit(books, { fields: { allowPhi: ['email'] } });
    const text = JSON.stringify(await toolkit.execute('get_customer', { id: String(customer.Id) }));
    expect(findCanaries(text)).toEqual([canary('Email')]);
  });
});
