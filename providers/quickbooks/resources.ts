import type { ResourceDefinition } from '../../src/engine/definition.js';
import type { ResourceName } from '../../src/schema/resources.js';
import { attachmentsResource } from './attachments.js';
import { accountMapping } from './mappings/account.js';
import { billMapping } from './mappings/bill.js';
import { companyInfoMapping } from './mappings/company-info.js';
import { customerMapping, vendorMapping } from './mappings/contact.js';
import { expenseMapping } from './mappings/expense.js';
import { itemMapping } from './mappings/item.js';
import { journalEntryMapping } from './mappings/journal-entry.js';
import { billPaymentMapping, paymentMapping } from './mappings/payment.js';
import { creditNoteMapping, invoiceMapping } from './mappings/sales-document.js';
import { taxRateMapping } from './mappings/tax-rate.js';
import { quickBooksResource } from './resource-builder.js';

const FULL_TRANSACTION = { create: true, update: true, delete: 'delete' } as const;
const NAME_LIST = { create: true, update: true, delete: 'deactivate' } as const;

/** Every unified resource QuickBooks Online serves, and how. */
export const quickBooksResources: Partial<Record<ResourceName, ResourceDefinition>> = {
  invoices: quickBooksResource({
    entity: 'Invoice',
    mapping: invoiceMapping,
    filters: { contactField: 'CustomerRef', balanceField: 'Balance' },
    writes: { ...FULL_TRANSACTION, void: true },
  }),
  bills: quickBooksResource({
    entity: 'Bill',
    mapping: billMapping,
    filters: { contactField: 'VendorRef', balanceField: 'Balance' },
    writes: FULL_TRANSACTION,
  }),
  creditNotes: quickBooksResource({
    entity: 'CreditMemo',
    mapping: creditNoteMapping,
    filters: { contactField: 'CustomerRef', balanceField: 'RemainingCredit' },
    writes: FULL_TRANSACTION,
  }),
  payments: quickBooksResource({
    entity: 'Payment',
    mapping: paymentMapping,
    filters: { contactField: 'CustomerRef' },
    writes: { ...FULL_TRANSACTION, void: true },
  }),
  billPayments: quickBooksResource({
    entity: 'BillPayment',
    mapping: billPaymentMapping,
    filters: { contactField: 'VendorRef' },
    writes: { ...FULL_TRANSACTION, void: true },
  }),
  customers: quickBooksResource({
    entity: 'Customer',
    mapping: customerMapping,
    filters: { nameField: 'DisplayName', hasActive: true },
    writes: NAME_LIST,
  }),
  vendors: quickBooksResource({
    entity: 'Vendor',
    mapping: vendorMapping,
    filters: { nameField: 'DisplayName', hasActive: true },
    writes: NAME_LIST,
  }),
  accounts: quickBooksResource({
    entity: 'Account',
    mapping: accountMapping,
    filters: { nameField: 'Name', hasActive: true },
    writes: NAME_LIST,
  }),
  journalEntries: quickBooksResource({
    entity: 'JournalEntry',
    mapping: journalEntryMapping,
    writes: FULL_TRANSACTION,
  }),
  expenses: quickBooksResource({
    entity: 'Purchase',
    mapping: expenseMapping,
    filters: {},
    writes: FULL_TRANSACTION,
  }),
  items: quickBooksResource({
    entity: 'Item',
    mapping: itemMapping,
    filters: { nameField: 'Name', hasActive: true },
    writes: NAME_LIST,
  }),
  taxRates: quickBooksResource({
    entity: 'TaxRate',
    mapping: taxRateMapping,
    filters: { nameField: 'Name', hasActive: true },
  }),
  attachments: attachmentsResource,
  company: {
    ...quickBooksResource({ entity: 'CompanyInfo', mapping: companyInfoMapping }),
    // There is one CompanyInfo per realm, addressed by the realm id; connections ask for it as 'current'.
    idSyntax: /^current$/,
    get: {
      request: () => ({ method: 'GET', path: '/companyinfo/{tenant}' }),
      record: (body) => (body as { CompanyInfo?: unknown } | undefined)?.CompanyInfo,
    },
  },
};
