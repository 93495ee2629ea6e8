/**
 * Zero retention across Xero's failure paths: canary strings in every PHI-bearing field of the simulated
 * organisation never appear in anything the SDK throws (message, stack, cause, JSON, util.inspect), prints,
 * or audits, nor in any URL it sends. Xero's ValidationExceptions echo the failed record and quote names in
 * their messages, and the simulator does the same, so the redaction is exercised.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xero } from '../../providers/xero/index.js';
import { createXeroSimulator, type XeroRecord } from '../../providers/xero/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import { INTENT_NAMES } from '../../src/intents/index.js';
import { createLedger } from '../../src/ledger.js';
import { canary, captureOutput, findCanaries, renderError } from '../support/canary.js';

const sim = createXeroSimulator({ throttle: false });
const server = setupServer(...sim.handlers);
const audit = memoryAuditSink();
let books: Connection;
let rejected: Connection;
let contact: XeroRecord;
let invoice: XeroRecord;
const accountId = (code: string) =>
  String(sim.organisation.list('Account').find((account) => account.Code === code)?.AccountID);

function address(prefix: string) {
  return {
    AddressType: 'POBOX',
    AddressLine1: canary(`${prefix}Line1`),
    AddressLine2: canary(`${prefix}Line2`),
    City: canary(`${prefix}City`),
    Region: canary(`${prefix}Region`),
    PostalCode: canary(`${prefix}PostalCode`),
    Country: canary(`${prefix}Country`),
  };
}

function seedCanaries() {
  contact = sim.organisation.insert('Contact', {
    Name: canary('DisplayName'),
    FirstName: canary('GivenName'),
    LastName: canary('FamilyName'),
    EmailAddress: `${canary('Email')}@example.test`,
    TaxNumber: canary('TaxNumber'),
    Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: canary('Phone') }],
    Addresses: [address('Billing')],
  });
  invoice = sim.organisation.insert('Invoice', {
    Type: 'ACCREC',
    Contact: { ContactID: contact.ContactID },
    Date: '2026-02-01',
    Reference: canary('CustomerMemo'),
    Status: 'AUTHORISED',
    LineItems: [{ Description: canary('LineDescription'), Quantity: 1, UnitAmount: 100, AccountCode: '200' }],
  });
  sim.organisation.insert('CreditNote', {
    Type: 'ACCRECCREDIT',
    Contact: { ContactID: contact.ContactID },
    Status: 'AUTHORISED',
    LineItems: [{ Description: canary('CreditLine'), LineAmount: 5, AccountCode: '200' }],
  });
  sim.organisation.insert('ManualJournal', {
    Narration: canary('JournalNarration'),
    Status: 'POSTED',
    JournalLines: [
      { LineAmount: 5, AccountCode: '400', Description: canary('JournalLine') },
      { LineAmount: -5, AccountCode: '090', Description: canary('JournalLine') },
    ],
  });
  sim.organisation.insert('BankTransaction', {
    Type: 'SPEND',
    Contact: { ContactID: contact.ContactID },
    BankAccount: { Code: '090' },
    LineItems: [{ Description: canary('ExpenseLine'), LineAmount: 7, AccountCode: '400' }],
  });
}

async function connect(accessToken: string): Promise<Connection> {
  const vault = createMemoryTokenVault();
  const key = { tenantId: 'clinic-canary', connectionId: 'xero' };
  await vault.put(
    key,
    { accessToken, providerTenantId: sim.credentials.tenantId },
    { expectedVersion: undefined },
  );
  const ledger = createLedger({
    vault,
    audit,
    idempotencySecret: 'canary-suite-secret-0123456789abcdef',
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    transport: { timeoutMs: 300 },
  });
  return ledger.connect({ ...key, provider: xero({ rateLimits: false }), policy: { allow: INTENT_NAMES } });
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  seedCanaries();
  books = await connect(sim.credentials.accessToken);
  rejected = await connect('revoked-token');
});
afterAll(() => server.close());

const actor = { actor: { agentId: 'canary-agent' } };
const paymentIntent = (amount = '10.00') => ({
  intent: 'record_payment',
  customerId: String(contact.ContactID),
  date: '2026-02-02',
  amount,
  currency: 'USD',
  depositAccountId: accountId('090'),
  reference: null,
  memo: null,
  allocations: [{ invoiceId: String(invoice.InvoiceID), amount }],
});
const contactIntent = (displayName: string) => ({
  intent: 'create_contact',
  role: 'customer',
  displayName,
  givenName: canary('NewGivenName'),
  familyName: canary('NewFamilyName'),
  companyName: null,
  email: `${canary('NewEmail')}@example.test`,
  phone: canary('NewPhone'),
  address: {
    line1: canary('NewLine1'),
    line2: null,
    city: canary('NewCity'),
    region: null,
    postalCode: null,
    country: null,
  },
  notes: null,
  currency: null,
});
const invoiceIntent = (overrides: Record<string, unknown> = {}) => ({
  intent: 'create_invoice',
  customerId: String(contact.ContactID),
  invoiceNumber: null,
  issueDate: '2026-02-03',
  dueDate: null,
  currency: 'USD',
  lines: [
    {
      description: canary('NewLineDescription'),
      itemId: null,
      accountId: accountId('200'),
      quantity: null,
      unitPrice: null,
      amount: '12.00',
      taxRateId: null,
      serviceDate: null,
    },
  ],
  memo: null,
  customerMemo: canary('NewCustomerMemo'),
  ...overrides,
});

type Scenario = readonly [name: string, arrange: () => void, act: () => Promise<unknown>];

const scenarios: Scenario[] = [
  [
    'read: 5xx',
    () => sim.faults.inject({ kind: 'server_error', times: 5 }),
    () => books.invoices.get(String(invoice.InvoiceID)),
  ],
  [
    'read: malformed JSON',
    () => sim.faults.inject({ kind: 'malformed_json', times: 5 }),
    () => books.customers.get(String(contact.ContactID)),
  ],
  [
    'read: dropped connection',
    () => sim.faults.inject({ kind: 'drop_before_commit', times: 5 }),
    () => books.invoices.listPage({ pageSize: 5 }),
  ],
  [
    'read: timeout',
    () => sim.faults.inject({ kind: 'timeout', times: 5, delayMs: 2_000 }),
    () => books.journalEntries.listPage(),
  ],
  [
    'read: throttled (429 minute)',
    () => sim.faults.inject({ kind: 'rate_limit', times: 5, retryAfterSeconds: 120 }),
    () => books.creditNotes.listPage(),
  ],
  ['read: token rejected (401)', () => undefined, () => rejected.customers.get(String(contact.ContactID))],
  [
    'read: not found (404)',
    () => undefined,
    () => books.invoices.get('00000000-0000-4000-8000-0000000000cc'),
  ],
  [
    'read: a name filter is refused, not put in a URL',
    () => undefined,
    () => books.customers.listPage({ nameStartsWith: canary('Filter') }),
  ],
  ['read: an id that is a name', () => undefined, () => books.customers.get(canary('NameAsId'))],
  [
    'write: duplicate name quoted and echoed by Xero',
    () => undefined,
    () => books.execute(contactIntent(canary('DisplayName')), actor),
  ],
  [
    'write: ValidationException echoing the invoice (bad tax type)',
    () => undefined,
    () =>
      books.execute(invoiceIntent({ lines: [{ ...invoiceIntent().lines[0], taxRateId: 'NOPE1' }] }), actor),
  ],
  [
    'write: payment over the amount due, echoed',
    () => undefined,
    () => books.execute(paymentIntent('500.00'), actor),
  ],
  [
    'write: 5xx whose detail echoes the request body',
    () => sim.faults.inject({ kind: 'server_error', method: 'PUT', pathIncludes: '/Invoices', times: 5 }),
    () => books.execute(invoiceIntent(), { ...actor, idempotencyKey: 'canary-5xx' }),
  ],
  [
    'write: committed, then the connection dropped',
    () =>
      sim.faults.inject({ kind: 'drop_after_commit', method: 'PUT', pathIncludes: '/Contacts', times: 5 }),
    () => books.execute(contactIntent(canary('DroppedName')), { ...actor, idempotencyKey: 'canary-drop' }),
  ],
  [
    'write: a field Xero has no place for',
    () => undefined,
    () => books.execute(invoiceIntent({ memo: canary('InternalMemo') }), actor),
  ],
  [
    'write: the same key for a different write',
    () => undefined,
    async () => {
      await books.execute(contactIntent(canary('KeyedName')), { ...actor, idempotencyKey: 'canary-key' });
      return books.execute(contactIntent(canary('OtherKeyedName')), {
        ...actor,
        idempotencyKey: 'canary-key',
      });
    },
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
        actor,
      ),
  ],
  [
    'write: attachment whose file name names the patient, to a record that is gone',
    () => undefined,
    () =>
      books.execute(
        {
          intent: 'attach_file',
          entityType: 'invoice',
          entityId: '00000000-0000-4000-8000-0000000000dd',
          fileName: `${canary('FileName')}.pdf`,
          contentType: 'application/pdf',
          contentBase64: Buffer.from(canary('FileBytes')).toString('base64'),
          note: null,
        },
        actor,
      ),
  ],
];

describe('zero retention across Xero failure paths', () => {
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
    const failed = 'error' in result || (result.value as { status?: string }).status === 'uncertain';
    expect(failed, 'a scenario that silently succeeded tests nothing').toBe(true);
  });

  it('no canary ever reached a URL: paths and queries of every request sent', () => {
    const urls = sim.requests.requests.map(
      (request) => `${request.path}?${new URLSearchParams(request.query)}`,
    );
    expect(urls.length).toBeGreaterThan(scenarios.length);
    expect(findCanaries(urls.join('\n'))).toEqual([]);
  });

  it('the canaries are really in the data the SDK read, and in Xero’s echoes', async () => {
    const read = await books.customers.get(String(contact.ContactID));
    expect(read).toMatchObject({
      displayName: canary('DisplayName'),
      phone: canary('Phone'),
      billingAddress: { city: canary('BillingCity') },
    });
    expect((await books.invoices.get(String(invoice.InvoiceID))).lines[0]?.description).toBe(
      canary('LineDescription'),
    );
    const answer = await sim.handle(
      new Request('https://api.xero.com/api.xro/2.0/Contacts', {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${sim.credentials.accessToken}`,
          'xero-tenant-id': sim.credentials.tenantId,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ Contacts: [{ Name: canary('DisplayName') }] }),
      }),
    );
    expect(findCanaries(await answer.text())).toContain(canary('DisplayName'));
  });
});
