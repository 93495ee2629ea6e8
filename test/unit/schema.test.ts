import { describe, expect, it } from 'vitest';
import { InvoiceDraft } from '../../src/schema/drafts.js';
import { Contact, Invoice, JournalEntry, Payment } from '../../src/schema/entities/index.js';
import { phiPaths } from '../../src/schema/phi.js';
import { RESOURCE_NAMES, RESOURCE_SCHEMAS } from '../../src/schema/resources.js';

describe('unified schema', () => {
  it('marks the PHI-bearing fields of each entity', () => {
    expect(phiPaths(Contact)).toEqual(
      expect.arrayContaining([
        'customFields',
        'displayName',
        'givenName',
        'familyName',
        'email',
        'phone',
        'billingAddress.line1',
        'billingAddress.postalCode',
        'notes',
      ]),
    );
    expect(phiPaths(Invoice)).toEqual(
      expect.arrayContaining([
        'contactName',
        'lines.[].description',
        'lines.[].serviceDate',
        'memo',
        'customerMemo',
      ]),
    );
    expect(phiPaths(JournalEntry)).toEqual(expect.arrayContaining(['memo', 'lines.[].description']));
    expect(phiPaths(Payment)).toContain('memo');
    expect(phiPaths(Invoice)).not.toContain('total');
  });

  it('gives every resource a schema with an id and custom fields', () => {
    for (const name of RESOURCE_NAMES) {
      const shape = RESOURCE_SCHEMAS[name].shape as Record<string, unknown>;
      expect(shape, name).toHaveProperty('id');
      expect(shape, name).toHaveProperty('customFields');
    }
  });

  it('defaults custom fields on read and refuses unknown keys on drafts', () => {
    const invoice = Invoice.parse({
      id: '1',
      contactId: '2',
      status: 'open',
      issueDate: '2026-01-01',
      currency: 'USD',
      lines: [],
      total: '0.00',
      balance: '0.00',
    });
    expect(invoice.customFields).toEqual({});
    const draft = InvoiceDraft.safeParse({
      contactId: '2',
      issueDate: '2026-01-01',
      currency: 'USD',
      lines: [{ amount: '1.00' }],
      surprise: true,
    });
    expect(draft.success).toBe(false);
  });

  it('refuses impossible dates and float-looking amounts', () => {
    const base = { contactId: '2', issueDate: '2026-02-30', currency: 'USD', lines: [{ amount: '1.00' }] };
    expect(InvoiceDraft.safeParse(base).success).toBe(false);
    expect(
      InvoiceDraft.safeParse({ ...base, issueDate: '2026-02-28', lines: [{ amount: '1e3' }] }).success,
    ).toBe(false);
    expect(InvoiceDraft.safeParse({ ...base, issueDate: '2026-02-28' }).success).toBe(true);
  });
});
