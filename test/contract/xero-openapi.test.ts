/**
 * The Xero adapter and simulator held to Xero's own OpenAPI contract (shared/contracts/xero):
 *
 * 1. every request the adapter sends, for every operation its definition supports, validates against the
 *    spec's parameters and request schema for that path and method (strictly: no key the spec does not
 *    name);
 * 2. every response example the spec gives for those operations maps through the adapter's response
 *    mappings to a valid unified entity, without losing a field the unified schema has a place for: every
 *    non-empty leaf of a mapped example is mapped (COVERAGE, and then must reach the entity), excluded with a
 *    reason (EXCLUDED) or envelope metadata (ENVELOPE), so a field nobody listed fails (and the spec's own
 *    request examples for them validate, but for the SDK-shaped ones SOURCES.md names);
 * 3. every simulator response validates against the spec's response schema, with MS-JSON dates.
 */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xero } from '../../providers/xero/index.js';
import { XERO_PAYMENT_TYPES } from '../../providers/xero/resources.js';
import { createXeroSimulator, type XeroRecord } from '../../providers/xero/testing.js';
import { resolveMappings } from '../../src/engine/overrides.js';
import type { ProviderClient } from '../../src/engine/provider-client.js';
import { mapRecord } from '../../src/engine/record-mapper.js';
import { isLedgerError } from '../../src/http/errors.js';
import type { ResourceName } from '../../src/schema/resources.js';
import { hasShared, missingSharedMessage, sharedPath } from '../support/shared-dir.js';
import { xeroProviderClient } from '../support/xero-client.js';
import {
  type ContractProblem,
  loadXeroContract,
  type SpecOperation,
  XERO_ACCOUNTING_BASE_PATH,
  XERO_SPEC_SEGMENTS,
  type XeroContract,
} from '../support/xero-openapi.js';

const available = hasShared(...XERO_SPEC_SEGMENTS);
if (!available) console.warn(missingSharedMessage(...XERO_SPEC_SEGMENTS));

type Json = Record<string, unknown>;

/** One request and the simulator's answer, as seen on the wire. */
interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/**
 * Where each unified field comes from: `[Xero path, unified path, when?]`. `[]` walks an array (positions
 * must line up), `[Key=Value]` picks the first element with that value, and a field counts as present when it
 * is neither absent, null, empty text nor an empty array. A mapped example must carry every unified field
 * whose Xero source it carries. `when` limits an entry to the records the mapping reads that source on (a
 * MOBILE phone only when there is no DEFAULT one); on other records the source needs an exclusion.
 */
type Coverage = readonly (readonly [string, string, ((record: Json) => boolean)?])[];

/** The phone types the contact mapping reads `phone` from, in order: the first with a number wins. */
const PHONE_ORDER = ['DEFAULT', 'MOBILE', 'DDI'] as const;
const phoneTaken = (record: Json) => {
  const phones = Array.isArray(record.Phones) ? (record.Phones as Json[]) : [];
  return PHONE_ORDER.find((type) =>
    phones.some(
      (phone) =>
        phone?.PhoneType === type && typeof phone.PhoneNumber === 'string' && phone.PhoneNumber !== '',
    ),
  );
};
const PHONE_PARTS = ['PhoneNumber', 'PhoneAreaCode', 'PhoneCountryCode'] as const;

const DOCUMENT_LINES: Coverage = [
  ['LineItems[].LineItemID', 'lines[].id'],
  ['LineItems[].Description', 'lines[].description'],
  ['LineItems[].Item.ItemID', 'lines[].itemId'],
  ['LineItems[].AccountID', 'lines[].accountId'],
  ['LineItems[].Quantity', 'lines[].quantity'],
  ['LineItems[].UnitAmount', 'lines[].unitPrice'],
  ['LineItems[].LineAmount', 'lines[].amount'],
  ['LineItems[].TaxType', 'lines[].taxRateId'],
];
const DOCUMENT: Coverage = [
  ['UpdatedDateUTC', 'updatedAt'],
  ['Contact.ContactID', 'contactId'],
  ['Contact.Name', 'contactName'],
  ['Status', 'status'],
  ['Date', 'issueDate'],
  ['DueDate', 'dueDate'],
  ['CurrencyCode', 'currency'],
  ['SubTotal', 'subtotal'],
  ['TotalTax', 'taxTotal'],
  ['Total', 'total'],
  ...DOCUMENT_LINES,
];
const CONTACT: Coverage = [
  ['ContactID', 'id'],
  ['UpdatedDateUTC', 'updatedAt'],
  ['IsCustomer', 'roles'],
  ['IsSupplier', 'roles'],
  ['Name', 'displayName'],
  ['FirstName', 'givenName'],
  ['LastName', 'familyName'],
  ['EmailAddress', 'email'],
  ['ContactStatus', 'active'],
  ['DefaultCurrency', 'currency'],
  ['TaxNumber', 'taxNumber'],
  ...PHONE_ORDER.flatMap((type) =>
    PHONE_PARTS.map(
      (part) =>
        [
          `Phones[PhoneType=${type}].${part}`,
          'phone',
          (record: Json) => phoneTaken(record) === type,
        ] as const,
    ),
  ),
  ['Addresses[AddressType=POBOX].AddressLine1', 'billingAddress.line1'],
  ['Addresses[AddressType=POBOX].AddressLine2', 'billingAddress.line2'],
  ['Addresses[AddressType=POBOX].City', 'billingAddress.city'],
  ['Addresses[AddressType=POBOX].Region', 'billingAddress.region'],
  ['Addresses[AddressType=POBOX].PostalCode', 'billingAddress.postalCode'],
  ['Addresses[AddressType=POBOX].Country', 'billingAddress.country'],
];
const sameCurrency = (record: Json) =>
  record.DefaultCurrency === undefined || record.DefaultCurrency === 'USD';
