import { describe, expect, it } from 'vitest';
import { createProjection, PHI_ROLE_PRESETS } from '../../src/tools/index.js';

const contact = {
  id: '7',
  roles: ['customer'],
  displayName: 'Test Patient',
  givenName: 'Test',
  email: 'patient@example.test',
  phone: '555-0100',
  billingAddress: { line1: '1 Lane', city: 'Springfield', postalCode: '62701' },
  notes: 'note',
  active: true,
  balance: '10.00',
  customFields: { npi: '123' },
};

const invoice = {
  id: '2',
  contactId: '7',
  contactName: 'Test Patient',
  status: 'open',
  issueDate: '2026-02-01',
  currency: 'USD',
  total: '100.00',
  balance: '100.00',
  memo: 'internal',
  customerMemo: 'thanks',
  email: 'patient@example.test',
  lines: [
    { amount: '60.00', description: 'Visit', serviceDate: '2026-02-01' },
    { amount: '40.00', description: 'Lab' },
  ],
  customFields: {},
};

describe('minimum-necessary projection', () => {
  it('minimal (the default) keeps no PHI-marked field at all', () => {
    const projection = createProjection();
    expect(projection.project('customers', contact)).toEqual({
      id: '7',
      roles: ['customer'],
      active: true,
      balance: '10.00',
    });
    expect(projection.project('invoices', invoice)).toEqual({
      id: '2',
      contactId: '7',
      status: 'open',
      issueDate: '2026-02-01',
      currency: 'USD',
      total: '100.00',
      balance: '100.00',
      lines: [{ amount: '60.00' }, { amount: '40.00' }],
    });
  });

  it('billing keeps names, line descriptions and dates of service, but no contact details', () => {
    const projection = createProjection({ role: 'billing' });
    const projected = projection.project('customers', contact);
    expect(projected).toMatchObject({ displayName: 'Test Patient', givenName: 'Test' });
    for (const field of ['email', 'phone', 'billingAddress', 'notes', 'customFields']) {
      expect(projected).not.toHaveProperty(field);
    }
    expect(projection.project('invoices', invoice).lines).toEqual(invoice.lines);
    expect(projection.withheld('customers')).toEqual(
      expect.arrayContaining(['email', 'phone', 'billingAddress.line1', 'notes']),
    );
    expect(projection.withheld('customers')).not.toContain('displayName');
  });

  it('allowPhi adds fields by bare name, by path prefix or by path', () => {
    expect(createProjection({ allowPhi: ['email'] }).project('invoices', invoice)).toHaveProperty('email');
    expect(createProjection({ allowPhi: ['email'] }).project('customers', contact)).toHaveProperty('email');
    expect(
      createProjection({ allowPhi: ['billingAddress'] }).project('customers', contact).billingAddress,
    ).toEqual(contact.billingAddress);
    expect(
      createProjection({ allowPhi: ['billingAddress.city'] }).project('customers', contact).billingAddress,
    ).toEqual({
      city: 'Springfield',
    });
    expect(createProjection({ allowPhi: ['lines.description'] }).project('invoices', invoice).lines).toEqual([
      { amount: '60.00', description: 'Visit' },
      { amount: '40.00', description: 'Lab' },
    ]);
  });

  it('full keeps everything; projection never modifies its input', () => {
    const before = structuredClone(invoice);
    expect(createProjection({ role: 'full' }).project('invoices', invoice)).toEqual(invoice);
    createProjection().project('invoices', invoice);
    expect(invoice).toEqual(before);
    expect(createProjection({ role: 'full' }).withheld('invoices')).toEqual([]);
  });

  it('presets are documented data', () => {
    expect(Object.keys(PHI_ROLE_PRESETS)).toEqual(['minimal', 'billing', 'full']);
  });
});
