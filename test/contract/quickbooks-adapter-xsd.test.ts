/**
 * Every request body the QuickBooks adapter sends, for every resource and write operation its definition
 * declares, uses only element names Intuit's XSD defines for that entity type.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { createQuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { resolveMappings } from '../../src/engine/overrides.js';
import { mapDraft } from '../../src/engine/record-mapper.js';
import type { WritableResourceName } from '../../src/schema/drafts.js';
import { quickBooksProviderClient } from '../support/quickbooks-client.js';
import { loadQuickBooksXsd, QUICKBOOKS_XSD_DIR_SEGMENTS } from '../support/quickbooks-xsd.js';
import { hasShared, missingSharedMessage, sharedPath } from '../support/shared-dir.js';

const available = hasShared(...QUICKBOOKS_XSD_DIR_SEGMENTS);
if (!available) console.warn(missingSharedMessage(...QUICKBOOKS_XSD_DIR_SEGMENTS));

/** The QuickBooks entity each path segment names. */
const ENTITY_BY_PATH: Record<string, string> = {
  invoice: 'Invoice',
  bill: 'Bill',
  creditmemo: 'CreditMemo',
  payment: 'Payment',
  billpayment: 'BillPayment',
  customer: 'Customer',
  vendor: 'Vendor',
  account: 'Account',
  journalentry: 'JournalEntry',
  purchase: 'Purchase',
  item: 'Item',
  attachable: 'Attachable',
};