const PAYMENT: Coverage = [
  ['PaymentID', 'id'],
  ['UpdatedDateUTC', 'updatedAt'],
  ['PaymentType', 'kind'],
  ['Date', 'date'],
  ['Amount', 'amount'],
  ['Invoice.Contact.ContactID', 'contactId'],
  ['Invoice.InvoiceID', 'allocations[].targetId'],
  ['Invoice.Type', 'allocations[].targetType'],
  ['Invoice.CurrencyCode', 'currency'],
  ['CreditNote.CreditNoteID', 'allocations[].targetId'],
  ['CreditNote.Contact.ContactID', 'contactId'],
  ['CreditNote.CurrencyCode', 'currency'],
  ['Account.AccountID', 'accountId'],
  ['Reference', 'reference'],
  ['Status', 'status'],
];
const hasEffectiveRate = (record: Json) => record.EffectiveRate !== undefined;
const COVERAGE: Readonly<Record<ResourceName, Coverage>> = {
  invoices: [
    ['InvoiceID', 'id'],
    ['InvoiceNumber', 'number'],
    ['AmountDue', 'balance'],
    ['Reference', 'customerMemo'],
    ...DOCUMENT,
  ],
  bills: [
    ['InvoiceID', 'id'],
    ['InvoiceNumber', 'number'],
    ['AmountDue', 'balance'],
    ['Reference', 'memo'],
    ...DOCUMENT,
  ],
  creditNotes: [
    ['CreditNoteID', 'id'],
    ['CreditNoteNumber', 'number'],
    ['RemainingCredit', 'balance'],
    ...DOCUMENT,
  ],
  payments: PAYMENT,
  billPayments: PAYMENT,
  customers: [...CONTACT, ['Balances.AccountsReceivable.Outstanding', 'balance', sameCurrency]],
  vendors: [...CONTACT, ['Balances.AccountsPayable.Outstanding', 'balance', sameCurrency]],
  accounts: [
    ['AccountID', 'id'],
    ['UpdatedDateUTC', 'updatedAt'],
    ['Name', 'name'],
    ['Code', 'code'],
    ['Class', 'class'],
    ['Type', 'providerType'],
    ['BankAccountType', 'providerSubtype', (record) => record.BankAccountType !== 'NONE'],
    ['Description', 'description'],
    ['CurrencyCode', 'currency'],
    ['Status', 'active'],
  ],
  journalEntries: [
    ['ManualJournalID', 'id'],
    ['UpdatedDateUTC', 'updatedAt'],
    ['Date', 'date'],
    ['Narration', 'memo'],
    ['JournalLines[].AccountID', 'lines[].accountId'],
    ['JournalLines[].LineAmount', 'lines[].amount'],
    ['JournalLines[].LineAmount', 'lines[].side'],
    ['JournalLines[].Description', 'lines[].description'],
  ],
  expenses: [
    ['BankTransactionID', 'id'],
    ['UpdatedDateUTC', 'updatedAt'],
    ['Date', 'date'],
    ['Contact.ContactID', 'contactId'],
    ['BankAccount.AccountID', 'paymentAccountId'],
    ['BankAccount.BankAccountType', 'paymentMethod'],
    ['CurrencyCode', 'currency'],
    ['Total', 'total'],
    ['Reference', 'reference'],
    ['Status', 'status'],
    ['LineItems[].LineItemID', 'lines[].id'],
    ['LineItems[].AccountID', 'lines[].accountId'],
    ['LineItems[].LineAmount', 'lines[].amount'],
    ['LineItems[].Description', 'lines[].description'],
  ],
  items: [
    ['ItemID', 'id'],
    ['UpdatedDateUTC', 'updatedAt'],
    ['Code', 'sku'],
    ['Name', 'name'],
    ['Description', 'description'],
    ['IsTrackedAsInventory', 'type'],
    ['SalesDetails.UnitPrice', 'unitPrice'],
    ['PurchaseDetails.UnitPrice', 'purchaseCost'],
  ],
  taxRates: [
    ['TaxType', 'id'],
    ['TaxType', 'code'],
    ['Name', 'name'],
    ['EffectiveRate', 'rate'],
    ['DisplayTaxRate', 'rate', (record) => !hasEffectiveRate(record)],
    ['Status', 'active'],
  ],
  attachments: [
    ['AttachmentID', 'id'],
    ['FileName', 'fileName'],
    ['MimeType', 'contentType'],
    ['ContentLength', 'size'],
  ],
  company: [
    ['OrganisationID', 'id'],
    ['CreatedDateUTC', 'createdAt'],
    ['Name', 'name'],
    ['LegalName', 'legalName'],
    ['CountryCode', 'country'],
    ['BaseCurrency', 'currency'],
    ['FinancialYearEndMonth', 'fiscalYearStartMonth'],
  ],
};

/**
 * Xero fields a mapped example carries that no unified field holds: `[Xero path, why, when?]`, paths as in
 * COVERAGE. Every non-empty leaf of a mapped example must be mapped (COVERAGE), excluded here, or envelope
 * metadata (ENVELOPE); an entry no example needs any more fails, so the list stays true. Printed.
 */
type Exclusions = readonly (readonly [string, string, ((record: Json) => boolean)?])[];

const because = (reason: string, ...paths: string[]): Exclusions =>
  paths.map((path) => [path, reason] as const);
const under = (prefix: string, ...keys: string[]) => keys.map((key) => `${prefix}.${key}`);

