import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { createQuickBooksSimulator, type QuickBooksRecord } from '../../providers/quickbooks/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import { INTENT_NAMES } from '../../src/intents/index.js';
import { createLedger } from '../../src/ledger.js';
import { canary, captureOutput, findCanaries, renderError } from '../support/canary.js';

/**
 * Zero retention, first line of defence: canary strings in every PHI-bearing field of the simulated company
 * never appear in anything the SDK throws or prints, across every failure path the simulator can produce.
 * The simulator's own error Details echo request values (as Intuit's do), so the redaction is exercised.
 */
const sim = createQuickBooksSimulator({ throttle: false, seed: 'empty' });
const server = setupServer(...sim.handlers);
const audit = memoryAuditSink();
let books: Connection;
let customer: QuickBooksRecord;
let invoice: QuickBooksRecord;
let item: QuickBooksRecord;

function seedCanaries() {
  const income = sim.company.insert('Account', { Name: 'Canary Income', AccountType: 'Income' });
  sim.company.insert('Account', { Name: 'Canary Bank', AccountType: 'Bank' });
  item = sim.company.insert('Item', {
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
    BillAddr: {
      Line1: canary('Line1'),
      Line2: canary('Line2'),
      City: canary('City'),
      CountrySubDivisionCode: canary('Region'),
      PostalCode: canary('PostalCode'),
      Country: canary('Country'),
    },
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
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  seedCanaries();
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

const paymentIntent = () => ({
  intent: 'record_payment',
  customerId: String(customer.Id),
  date: '2026-02-02',
  amount: '10.00',
  currency: 'USD',
  depositAccountId: null,
  reference: null,
  memo: canary('PaymentMemo'),
  allocations: [{ invoiceId: String(invoice.Id), amount: '10.00' }],
});

const contactIntent = (displayName: string) => ({
  intent: 'create_contact',
  role: 'customer',
  displayName,
  givenName: canary('NewGivenName'),
  familyName: canary('NewFamilyName'),
  companyName: null,
  email: `${canary('NewEmail')}@example.test`,
  phone: null,
  address: null,
  notes: canary('NewNotes'),
  currency: null,
});

type Scenario = readonly [name: string, arrange: () => void, act: () => Promise<unknown>];

const scenarios: Scenario[] = [
  [
    'read: 5xx whose detail echoes data',
    () => sim.faults.inject({ kind: 'server_error', times: 5 }),
    () => books.invoices.get(String(invoice.Id)),
  ],
  [
    'read: malformed JSON',
    () => sim.faults.inject({ kind: 'malformed_json', times: 5 }),
    () => books.customers.get(String(customer.Id)),
  ],
  [
    'read: dropped connection',
    () => sim.faults.inject({ kind: 'drop_before_commit', times: 5 }),
    () => books.invoices.listPage({ pageSize: 5 }),
  ],
  [
    'read: timeout',
    () => sim.faults.inject({ kind: 'timeout', times: 5, delayMs: 2_000 }),
    () => books.invoices.get(String(invoice.Id)),
  ],
  [
    'read: throttled',
    () => sim.faults.inject({ kind: 'rate_limit', times: 5, retryAfterSeconds: 120 }),
    () => books.invoices.get(String(invoice.Id)),
  ],
  ['read: not found', () => undefined, () => books.invoices.get('999999')],
  [
    'read: bad filter value',
    () => undefined,
    () => books.customers.listPage({ pageSize: 0, nameStartsWith: canary('Filter') }),
  ],
  [
    'write: duplicate name echoed by the provider',
    () => undefined,
    () => books.execute(contactIntent(canary('DisplayName')), { actor: { agentId: 'canary-agent' } }),
  ],
  [
    'write: 5xx after the attempt',
    () => sim.faults.inject({ kind: 'server_error', method: 'POST', pathIncludes: '/payment', times: 5 }),
    () =>
      books.execute(paymentIntent(), { actor: { agentId: 'canary-agent' }, idempotencyKey: 'canary-5xx' }),
  ],
  [
    'write: committed, then the connection dropped',
    () =>
      sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/payment', times: 5 }),
    () =>
      books.execute(paymentIntent(), { actor: { agentId: 'canary-agent' }, idempotencyKey: 'canary-drop' }),
  ],
  [
    'write: invalid intent carrying canaries',
    () => undefined,
    () =>
      books.execute(
        {
          ...contactIntent(canary('InvalidName')),
          email: canary('NotAnEmail'),
          unexpected: canary('ExtraKey'),
        },
        { actor: { agentId: 'canary-agent' } },
      ),
  ],
  [
    'write: hallucinated reference',
    () => undefined,
    () =>
      books.execute(
        { ...paymentIntent(), allocations: [{ invoiceId: 'CANARYHallucinatedQ7Z', amount: '10.00' }] },
        { actor: { agentId: 'canary-agent' } },
      ),
  ],
  [
    'write: unbalanced journal entry',
    () => undefined,
    () =>
      books.execute(
        {
          intent: 'post_journal_entry',
          date: '2026-02-03',
          currency: 'USD',
          entryNumber: null,
          memo: canary('JournalMemo'),
          lines: [
            { accountId: '1', side: 'debit', amount: '10.00', description: canary('Debit'), contactId: null },
            {
              accountId: '2',
              side: 'credit',
              amount: '9.99',
              description: canary('Credit'),
              contactId: null,
            },
          ],
        },
        { actor: { agentId: 'canary-agent' } },
      ),
  ],
];

describe('zero retention across QuickBooks failure paths', () => {
  it.each(scenarios)('%s', async (_name, arrange, act) => {
    sim.faults.clear();
    arrange();
    const { result, output } = await captureOutput(async () => {
      try {
        return { value: await act() };
      } catch (error) {
        return { error };
      }
    });
    sim.faults.clear();
    const rendered = 'error' in result ? renderError(result.error) : '';
    expect(findCanaries(rendered), 'error text').toEqual([]);
    expect(findCanaries(output), 'console output').toEqual([]);
    expect(findCanaries(JSON.stringify(audit.records)), 'audit records').toEqual([]);
    // Each scenario is a failure (or an uncertain write); a path that silently succeeded tests nothing.
    const failed = 'error' in result || (result.value as { status?: string }).status === 'uncertain';
    expect(failed).toBe(true);
  });

  it('the canaries are really in the data the SDK read', async () => {
    const read = await books.customers.get(String(customer.Id));
    expect(read.displayName).toBe(canary('DisplayName'));
    const readInvoice = await books.invoices.get(String(invoice.Id));
    expect(readInvoice.lines[0]?.description).toBe(canary('LineDescription'));
    expect(readInvoice.customFields.Diagnosis).toBe(canary('CustomField'));
  });
});