describe.skipIf(!available)('QuickBooks adapter requests match the QBO XSD', () => {
  const sim = createQuickBooksSimulator({ throttle: false });
  const server = setupServer(...sim.handlers);
  const client = quickBooksProviderClient(sim);
  const { definition } = quickbooks();
  const exercised = new Set<string>();

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  /** Full drafts (every optional field set) so every request mapping branch produces output. */
  function drafts(): Record<WritableResourceName, Record<string, unknown>> {
    const line = {
      description: 'Visit',
      itemId: '1',
      quantity: '2',
      unitPrice: '62.50',
      amount: '125.00',
      taxRateId: 'NON',
      serviceDate: '2026-02-01',
    };
    const address = {
      line1: '1 Way',
      line2: 'Unit 2',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: 'US',
    };
    const person = {
      displayName: `Full Draft ${Math.random()}`,
      givenName: 'Full',
      familyName: 'Draft',
      companyName: 'Draft Co',
      email: 'full.draft@example.test',
      phone: '555-0100',
      billingAddress: address,
      notes: 'n',
      currency: 'USD',
      active: true,
    };
    return {
      invoices: {
        contactId: '1',
        number: 'X-1',
        issueDate: '2026-02-01',
        dueDate: '2026-03-01',
        currency: 'USD',
        lines: [line],
        memo: 'm',
        customerMemo: 'c',
        email: 'bill@example.test',
      },
      bills: {
        contactId: '1',
        number: 'B-1',
        issueDate: '2026-02-01',
        dueDate: '2026-03-01',
        currency: 'USD',
        lines: [
          { ...line, accountId: '8' },
          { description: 'Acct', accountId: '8', amount: '10.00', taxRateId: 'NON' },
        ],
        memo: 'm',
      },
      creditNotes: {
        contactId: '1',
        number: 'C-1',
        issueDate: '2026-02-01',
        currency: 'USD',
        lines: [line],
        memo: 'm',
      },
      payments: {
        contactId: '1',
        date: '2026-02-02',
        currency: 'USD',
        amount: '10.00',
        accountId: '2',
        reference: 'R-1',
        memo: 'm',
        allocations: [{ targetType: 'invoice', targetId: '2', amount: '10.00' }],
      },
      billPayments: {
        contactId: '1',
        date: '2026-02-02',
        currency: 'USD',
        amount: '10.00',
        accountId: '1',
        reference: 'R-2',
        memo: 'm',
        allocations: [{ targetType: 'bill', targetId: '1', amount: '10.00' }],
      },
      customers: person,
      vendors: { ...person, displayName: `Vendor ${Math.random()}` },
      accounts: {
        name: `Account ${Math.random()}`,
        code: '4999',
        providerType: 'Income',
        providerSubtype: 'ServiceFeeIncome',
        description: 'd',
        currency: 'USD',
        active: true,
      },
      journalEntries: {
        date: '2026-02-03',
        currency: 'USD',
        number: 'J-1',
        memo: 'm',
        lines: [
          { accountId: '8', side: 'debit', amount: '5.00', description: 'd', contactId: '1' },
          { accountId: '1', side: 'credit', amount: '5.00' },
        ],
      },
      expenses: {
        date: '2026-02-03',
        contactId: '1',
        paymentAccountId: '1',
        paymentMethod: 'check',
        currency: 'USD',
        lines: [{ accountId: '8', amount: '5.00', description: 'd' }],
        reference: 'E-1',
        memo: 'm',
      },
      items: {
        name: `Item ${Math.random()}`,
        sku: 'SKU-1',
        description: 'd',
        type: 'service',
        unitPrice: '10.5',
        purchaseCost: '2',
        incomeAccountId: '7',
        expenseAccountId: '8',
        active: true,
      },
      attachments: {
        fileName: 'f.pdf',
        contentType: 'application/pdf',
        bytes: new Uint8Array([1, 2, 3]),
        entityType: 'invoice',
        entityId: '1',
        note: 'n',
      },
    };
  }

  it('every write the definition declares sends XSD-valid bodies', async () => {
    const xsd = loadQuickBooksXsd(sharedPath(...QUICKBOOKS_XSD_DIR_SEGMENTS));
    const all = drafts();
    const expected: string[] = [];
    for (const [resource, resourceDefinition] of Object.entries(definition.resources)) {
      const name = resource as WritableResourceName;
      if (!resourceDefinition || !(name in all)) continue;
      sim.requests.clear();
      let id: string | undefined;
      if (resourceDefinition.create || resourceDefinition.upload) {
        expected.push(`${resource}.create`);
        id = (await client.create(name, all[name])).entity?.id as string | undefined;
        exercised.add(`${resource}.create`);
      }
      if (resourceDefinition.update && id) {
        expected.push(`${resource}.update`);
        const { bytes: _bytes, ...changes } = all[name];
        await client.update(name, { id, changes: name === 'attachments' ? { note: 'changed' } : changes });
        exercised.add(`${resource}.update`);
      }
      if (resourceDefinition.void && id) {
        expected.push(`${resource}.void`);
        await client.void(name, { id });
        exercised.add(`${resource}.void`);
      }
      if (resourceDefinition.delete && id) {
        expected.push(`${resource}.delete`);
        await client.delete(name, { id });
        exercised.add(`${resource}.delete`);
      }
      for (const request of sim.requests.requests) {
        const segment = request.path.split('/').at(-1) ?? '';
        const entity = ENTITY_BY_PATH[segment];
        if (request.method !== 'POST' || !entity || !request.bodyText) continue;
        expect(
          xsd.check(entity, JSON.parse(request.bodyText)),
          `${resource} ${request.query.operation ?? 'write'}`,
        ).toEqual([]);
      }
    }
    // Upload bodies are multipart (recorded by size only): check the metadata part the mapping produces.
    const attachmentMappings = resolveMappings(definition, undefined).get('attachments')!;
    const { bytes: _bytes, ...attachmentDraft } = all.attachments;
    expect(
      xsd.check('Attachable', await mapDraft(attachmentMappings, attachmentDraft, 'attachments.upload')),
    ).toEqual([]);

    expect([...exercised].sort()).toEqual(expected.sort());
    console.log(
      `QuickBooks adapter request contract: ${exercised.size} resource operations checked against the XSD`,
    );
  });

  it('would catch a field Intuit does not define', async () => {
    const xsd = loadQuickBooksXsd(sharedPath(...QUICKBOOKS_XSD_DIR_SEGMENTS));
    const mappings = resolveMappings(definition, { customers: { request: { PatientSSN: 'notes' } } }).get(
      'customers',
    )!;
    const payload = await mapDraft(mappings, { displayName: 'x', notes: 'y' }, 'customers.create');
    expect(xsd.check('Customer', payload)).toEqual([
      expect.objectContaining({ path: 'Customer.PatientSSN' }),
    ]);
  });
});