const ATTACHMENTS_LISTED = because(
  'an attachment listed on its record: read through the attachments resource',
  ...under('Attachments[]', 'AttachmentID', 'FileName', 'Url', 'MimeType', 'ContentLength'),
);
const HAS_ATTACHMENTS = because('a flag: the attachments resource lists them', 'HasAttachments');
const CURRENCY_RATE = because('the rate to the base currency: no unified field', 'CurrencyRate');
const LINE_AMOUNT_TYPES = because(
  'whether line amounts include tax: no unified field (subtotal, taxTotal and total say it)',
  'LineAmountTypes',
);
const ACCOUNT_CODE = because(
  'an account code: the unified line holds the AccountID',
  'LineItems[].AccountCode',
);
/** A contact embedded in a document or expense: its own fields are the contact resource's. */
const EMBEDDED_CONTACT = [
  ...because(
    'the contact’s own details, read through the contact resources: the record names its contact by id',
    ...under('Contact', 'ContactStatus', 'FirstName', 'LastName', 'UpdatedDateUTC', 'DefaultCurrency'),
    ...under('Contact', 'IsCustomer', 'IsSupplier'),
    ...under('Contact.Addresses[]', 'AddressType', 'City', 'Region', 'PostalCode', 'Country'),
    ...under('Contact.Phones[]', 'PhoneType', 'PhoneNumber', 'PhoneAreaCode'),
    ...under('Contact.ContactGroups[]', 'ContactGroupID', 'Name', 'Status'),
    ...under('Contact.ContactPersons[]', 'FirstName', 'LastName', 'EmailAddress', 'IncludeInEmails'),
  ),
  ...because(
    'the contact’s own email, not an address the document went to (a Xero document has none, so the unified invoice email stays empty)',
    'Contact.EmailAddress',
  ),
];
const DOCUMENT_EXCLUDED: Exclusions = [
  ...because('chooses the unified resource (ACCREC invoice, ACCPAY bill, ACCRECCREDIT credit note)', 'Type'),
  ...because(
    'what has been paid or credited: the unified balance holds what is still owed',
    'AmountPaid',
    'AmountCredited',
  ),
  ...because('no unified field', 'FullyPaidOnDate', 'SentToContact', 'IsDiscounted', 'RepeatingInvoiceID'),
  ...because(
    'a line’s tax: the unified line has no place for it (taxTotal holds the document’s)',
    'LineItems[].TaxAmount',
  ),
  ...ACCOUNT_CODE,
  ...because('an item code: the unified line holds Item.ItemID', 'LineItems[].ItemCode'),
  ...because(
    'a payment applied to the document: read through the payment resources',
    ...under('Payments[]', 'PaymentID', 'Date', 'Amount', 'Reference', 'CurrencyRate', 'HasAccount'),
  ),
  ...CURRENCY_RATE,
  ...LINE_AMOUNT_TYPES,
  ...HAS_ATTACHMENTS,
  ...ATTACHMENTS_LISTED,
  ...EMBEDDED_CONTACT,
];
/** The fields of a document a payment settles, besides those that name it (COVERAGE). */
const SETTLED_DOCUMENT = because(
  'the settled document’s own fields, read through its resource: the allocation names it by id and type',
  ...under(
    'Invoice',
    'InvoiceNumber',
    'Reference',
    'Status',
    'Date',
    'DueDate',
    'UpdatedDateUTC',
    'FullyPaidOnDate',
    'LineAmountTypes',
    'SubTotal',
    'TotalTax',
    'Total',
    'AmountDue',
    'AmountPaid',
    'CurrencyRate',
    'IsDiscounted',
    'SentToContact',
  ),
  ...under('Invoice.LineItems[]', 'LineItemID', 'Description', 'Quantity', 'UnitAmount', 'LineAmount'),
  ...under('Invoice.LineItems[]', 'AccountCode', 'TaxType', 'TaxAmount'),
  ...under('Invoice.Payments[]', 'PaymentID', 'Date', 'Amount', 'CurrencyRate', 'HasAccount'),
);
const PAYMENT_EXCLUDED: Exclusions = [
  ...SETTLED_DOCUMENT,
  ...because('the payer’s name: the unified payment names its contact by id', 'Invoice.Contact.Name'),
  ...because('the account’s code and name: accountId holds its AccountID', 'Account.Code', 'Account.Name'),
  ...because('the amount in the bank account’s currency: the unified amount is the document’s', 'BankAmount'),
  ...CURRENCY_RATE,
  ...because(
    'the batch the payment was part of: no unified field',
    'BatchPaymentID',
    ...under('BatchPayment', 'BatchPaymentID', 'Type', 'Status', 'Date', 'TotalAmount', 'IsReconciled'),
    ...under('BatchPayment', 'UpdatedDateUTC', 'Account.AccountID'),
  ),
  ...because('a flag: no unified field', 'HasAccount', 'IsReconciled'),
];
const pickedPhoneIsNot = (type: string) => (record: Json) => phoneTaken(record) !== type;
const CONTACT_EXCLUDED: Exclusions = [
  ...because(
    'says which phone or address this is: the mapping picks by it',
    'Phones[].PhoneType',
    'Addresses[].AddressType',
  ),
  ...(['MOBILE', 'DDI'] as const).flatMap((type) =>
    PHONE_PARTS.map(
      (part) =>
        [
          `Phones[PhoneType=${type}].${part}`,
          'a further phone: the unified contact has one, the first of DEFAULT, MOBILE and DDI with a number',
          pickedPhoneIsNot(type),
        ] as const,
    ),
  ),
  ...because(
    'a fax number: the unified phone is one to call',
    ...PHONE_PARTS.map((part) => `Phones[PhoneType=FAX].${part}`),
  ),
  ...because(
    'the street address: the unified contact’s one address, billingAddress, is Xero’s postal (POBOX) one',
    ...under('Addresses[AddressType=STREET]', 'AddressLine1', 'City', 'Region', 'PostalCode'),
  ),
  ...because(
    'a person to address mail to: the unified address has no place for it',
    'Addresses[].AttentionTo',
  ),
  ...because(
    'the overdue part of a balance: no unified field',
    'Balances.AccountsReceivable.Overdue',
    'Balances.AccountsPayable.Overdue',
  ),
  ...because('the practice’s account number with this contact: no unified field', 'AccountNumber'),
  ...because('an identifier from another system: no unified field', 'ContactNumber'),
  ...because('a company registration number (not a company name): no unified field', 'CompanyNumber'),
  ...because(
    'the contact’s bank details for batch payments: no unified field',
    'BankAccountDetails',
    ...under('BatchPayments', 'BankAccountName', 'BankAccountNumber', 'Details'),
  ),
  ...because(
    'further people at the contact: the unified contact is one person or organisation',
    ...under('ContactPersons[]', 'FirstName', 'LastName', 'EmailAddress', 'IncludeInEmails'),
  ),
  ...because(
    'defaults for new documents: no unified field',
    'Discount',
    ...under('PaymentTerms.Sales', 'Day', 'Type'),
    ...under('PaymentTerms.Bills', 'Day', 'Type'),
    ...under('BrandingTheme', 'BrandingThemeID', 'Name'),
    'SalesDefaultAccountCode',
    'PurchasesDefaultAccountCode',
    'SalesDefaultLineAmountType',
    'PurchasesDefaultLineAmountType',
    'AccountsReceivableTaxType',
    'AccountsPayableTaxType',
  ),
  ...because('no unified field', 'Website'),
  ...HAS_ATTACHMENTS,
  ...ATTACHMENTS_LISTED,
];
const EXCLUDED: Readonly<Record<ResourceName, Exclusions>> = {
  invoices: DOCUMENT_EXCLUDED,
  bills: DOCUMENT_EXCLUDED,
  creditNotes: [
    ...DOCUMENT_EXCLUDED,
    ...because('CreditNoteID again', 'ID'),
    ...because('printed for the customer: the unified credit note has only an internal memo', 'Reference'),
  ],
  payments: PAYMENT_EXCLUDED,
  billPayments: PAYMENT_EXCLUDED,
  customers: [
    ...CONTACT_EXCLUDED,
    ...because(
      'what the practice owes the contact as a supplier: a customer’s balance is what it owes',
      'Balances.AccountsPayable.Outstanding',
    ),
  ],
  vendors: [
    ...CONTACT_EXCLUDED,
    ...because(
      'what the contact owes as a customer: a vendor’s balance is what the practice owes it',
      'Balances.AccountsReceivable.Outstanding',
    ),
  ],
  accounts: [
    ...because('the bank account’s number: no unified field', 'BankAccountNumber'),
    ...because('Xero’s reporting category: no unified field', 'ReportingCode', 'ReportingCodeName'),
    ...because('the account’s default tax rate: no unified field', 'TaxType'),
    ...because('a flag: no unified field', 'EnablePaymentsToAccount', 'ShowInExpenseClaims'),
  ],
  journalEntries: [
    ...because('draft, posted, voided: the unified journal entry has no status', 'Status'),
    ...because('whether line amounts include tax: no unified field', 'LineAmountTypes'),
    ...because(
      'a line’s tax: the unified journal line has no tax fields',
      'JournalLines[].TaxType',
      'JournalLines[].TaxAmount',
    ),
    ...because('an account code: the unified line holds the AccountID', 'JournalLines[].AccountCode'),
    ...because('a flag: no unified field', 'JournalLines[].IsBlank', 'ShowOnCashBasisReports'),
    ...because(
      'a tracking category: no unified field',
      ...under('JournalLines[].Tracking[]', 'TrackingCategoryID', 'TrackingOptionID', 'Name', 'Option'),
    ),
    ...HAS_ATTACHMENTS,
    ...ATTACHMENTS_LISTED,
  ],
  expenses: [
    ...because('chooses the unified resource (only SPEND is an expense)', 'Type'),
    ...because('the unified expense holds its total only', 'SubTotal', 'TotalTax'),
    ...because(
      'the unified expense line holds an account and an amount only',
      ...under('LineItems[]', 'Quantity', 'UnitAmount', 'TaxType', 'TaxAmount'),
    ),
    ...ACCOUNT_CODE,
    ...because(
      'the bank account’s code and name: paymentAccountId holds its AccountID',
      'BankAccount.Code',
      'BankAccount.Name',
    ),
    ...because('the contact’s name: the unified expense names its contact by id', 'Contact.Name'),
    ...EMBEDDED_CONTACT,
    ...because('a flag: no unified field', 'IsReconciled'),
    ...CURRENCY_RATE,
    ...LINE_AMOUNT_TYPES,
    ...HAS_ATTACHMENTS,
  ],
  items: [
    ...because('whether the item is sold or bought: no unified field', 'IsSold', 'IsPurchased'),
    ...because(
      'the purchase description: the unified item has one description, the sales one',
      'PurchaseDescription',
    ),
    ...because(
      'an account code: incomeAccountId and expenseAccountId hold ids',
      'SalesDetails.AccountCode',
      'PurchaseDetails.COGSAccountCode',
      'InventoryAssetAccountCode',
    ),
    ...because(
      'a tax rate code, not the yes or no of the unified taxable',
      'SalesDetails.TaxType',
      'PurchaseDetails.TaxType',
    ),
    ...because('inventory on hand and its cost: no unified field', 'QuantityOnHand', 'TotalCostPool'),
  ],
  taxRates: [
    [
      'DisplayTaxRate',
      'the rate as displayed: rate holds EffectiveRate when Xero gives it',
      hasEffectiveRate,
    ],
    ...because('Xero’s tax-return category: no unified field', 'ReportTaxType'),
    ...because(
      'the parts of a compound rate: rate holds their total',
      ...under('TaxComponents[]', 'Name', 'Rate', 'IsCompound', 'IsNonRecoverable'),
    ),
    ...because(
      'where Xero allows the rate: no unified field',
      ...['Assets', 'Equity', 'Expenses', 'Liabilities', 'Revenue'].map((kind) => `CanApplyTo${kind}`),
    ),
  ],
  attachments: [...because('a URL that holds the file name: never mapped', 'Url')],
  company: [
    ...because('an integration key: no unified field, never copied', 'APIKey'),
    ...because(
      'Xero’s plan and kind of organisation: no unified field',
      'Class',
      'Edition',
      'Version',
      'ShortCode',
      'OrganisationType',
      'OrganisationEntityType',
      'OrganisationStatus',
      'IsDemoCompany',
    ),
    ...because(
      'the organisation’s tax number and settings: no unified field',
      'TaxNumber',
      'PaysTax',
      'SalesTaxBasis',
      'SalesTaxPeriod',
      'DefaultSalesTax',
      'DefaultPurchasesTax',
    ),
    ...because('period lock dates: no unified field', 'PeriodLockDate', 'EndOfYearLockDate'),
    ...because('the day the year ends: fiscalYearStartMonth needs only the month', 'FinancialYearEndDay'),
    ...because('no unified field', 'Timezone'),
  ],
};

/**
 * Envelope and record metadata, on any record at any depth: `[path suffix, why]`. Like EXCLUDED, an entry no
 * example needs fails.
 */
const ENVELOPE: readonly (readonly [string, string])[] = [
  ['StatusAttributeString', 'the outcome of one record in a batch write, read by the error parser'],
  ['ValidationErrors[].Message', 'Xero’s validation messages, read by the error parser and never copied'],
  ['Warnings[].Message', 'Xero’s warnings, read by the error parser and never copied'],
  ['HasErrors', 'says whether ValidationErrors is set'],
  ['HasValidationErrors', 'says whether ValidationErrors is set'],
  ['DateString', 'the MS-JSON Date beside it, as ISO text'],
  ['DueDateString', 'the MS-JSON DueDate beside it, as ISO text'],
  ['UpdatedDateUTCString', 'the MS-JSON UpdatedDateUTC beside it, as ISO text'],
];

interface Hit {
  readonly indexes: readonly number[];
  /** Where the value sits in the record, as keys and positions joined by dots (`LineItems.0.Description`). */
  readonly location: string;
  readonly value: unknown;
}

function resolvePath(value: unknown, path: string): Hit[] {
  let hits: Hit[] = [{ indexes: [], location: '', value }];
  for (const segment of path.split('.')) {
    const match = /^([A-Za-z0-9_]+)(\[\]|\[([A-Za-z]+)=([A-Za-z0-9_]+)\])?$/.exec(segment);
    if (!match) throw new Error(`bad coverage path ${path}`);
    const [, key = '', bracket, filterKey, filterValue] = match;
    hits = hits.flatMap((hit) => {
      const next = typeof hit.value === 'object' && hit.value !== null ? (hit.value as Json)[key] : undefined;
      const location = hit.location === '' ? key : `${hit.location}.${key}`;
      if (bracket === '[]') {
        return Array.isArray(next)
          ? next.map((item, index) => ({
              indexes: [...hit.indexes, index],
              location: `${location}.${index}`,
              value: item,
            }))
          : [];
      }
      if (filterKey !== undefined) {
        const index = Array.isArray(next)
          ? next.findIndex((item) => (item as Json)?.[filterKey] === filterValue)
          : -1;
        return index < 0
          ? []
          : [{ indexes: hit.indexes, location: `${location}.${index}`, value: (next as unknown[])[index] }];
      }
      return [{ indexes: hit.indexes, location, value: next }];
    });
  }
  return hits;
}

interface Leaf {
  /** The leaf's path with array positions as `[]` (`LineItems[].Description`). */
  readonly path: string;
  /** Where it sits, as `Hit.location` (`LineItems.0.Description`). */
  readonly location: string;
}

/** Every leaf of a record that carries a value: non-empty text, a number (zero too) or a boolean. */
function leavesOf(value: unknown, path = '', location = ''): Leaf[] {
  const join = (base: string, key: string) => (base === '' ? key : `${base}.${key}`);
  if (Array.isArray(value))
    return value.flatMap((item, index) => leavesOf(item, `${path}[]`, join(location, String(index))));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, child]) =>
      leavesOf(child, join(path, key), join(location, key)),
    );
  return (typeof value === 'string' && value !== '') ||
    typeof value === 'number' ||
    typeof value === 'boolean'
    ? [{ path, location }]
    : [];
}

type Accounted = 'mapped' | 'excluded' | 'envelope';

/**
 * How each non-empty leaf of a mapped record is accounted for: `fields` by leaf path, `used` the exclusion and
 * envelope entries that accounted for one, and `unlisted` the leaves nothing accounts for.
 */
function accountFor(resource: ResourceName, record: Json) {
  const locations = (entries: Exclusions | Coverage, label: (entry: (typeof entries)[number]) => string) => {
    const found = new Map<string, string>();
    for (const entry of entries) {
      const when = entry[2];
      if (when && !when(record)) continue;
      for (const hit of resolvePath(record, entry[0]))
        if (!found.has(hit.location)) found.set(hit.location, label(entry));
    }
    return found;
  };
  const mapped = locations(COVERAGE[resource], ([source]) => source);
  const excluded = locations(EXCLUDED[resource], exclusionKey);
  const fields = new Map<string, Accounted>();
  const used = new Set<string>();
  const unlisted: Leaf[] = [];
  for (const leaf of leavesOf(record)) {
    const exclusion = excluded.get(leaf.location);
    const envelope = ENVELOPE.find(([suffix]) => leaf.path === suffix || leaf.path.endsWith(`.${suffix}`));
    if (mapped.has(leaf.location)) fields.set(leaf.path, 'mapped');
    else if (exclusion !== undefined) {
      used.add(exclusion);
      if (fields.get(leaf.path) !== 'mapped') fields.set(leaf.path, 'excluded');
    } else if (envelope) {
      used.add(exclusionKey(envelope));
      if (!fields.has(leaf.path)) fields.set(leaf.path, 'envelope');
    } else unlisted.push(leaf);
  }
  return { fields, used, unlisted };
}

/** A field mapped on one record and excluded on another (a phone picked or not) counts as mapped. */
const FIELD_RANK: Readonly<Record<Accounted, number>> = { mapped: 0, excluded: 1, envelope: 2 };

/** Every exclusion and envelope entry once, keyed by path and reason, with the resources it applies to. */
function allExclusions(): Map<string, { path: string; reason: string; resources: string[] }> {
  const all = new Map<string, { path: string; reason: string; resources: string[] }>();
  const add = (entry: readonly [string, string, unknown?], resource: string) => {
    const key = exclusionKey(entry);
    const found = all.get(key) ?? { path: entry[0], reason: entry[1], resources: [] };
    found.resources.push(resource);
    all.set(key, found);
  };
  for (const [resource, entries] of Object.entries(EXCLUDED))
    for (const entry of entries) add(entry, resource);
  for (const entry of ENVELOPE) add(entry, 'any');
  return all;
}

/** The exclusions as printed: one line per reason, naming its paths and where they apply. */
function describeExclusions(): string[] {
  const byReason = new Map<string, string[]>();
  for (const { path, reason, resources } of allExclusions().values()) {
    const line = `${reason} [${[...new Set(resources)].join(', ')}]`;
    byReason.set(line, [...(byReason.get(line) ?? []), path]);
  }
  return [...byReason].map(([reason, paths]) => `${paths.join(', ')}: ${reason}`);
}

function exclusionKey([path, reason]: readonly [string, string, unknown?]): string {
  return `${path}\u0000${reason}`;
}

function present(value: unknown): boolean {
  return (
    value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
  );
}

/** Unified paths whose Xero source the record carries but the entity lacks. */
function lostFields(resource: ResourceName, record: Json, entity: unknown): string[] {
  const lost: string[] = [];
  for (const [source, target, when] of COVERAGE[resource]) {
    if (when && !when(record)) continue;
    const targets = resolvePath(entity, target);
    for (const hit of resolvePath(record, source)) {
      if (!present(hit.value)) continue;
      // Positions line up where both sides walk arrays; a single Xero field may land in an array's element.
      const mapped = targets.find(
        (candidate) => candidate.indexes.slice(0, hit.indexes.length).join() === hit.indexes.join(),
      );
      if (!present(mapped?.value)) lost.push(`${source} → ${target}`);
    }
  }
  return lost;
}

/** The unified resources a Xero record of this endpoint belongs to, or why it belongs to none. */
function resourcesFor(envelope: string, record: Json): { resources: ResourceName[] } | { excluded: string } {
  switch (envelope) {
    case 'Invoices':
      if (record.Type === 'ACCREC') return { resources: ['invoices'] };
      if (record.Type === 'ACCPAY') return { resources: ['bills'] };
      return { excluded: `invoice of Type ${String(record.Type)}: no unified resource` };
    case 'CreditNotes':
      return record.Type === 'ACCRECCREDIT'
        ? { resources: ['creditNotes'] }
        : { excluded: `credit note of Type ${String(record.Type)} (a supplier credit): no unified resource` };
    case 'Payments':
      if ((XERO_PAYMENT_TYPES.received as readonly unknown[]).includes(record.PaymentType))
        return { resources: ['payments'] };
      if ((XERO_PAYMENT_TYPES.made as readonly unknown[]).includes(record.PaymentType))
        return { resources: ['billPayments'] };
      return { excluded: `payment of PaymentType ${String(record.PaymentType)}: no unified resource` };
    case 'Contacts':
      return { resources: ['customers', 'vendors'] };
    case 'BankTransactions':
      return record.Type === 'SPEND'
        ? { resources: ['expenses'] }
        : { excluded: `bank transaction of Type ${String(record.Type)} (only SPEND is an expense)` };
    case 'Accounts':
      return { resources: ['accounts'] };
    case 'Items':
      return { resources: ['items'] };
    case 'TaxRates':
      return { resources: ['taxRates'] };
    case 'ManualJournals':
      return { resources: ['journalEntries'] };
    case 'Organisations':
      return { resources: ['company'] };
    case 'Attachments':
      return { resources: ['attachments'] };
    default:
      return { excluded: `envelope ${envelope} is not a unified resource` };
  }
}

const ATTACHMENT_PARENTS: Readonly<Record<string, string>> = {
  Invoices: 'invoice',
  CreditNotes: 'credit_note',
  Contacts: 'contact',
  ManualJournals: 'journal_entry',
  BankTransactions: 'expense',
};

/**
 * Request examples of supported operations that contradict their own schema (besides the SDK-shaped ones):
 * the adapter follows the schema, and the simulator accepts both forms.
 */
const MISMATCHED_REQUEST_EXAMPLES: Readonly<Record<string, string>> = {
  'POST /Payments/{PaymentID}':
    'wraps the PaymentDelete in a Payments envelope, while the schema (and the adapter) send it bare',
  'POST /BankTransactions/{BankTransactionID}':
    'spells LineItems as "Lineitems", so the required LineItems is missing',
};

/** The record schema a ValidationException's elements echo, by endpoint. */
const ELEMENT_SCHEMAS: Readonly<Record<string, string>> = {
  Invoices: 'Invoice',
  CreditNotes: 'CreditNote',
  Payments: 'Payment',
  Contacts: 'Contact',
  Accounts: 'Account',
  Items: 'Item',
  ManualJournals: 'ManualJournal',
  BankTransactions: 'BankTransaction',
};

/** Request examples SOURCES.md names as SDK-shaped rather than wire-shaped. */
const SDK_SHAPED_REQUEST_EXAMPLES = new Set([
  'PUT /BankTransactions',
  'PUT /TrackingCategories',
  'PUT /TrackingCategories/{TrackingCategoryID}/Options',
  'POST /TrackingCategories/{TrackingCategoryID}/Options/{TrackingOptionID}',
]);

describe.skipIf(!available)('Xero adapter and simulator against Xero’s OpenAPI contract', () => {
  const sim = createXeroSimulator({ throttle: false });
  const throttled = createXeroSimulator({
    tenantId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    accessToken: 'throttled-token',
    throttle: { perMinute: 1 },
  });
  const exchanges: Exchange[] = [];
  const capture = (handle: (request: Request) => Promise<Response>) => async (request: Request) => {
    const response = await handle(request);
    if (response.type !== 'error') {
      const url = new URL(request.url);
      exchanges.push({
        method: request.method,
        path: url.pathname,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text: await response.clone().text(),
      });
    }
    return response;
  };
  const ours = (request: Request, token: string) =>
    request.headers.get('authorization') === `Bearer ${token}`;
  const server = setupServer(
    http.all('https://api.xero.com/*', ({ request }) =>
      ours(request, 'throttled-token') ? capture(throttled.handle)(request) : capture(sim.handle)(request),
    ),
  );
  const client: ProviderClient = xeroProviderClient(sim, { retries: 0 });
  const { definition } = xero();
  const mappings = resolveMappings(definition, undefined);
  let contract: XeroContract;
  const exercised = new Set<string>();
  const summary = {
    requestsValidated: 0,
    operationsCovered: new Set<string>(),
    examplesMapped: 0,
    recordsMapped: 0,
    errorExamplesParsed: 0,
    requestExamplesValidated: 0,
    exclusions: new Map<string, number>(),
    responsesValidated: 0,
    responsesUnmodelled: new Map<string, number>(),
    /** Each distinct Xero field (`Invoices LineItems[].Description`) of a mapped example, and how it is accounted for. */
    fields: new Map<string, Accounted>(),
    exclusionsUsed: new Set<string>(),
  };
  const exclude = (reason: string) =>
    summary.exclusions.set(reason, (summary.exclusions.get(reason) ?? 0) + 1);

  beforeAll(() => {
    contract = loadXeroContract(sharedPath(...XERO_SPEC_SEGMENTS));
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => {
    server.close();
    const count = (how: Accounted) => [...summary.fields.values()].filter((found) => found === how).length;
    console.log(
      [
        'Xero OpenAPI contract:',
        `  (1) ${summary.requestsValidated} adapter requests validated, covering ${summary.operationsCovered.size} spec operations and ${exercised.size} adapter operations`,
        `  (2) ${summary.examplesMapped} response examples mapped (${summary.recordsMapped} records to unified entities), ${summary.errorExamplesParsed} error examples parsed, ${summary.requestExamplesValidated} request examples validated`,
        `      exclusions: ${[...summary.exclusions].map(([reason, count]) => `${count} × ${reason}`).join('; ') || 'none'}`,
        `      ${summary.fields.size} distinct Xero fields accounted for: ${count('mapped')} mapped, ${count('excluded')} excluded with reasons, ${count('envelope')} envelope or metadata`,
        '      Xero fields not mapped, with reasons:',
        ...describeExclusions().map((line) => `        ${line}`),
        `  (3) ${summary.responsesValidated} simulator responses validated; not modelled by the spec: ${[...summary.responsesUnmodelled].map(([reason, count]) => `${count} × ${reason}`).join('; ') || 'none'}`,
      ].join('\n'),
    );
  });

  const ids = () => ({
    customer: String(sim.organisation.list('Contact').find((contact) => contact.IsCustomer)?.ContactID),
    vendor: String(sim.organisation.list('Contact').find((contact) => contact.IsSupplier)?.ContactID),
    revenue: String(sim.organisation.list('Account').find((account) => account.Code === '200')?.AccountID),
    expense: String(sim.organisation.list('Account').find((account) => account.Code === '400')?.AccountID),
    bank: String(sim.organisation.list('Account').find((account) => account.Code === '090')?.AccountID),
    item: String(sim.organisation.list('Item').find((item) => item.Code === '99213')?.ItemID),
    draftInvoice: String(
      sim.organisation.list('Invoice').find((invoice) => invoice.Status === 'DRAFT')?.InvoiceID,
    ),
  });

  async function attempt(
    operation: string,
    run: () => Promise<unknown>,
    expectFailure = false,
  ): Promise<unknown> {
    exercised.add(operation);
    if (!expectFailure) return run();
    await expect(run()).rejects.toSatisfy(isLedgerError);
    return undefined;
  }

  it('(1) every request the adapter sends validates against the spec', async () => {
    const known = ids();
    const since = { updatedSince: '2026-01-01' };
    const listFilters: Readonly<Record<ResourceName, readonly Json[]>> = {
      invoices: [{}, { status: 'open', contactId: known.customer, ...since }],
      bills: [{}, { status: 'paid', contactId: known.vendor, ...since }],
      creditNotes: [{}, { status: 'open', contactId: known.customer, ...since }],
      payments: [{}, { contactId: known.customer, ...since }],
      billPayments: [{}, { contactId: known.vendor, ...since }],
      customers: [{}, { active: true, ...since }, { active: false }],
      vendors: [{}, { active: true, ...since }],
      accounts: [{}, { active: false, ...since }],
      journalEntries: [{}, since],
      expenses: [{}, { contactId: known.vendor, ...since }],
      items: [{}, since],
      taxRates: [{}, { active: true }],
      attachments: [],
      company: [{}],
    };
    for (const [resource, filters] of Object.entries(listFilters) as [ResourceName, Json[]][]) {
      for (const filter of filters) {
        const page = await attempt(`${resource}.list`, () =>
          client.listPage(resource, filter, { pageSize: 2 }),
        );
        const cursor = (page as { nextCursor?: string }).nextCursor;
        if (cursor) await client.listPage(resource, filter, { pageSize: 2, cursor });
      }
    }

    const key = (name: string) => ({ idempotencyKey: `contract-${name}` });
    const customer = (await attempt('customers.create', () =>
      client.create(
        'customers',
        {
          displayName: 'Test Patient Contract (SYNTHETIC)',
          email: 'contract@example.test',
          phone: '555-0190',
          billingAddress: { line1: '1 Test Way', city: 'Springfield', postalCode: '62701' },
        },
        key('customer'),
      ),
    )) as { entity: { id: string } };
    await attempt('customers.get', () => client.get('customers', customer.entity.id));
    await attempt('customers.update', () =>
      client.update(
        'customers',
        { id: customer.entity.id, changes: { phone: '555-0191' } },
        key('customer-update'),
      ),
    );
    const vendor = (await attempt('vendors.create', () =>
      client.create('vendors', { displayName: 'Synthetic Contract Vendor (SIMULATED)' }, key('vendor')),
    )) as { entity: { id: string } };
    await attempt('vendors.get', () => client.get('vendors', vendor.entity.id));
    await attempt('vendors.update', () =>
      client.update('vendors', { id: vendor.entity.id, changes: { email: 'ap@vendor.example.test' } }),
    );
    await attempt('vendors.delete', () => client.delete('vendors', { id: vendor.entity.id }));

    const account = (await attempt('accounts.create', () =>
      client.create(
        'accounts',
        { name: 'Contract Revenue', code: '4150', providerType: 'REVENUE' },
        key('account'),
      ),
    )) as { entity: { id: string } };
    await attempt('accounts.get', () => client.get('accounts', account.entity.id));
    await attempt('accounts.update', () =>
      client.update('accounts', { id: account.entity.id, changes: { description: 'Contract test account' } }),
    );
    await attempt('accounts.delete', () => client.delete('accounts', { id: account.entity.id }));

    const item = (await attempt('items.create', () =>
      client.create(
        'items',
        {
          name: 'Contract Visit',
          sku: 'CONTRACT-1',
          type: 'service',
          unitPrice: '95.50',
          incomeAccountId: known.revenue,
          purchaseCost: '10',
          expenseAccountId: known.expense,
        },
        key('item'),
      ),
    )) as { entity: { id: string } };
    await attempt('items.get', () => client.get('items', item.entity.id));
    await attempt('items.update', () =>
      client.update('items', { id: item.entity.id, changes: { unitPrice: '99.00' } }),
    );

    const invoiceDraft = {
      contactId: customer.entity.id,
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      currency: 'USD',
      customerMemo: 'Thank you',
      lines: [
        { description: 'Visit', itemId: item.entity.id, quantity: '1', unitPrice: '99.00', amount: '99.00' },
        { description: 'Lab', accountId: known.revenue, amount: '45.00', taxRateId: 'NONE' },
      ],
    };
    const invoice = (await attempt('invoices.create', () =>
      client.create('invoices', invoiceDraft, key('invoice')),
    )) as { entity: { id: string } };
    await attempt('invoices.get', () => client.get('invoices', invoice.entity.id));
    await attempt('invoices.update', () =>
      client.update(
        'invoices',
        { id: invoice.entity.id, changes: { customerMemo: 'Updated' } },
        key('invoice-update'),
      ),
    );
    const payment = (await attempt('payments.create', () =>
      client.create(
        'payments',
        {
          contactId: customer.entity.id,
          date: '2026-03-05',
          currency: 'USD',
          amount: '20.00',
          accountId: known.bank,
          reference: 'CHK-7',
          allocations: [{ targetType: 'invoice', targetId: invoice.entity.id, amount: '20.00' }],
        },
        key('payment'),
      ),
    )) as { entity: { id: string } };
    await attempt('payments.get', () => client.get('payments', payment.entity.id));
    await attempt('payments.void', () =>
      client.void('payments', { id: payment.entity.id }, key('payment-void')),
    );
    const second = (await client.create('payments', {
      contactId: customer.entity.id,
      date: '2026-03-06',
      currency: 'USD',
      amount: '10.00',
      accountId: known.bank,
      allocations: [{ targetType: 'invoice', targetId: invoice.entity.id, amount: '10.00' }],
    })) as { entity?: { id: string } };
    await attempt('payments.delete', () => client.delete('payments', { id: String(second.entity?.id) }));
    await attempt('invoices.void', () => client.void('invoices', { id: invoice.entity.id }));
    await attempt('invoices.delete', () => client.delete('invoices', { id: known.draftInvoice }));

    const bill = (await attempt('bills.create', () =>
      client.create(
        'bills',
        {
          contactId: vendor.entity.id === undefined ? known.vendor : known.vendor,
          issueDate: '2026-03-02',
          currency: 'USD',
          number: 'CT-1',
          lines: [{ accountId: known.expense, amount: '410.25', description: 'Supplies' }],
        },
        key('bill'),
      ),
    )) as { entity: { id: string } };
    await attempt('bills.get', () => client.get('bills', bill.entity.id));
    await attempt('bills.update', () =>
      client.update('bills', { id: bill.entity.id, changes: { dueDate: '2026-04-01' } }),
    );
    const billPayment = (await attempt('billPayments.create', () =>
      client.create(
        'billPayments',
        {
          contactId: known.vendor,
          date: '2026-03-07',
          currency: 'USD',
          amount: '410.25',
          accountId: known.bank,
          allocations: [{ targetType: 'bill', targetId: bill.entity.id, amount: '410.25' }],
        },
        key('bill-payment'),
      ),
    )) as { entity: { id: string } };
    await attempt('billPayments.get', () => client.get('billPayments', billPayment.entity.id));
    await attempt('billPayments.void', () => client.void('billPayments', { id: billPayment.entity.id }));
    await attempt(
      'billPayments.delete',
      () => client.delete('billPayments', { id: billPayment.entity.id }),
      true,
    );
    await attempt('bills.void', () => client.void('bills', { id: bill.entity.id }));
    await attempt('bills.delete', () => client.delete('bills', { id: bill.entity.id }), true);

    const credit = (await attempt('creditNotes.create', () =>
      client.create(
        'creditNotes',
        {
          contactId: customer.entity.id,
          issueDate: '2026-03-04',
          currency: 'USD',
          lines: [{ itemId: item.entity.id, amount: '20.00', description: 'courtesy credit' }],
        },
        key('credit'),
      ),
    )) as { entity: { id: string } };
    await attempt('creditNotes.get', () => client.get('creditNotes', credit.entity.id));
    await attempt('creditNotes.update', () =>
      client.update('creditNotes', { id: credit.entity.id, changes: { number: 'CN-CONTRACT' } }),
    );
    await attempt('creditNotes.void', () => client.void('creditNotes', { id: credit.entity.id }));
    await attempt('creditNotes.delete', () => client.delete('creditNotes', { id: credit.entity.id }), true);

    const journal = (await attempt('journalEntries.create', () =>
      client.create(
        'journalEntries',
        {
          date: '2026-03-31',
          currency: 'USD',
          memo: 'accrual',
          lines: [
            { accountId: known.expense, side: 'debit', amount: '12.34', description: 'debit' },
            { accountId: known.bank, side: 'credit', amount: '12.34' },
          ],
        },
        key('journal'),
      ),
    )) as { entity: { id: string } };
    await attempt('journalEntries.get', () => client.get('journalEntries', journal.entity.id));
    await attempt('journalEntries.update', () =>
      client.update('journalEntries', { id: journal.entity.id, changes: { memo: 'accrual (revised)' } }),
    );
    await attempt(
      'journalEntries.delete',
      () => client.delete('journalEntries', { id: journal.entity.id }),
      true,
    );
    await attempt('journalEntries.void', () => client.void('journalEntries', { id: journal.entity.id }));

    const expense = (await attempt('expenses.create', () =>
      client.create(
        'expenses',
        {
          date: '2026-03-03',
          contactId: known.vendor,
          paymentAccountId: known.bank,
          paymentMethod: 'cash',
          currency: 'USD',
          reference: 'R-1',
          lines: [{ accountId: known.expense, amount: '19.99', description: 'gloves' }],
        },
        key('expense'),
      ),
    )) as { entity: { id: string } };
    await attempt('expenses.get', () => client.get('expenses', expense.entity.id));
    await attempt('expenses.update', () =>
      client.update('expenses', { id: expense.entity.id, changes: { reference: 'R-2' } }),
    );
    await attempt('expenses.void', () => client.void('expenses', { id: expense.entity.id }));
    const another = (await client.create('expenses', {
      date: '2026-03-04',
      contactId: known.vendor,
      paymentAccountId: known.bank,
      paymentMethod: 'check',
      currency: 'USD',
      lines: [{ accountId: known.expense, amount: '5.00' }],
    })) as { entity?: { id: string } };
    await attempt('expenses.delete', () => client.delete('expenses', { id: String(another.entity?.id) }));

    const uploaded = (await attempt('attachments.upload', () =>
      client.create(
        'attachments',
        {
          fileName: 'eob-synthetic.pdf',
          contentType: 'application/pdf',
          bytes: new TextEncoder().encode('%PDF-1.4 synthetic'),
          entityType: 'invoice',
          entityId: invoice.entity.id,
        },
        key('upload'),
      ),
    )) as { entity: { id: string } };
    await attempt('attachments.get', () => client.get('attachments', uploaded.entity.id));
    await attempt('attachments.list', () =>
      client.listPage('attachments', { entityType: 'invoice', entityId: invoice.entity.id }),
    );
    await attempt('taxRates.get', () => client.get('taxRates', 'TAX001'));
    await attempt('company.get', () => client.get('company', 'current'));
    await attempt('items.delete', () => client.delete('items', { id: item.entity.id }));
    await attempt('customers.delete', () => client.delete('customers', { id: customer.entity.id }));

    const supported = Object.entries(definition.resources).flatMap(([resource, spec]) =>
      (['list', 'get', 'create', 'update', 'delete', 'void', 'upload'] as const)
        .filter((action) => spec?.[action] !== undefined)
        .map((action) => `${resource}.${action}`),
    );
    expect(supported.filter((operation) => !exercised.has(operation))).toEqual([]);

    const problems: ContractProblem[] = [];
    for (const request of sim.requests.requests) {
      problems.push(...contract.checkRequest(request));
      const found = contract.findOperation(
        request.method,
        request.path.slice(XERO_ACCOUNTING_BASE_PATH.length),
      );
      if (found) summary.operationsCovered.add(`${found.operation.method} ${found.operation.template}`);
      summary.requestsValidated += 1;
    }
    expect(problems).toEqual([]);
    expect(summary.requestsValidated).toBeGreaterThan(80);
  });

  it('(2) every response example of those operations maps to a valid unified entity, losing nothing', async () => {
    const operations = [...summary.operationsCovered].map((name) => {
      const [method, template] = name.split(' ');
      return contract.operations.find(
        (operation) => operation.method === method && operation.template === template,
      ) as SpecOperation;
    });
    expect(operations.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const operation of operations) {
      for (const { status, example } of contract.responseExamples(operation)) {
        const where = `${operation.method} ${operation.template} ${status}`;
        if (status !== '200') {
          const error = definition.parseError(
            { status: Number(status), headers: new Headers(), text: JSON.stringify(example) },
            { operation: 'example', isWrite: true },
          );
          expect(error?.code, where).toMatch(/validation_failed|duplicate/);
          const rendered = JSON.stringify(error);
          for (const message of JSON.stringify(example).match(/"Message":"[^"]{6,}"/g) ?? []) {
            expect(rendered, where).not.toContain(message.slice(11, -1));
          }
          summary.errorExamplesParsed += 1;
          continue;
        }
        const envelope = Object.keys(example as Json).find(
          (key) => Array.isArray((example as Json)[key]) && /^[A-Z]/.test(key),
        );
        const records = envelope ? ((example as Json)[envelope] as Json[]) : [];
        if (!envelope || records.length === 0) {
          exclude(`${where}: example carries no records`);
          continue;
        }
        let mappedAny = false;
        for (const raw of records) {
          const target = resourcesFor(envelope, raw);
          if ('excluded' in target) {
            exclude(target.excluded);
            continue;
          }
          const parent = ATTACHMENT_PARENTS[operation.template.split('/')[1] ?? ''];
          const record =
            envelope === 'Attachments'
              ? {
                  ...raw,
                  _attachedTo: { entityType: parent, entityId: '00000000-0000-4000-8000-000000000001' },
                }
              : raw;
          for (const resource of target.resources) {
            try {
              const entity = await mapRecord(
                resource,
                mappings.get(resource)!,
                record,
                `${resource}.example`,
              );
              const lost = lostFields(resource, raw, entity);
              if (lost.length > 0) failures.push(`${where} ${resource}: lost ${lost.join(', ')}`);
              const { fields, used, unlisted } = accountFor(resource, raw);
              for (const key of used) summary.exclusionsUsed.add(key);
              for (const [path, how] of fields) {
                const field = `${envelope} ${path}`;
                const before = summary.fields.get(field);
                if (before === undefined || FIELD_RANK[how] < FIELD_RANK[before])
                  summary.fields.set(field, how);
              }
              for (const path of new Set(unlisted.map((leaf) => leaf.path))) {
                failures.push(
                  `${where} ${resource}: Xero field ${path} carries a value but is neither mapped (COVERAGE) nor excluded with a reason (EXCLUDED, ENVELOPE)`,
                );
              }
              summary.recordsMapped += 1;
              mappedAny = true;
            } catch (error) {
              failures.push(`${where} ${resource}: ${String(error)}`);
            }
          }
        }
        if (mappedAny) summary.examplesMapped += 1;
      }
      for (const example of contract.requestExamples(operation)) {
        const name = `${operation.method} ${operation.template}`;
        const schema =
          JSON.stringify((operation.definition.requestBody as Json | undefined) ?? {}).match(
            /schemas\/([A-Za-z]+)/,
          )?.[1] ?? '';
        const problems = contract.checkSchema(schema, example, 'request');
        const excluded = SDK_SHAPED_REQUEST_EXAMPLES.has(name)
          ? 'SDK-shaped, not wire-shaped (SOURCES.md)'
          : MISMATCHED_REQUEST_EXAMPLES[name];
        if (excluded !== undefined) {
          // The exclusion must stay true: if Xero fixes the example, this fails and the entry goes.
          expect(problems.length, `${name} is listed as not matching its schema`).toBeGreaterThan(0);
          exclude(`${name} request example: ${excluded}`);
          continue;
        }
        expect(problems, name).toEqual([]);
        summary.requestExamplesValidated += 1;
      }
    }
    expect([...new Set(failures)]).toEqual([]);
    // Every exclusion must still be needed by some example: if Xero drops the field, the entry goes.
    const stale = [...allExclusions().keys()].filter((key) => !summary.exclusionsUsed.has(key));
    expect(
      stale.map((key) => key.replace('\u0000', ': ')),
      'exclusions no response example needs',
    ).toEqual([]);
    expect(summary.examplesMapped).toBeGreaterThan(25);
  });

  it('(3) every simulator response validates against the spec, with MS-JSON dates', async () => {
    // Error paths on top of the successes above: 400s of several kinds, 401, 403, 404, 429 and a 5xx.
    const call = async (
      method: string,
      path: string,
      init: { token?: string; tenant?: string; body?: unknown; simulator?: 'throttled' } = {},
    ) => {
      const target = init.simulator === 'throttled' ? throttled : sim;
      await fetch(`https://api.xero.com${XERO_ACCOUNTING_BASE_PATH}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${init.token ?? target.credentials.accessToken}`,
          'xero-tenant-id': init.tenant ?? target.credentials.tenantId,
          'content-type': 'application/json',
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    };
    await call('PUT', '/Contacts', { body: { Contacts: [{ Name: 'Test Patient Alpha (SYNTHETIC)' }] } });
    await call('PUT', '/Accounts', {
      body: { Name: 'Patient Service Revenue', Code: '200', Type: 'REVENUE' },
    });
    await call('PUT', '/Invoices', {
      body: {
        Invoices: [
          {
            Type: 'ACCREC',
            Contact: { ContactID: '00000000-0000-4000-8000-000000000009' },
            Status: 'AUTHORISED',
            LineItems: [{ Description: 'x', LineAmount: 1, AccountCode: 'nope' }],
          },
        ],
      },
    });
    await call('POST', '/Payments', {
      body: { Invoice: { InvoiceID: '00000000-0000-4000-8000-000000000009' }, Amount: 1 },
    });
    await call('PUT', '/ManualJournals', {
      body: {
        ManualJournals: [
          {
            Narration: 'x',
            Status: 'POSTED',
            JournalLines: [
              { LineAmount: 1, AccountCode: '200' },
              { LineAmount: -2, AccountCode: '090' },
            ],
          },
        ],
      },
    });
    await call('GET', '/Invoices/00000000-0000-4000-8000-000000000009');
    await call('GET', '/Invoices', { token: 'wrong-token' });
    await call('GET', '/Invoices', { tenant: '00000000-0000-4000-8000-000000000009' });
    await call('GET', '/Invoices?where=Type%3D%3D', {});
    await call('GET', '/Organisation', { simulator: 'throttled' });
    await call('GET', '/Organisation', { simulator: 'throttled' });
    sim.faults.inject({ kind: 'server_error', method: 'GET' });
    await call('GET', '/Items');

    const problems: ContractProblem[] = [];
    for (const exchange of exchanges) {
      if (!exchange.path.startsWith(XERO_ACCOUNTING_BASE_PATH)) {
        summary.responsesUnmodelled.set(
          'identity API (not in this spec)',
          (summary.responsesUnmodelled.get('identity API (not in this spec)') ?? 0) + 1,
        );
        continue;
      }
      const found = contract.findOperation(
        exchange.method,
        exchange.path.slice(XERO_ACCOUNTING_BASE_PATH.length),
      );
      if (!found) {
        summary.responsesUnmodelled.set(
          `${exchange.status} for a path the spec lacks`,
          (summary.responsesUnmodelled.get(`${exchange.status} for a path the spec lacks`) ?? 0) + 1,
        );
        continue;
      }
      const body = exchange.contentType.includes('json') ? JSON.parse(exchange.text) : exchange.text;
      const checked = contract.checkResponse(
        found.operation,
        exchange.status,
        body === '' ? undefined : body,
      );
      if ('unmodelled' in checked) {
        const reason = `status ${exchange.status} (the spec models no ${exchange.status === 404 ? '404' : exchange.status >= 500 ? '5xx' : String(exchange.status)} responses)`;
        summary.responsesUnmodelled.set(reason, (summary.responsesUnmodelled.get(reason) ?? 0) + 1);
        continue;
      }
      problems.push(...checked.problems);
      // A ValidationException echoes each failed record: checked against that record's own schema, as sent
      // (request rules: the echo repeats the request's plain dates).
      const entitySchema = ELEMENT_SCHEMAS[found.operation.template.split('/')[1] ?? ''];
      if (exchange.status === 400 && entitySchema && Array.isArray((body as Json).Elements)) {
        for (const element of (body as { Elements: unknown[] }).Elements) {
          problems.push(...contract.checkSchema(entitySchema, element, 'request'));
        }
      }
      summary.responsesValidated += 1;
    }
    expect(problems).toEqual([]);
    expect(exchanges.some((exchange) => exchange.status === 400)).toBe(true);
    expect(summary.responsesValidated).toBeGreaterThan(80);
  });

  it('validates the simulator’s records of every entity against their schemas', () => {
    const schemas: Record<string, string> = {
      Invoice: 'Invoice',
      CreditNote: 'CreditNote',
      Payment: 'Payment',
      Contact: 'Contact',
      Account: 'Account',
      Item: 'Item',
      TaxRate: 'TaxRate',
      ManualJournal: 'ManualJournal',
      BankTransaction: 'BankTransaction',
    };
    const problems: ContractProblem[] = [];
    for (const [entity, schema] of Object.entries(schemas)) {
      for (const record of sim.organisation.list(entity as never) as XeroRecord[])
        problems.push(...contract.checkSchema(schema, record, 'response'));
    }
    problems.push(...contract.checkSchema('Organisation', sim.organisation.details(), 'response'));
    expect(problems).toEqual([]);
  });
});
