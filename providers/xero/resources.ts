import type { ListFilter, ResourceDefinition } from '../../src/engine/definition.js';
import { ValidationError, type ValidationIssue } from '../../src/http/errors.js';
import type { DocumentStatus } from '../../src/schema/entities/invoice.js';
import { compare } from '../../src/schema/money.js';
import type { ResourceName } from '../../src/schema/resources.js';
import { attachmentsResource } from './attachments.js';
import { accountMapping } from './mappings/account.js';
import { contactMapping } from './mappings/contact.js';
import { billMapping, creditNoteMapping, invoiceMapping } from './mappings/documents.js';
import { expenseMapping } from './mappings/expense.js';
import { itemMapping } from './mappings/item.js';
import { journalEntryMapping } from './mappings/journal-entry.js';
import { organisationMapping } from './mappings/organisation.js';
import { paymentMapping } from './mappings/payment.js';
import type { XeroMappingContext } from './mappings/shared.js';
import { taxRateMapping } from './mappings/tax-rate.js';
import { resolveItemAccountCodes, resolveItemCodes } from './resolve.js';
import { checks, type DraftCheck, refuse, type XeroQueryParts, xeroResource } from './resource-builder.js';
import { anyOf, equalsBoolean, equalsGuid, equalsToken, isGuid, XERO_GUID_SYNTAX } from './where.js';

/** Xero's document statuses behind each unified one. */
export const XERO_DOCUMENT_STATUSES: Readonly<Record<DocumentStatus, readonly string[]>> = {
  draft: ['DRAFT', 'SUBMITTED'],
  open: ['AUTHORISED'],
  paid: ['PAID'],
  void: ['VOIDED', 'DELETED'],
};

/** Payment types on the receivable side (`payments`) and the payable side (`billPayments`). */
export const XERO_PAYMENT_TYPES = {
  received: ['ACCRECPAYMENT', 'ARCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT'],
  made: ['ACCPAYPAYMENT', 'APCREDITPAYMENT', 'APOVERPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT'],
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The current lines, resent as Xero reads them (ids kept, so Xero edits rather than replaces them). */
function carriedLines(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const keep = [
    'LineItemID',
    'Description',
    'Quantity',
    'UnitAmount',
    'ItemCode',
    'AccountID',
    'AccountCode',
    'TaxType',
    'LineAmount',
  ];
  return value
    .filter(isRecord)
    .map((line) =>
      Object.fromEntries(keep.filter((key) => line[key] !== undefined).map((key) => [key, line[key]])),
    );
}

const asIs = (value: unknown) => value;
const accountReference = (value: unknown) => (isRecord(value) ? { AccountID: value.AccountID } : value);
const TAX_TYPE_SYNTAX = /^[A-Za-z0-9_]{1,50}$/;

function contactGuid(filter: ListFilter, operation: string): string | undefined {
  if (filter.contactId === undefined) return undefined;
  if (!isGuid(filter.contactId)) {
    throw new ValidationError({
      provider: 'xero',
      operation,
      issues: [{ path: 'filter.contactId', code: 'invalid_id' }],
    });
  }
  return filter.contactId;
}

/** Invoices and bills: the type as `where`, status and contact through Xero's own `Statuses`/`ContactIDs`. */
function invoiceQuery(type: 'ACCREC' | 'ACCPAY') {
  return (filter: ListFilter, operation: string): XeroQueryParts => {
    const contact = contactGuid(filter, operation);
    return {
      where: [equalsToken('Type', type)],
      params: {
        ...(filter.status ? { Statuses: XERO_DOCUMENT_STATUSES[filter.status].join(',') } : {}),
        ...(contact ? { ContactIDs: contact.toLowerCase() } : {}),
      },
    };
  };
}

function creditNoteQuery(filter: ListFilter, operation: string): XeroQueryParts {
  const contact = contactGuid(filter, operation);
  return {
    where: [
      equalsToken('Type', 'ACCRECCREDIT'),
      ...(filter.status
        ? [anyOf(XERO_DOCUMENT_STATUSES[filter.status].map((status) => equalsToken('Status', status)))]
        : []),
      ...(contact ? [equalsGuid('Contact.ContactID', contact)] : []),
    ],
  };
}

function paymentQuery(types: readonly string[]) {
  return (filter: ListFilter, operation: string): XeroQueryParts => {
    const contact = contactGuid(filter, operation);
    return {
      where: [
        anyOf(types.map((type) => equalsToken('PaymentType', type))),
        ...(contact ? [equalsGuid('Invoice.Contact.ContactID', contact)] : []),
      ],
    };
  };
}

/**
 * Contacts as customers or vendors. Xero sets `IsCustomer`/`IsSupplier` itself once a sales invoice or bill
 * is raised against a contact, so a list of customers is every contact that is not only a supplier (new
 * contacts, with neither flag, appear in both lists), and vendors likewise. Xero hides archived contacts
 * unless asked (`includeArchived`).
 */
function contactQuery(role: 'customer' | 'vendor') {
  const [own, other] = role === 'customer' ? ['IsCustomer', 'IsSupplier'] : ['IsSupplier', 'IsCustomer'];
  return (filter: ListFilter): XeroQueryParts => ({
    where: [
      anyOf([equalsBoolean(own, true), equalsBoolean(other, false)]),
      ...(filter.active === undefined
        ? []
        : [equalsToken('ContactStatus', filter.active ? 'ACTIVE' : 'ARCHIVED')]),
    ],
    params: filter.active === false ? { includeArchived: 'true' } : {},
  });
}

function statusQuery(field: string, inactive: readonly string[]) {
  return (filter: ListFilter): XeroQueryParts => ({
    where:
      filter.active === undefined
        ? []
        : [
            filter.active
              ? equalsToken(field, 'ACTIVE')
              : anyOf(inactive.map((status) => equalsToken(field, status))),
          ],
  });
}

/** A Xero payment settles one document with its whole amount. */
function paymentCheck(targetType: 'invoice' | 'bill'): DraftCheck {
  return (draft) => {
    const issues: ValidationIssue[] = [];
    const allocations = Array.isArray(draft.allocations)
      ? (draft.allocations as Record<string, unknown>[])
      : [];
    if (allocations.length !== 1) {
      issues.push({ path: 'allocations', code: 'xero_one_allocation_per_payment' });
      return issues;
    }
    const [allocation] = allocations;
    if (allocation?.targetType !== targetType)
      issues.push({ path: 'allocations.0.targetType', code: 'unsupported_by_provider' });
    if (
      typeof draft.amount === 'string' &&
      typeof allocation?.amount === 'string' &&
      compare(draft.amount, allocation.amount) !== 0
    ) {
      issues.push({ path: 'amount', code: 'xero_unallocated_not_supported' });
    }
    return issues;
  };
}

function baseCurrencyCheck(context: XeroMappingContext): DraftCheck {
  return (draft) =>
    draft.currency !== undefined && draft.currency !== context.baseCurrency
      ? [{ path: 'currency', code: 'not_base_currency' }]
      : [];
}

const itemCheck: DraftCheck = (draft) => [
  ...(draft.type === 'inventory' ? [{ path: 'type', code: 'unsupported_by_provider' }] : []),
  ...(draft.active === false ? [{ path: 'active', code: 'unsupported_by_provider' }] : []),
];

const itemCreateCheck: DraftCheck = (draft) => [
  ...(draft.sku === undefined ? [{ path: 'sku', code: 'required_by_provider' }] : []),
  ...itemCheck(draft),
];

const DOCUMENT_LIST = { paged: true, ifModifiedSince: true } as const;

/** Every unified resource Xero serves, and how. */
export function createXeroResources(
  context: XeroMappingContext,
): Partial<Record<ResourceName, ResourceDefinition>> {
  const invoiceRefusals = refuse('memo', 'email', 'lines.*.serviceDate');
  const billRefusals = refuse('lines.*.serviceDate');
  const creditNoteRefusals = refuse('memo', 'lines.*.serviceDate');
  const contactRefusals = refuse('companyName', 'notes');
  const journalRefusals = checks(refuse('number', 'lines.*.contactId'), baseCurrencyCheck(context));
  const statusChanges = {
    delete: { field: 'Status', value: 'DELETED', effect: 'deleted' },
    void: { field: 'Status', value: 'VOIDED', effect: 'voided' },
  } as const;
  const contact = (role: 'customer' | 'vendor') =>
    xeroResource({
      resource: role === 'customer' ? 'customers' : 'vendors',
      endpoint: 'Contacts',
      idField: 'ContactID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: contactMapping(context, role),
      list: {
        paged: true,
        ifModifiedSince: true,
        filters: ['active'],
        query: contactQuery(role),
      },
      create: { check: contactRefusals },
      update: { check: contactRefusals },
      delete: { field: 'ContactStatus', value: 'ARCHIVED', effect: 'deactivated' },
    });
  const payment = (kind: 'received' | 'made') =>
    xeroResource({
      resource: kind === 'received' ? 'payments' : 'billPayments',
      endpoint: 'Payments',
      idField: 'PaymentID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: paymentMapping(context, kind),
      accepts: (record) => (XERO_PAYMENT_TYPES[kind] as readonly unknown[]).includes(record.PaymentType),
      list: { ...DOCUMENT_LIST, filters: ['contactId'], query: paymentQuery(XERO_PAYMENT_TYPES[kind]) },
      create: { check: checks(paymentCheck(kind === 'received' ? 'invoice' : 'bill'), refuse('memo')) },
      // Xero reverses a payment by setting its status to DELETED; it stays readable with that status.
      delete: { field: 'Status', value: 'DELETED', effect: 'deleted', bare: true },
      void: { field: 'Status', value: 'DELETED', effect: 'voided', bare: true },
    });

  return {
    invoices: xeroResource({
      resource: 'invoices',
      endpoint: 'Invoices',
      idField: 'InvoiceID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: invoiceMapping(context),
      unitdp: true,
      accepts: (record) => record.Type === 'ACCREC',
      list: { ...DOCUMENT_LIST, filters: ['status', 'contactId'], query: invoiceQuery('ACCREC') },
      create: {
        extra: { Type: 'ACCREC', Status: 'AUTHORISED', LineAmountTypes: 'Exclusive' },
        check: invoiceRefusals,
      },
      update: { check: invoiceRefusals },
      ...statusChanges,
      resolve: resolveItemCodes,
    }),
    bills: xeroResource({
      resource: 'bills',
      endpoint: 'Invoices',
      idField: 'InvoiceID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: billMapping(context),
      unitdp: true,
      accepts: (record) => record.Type === 'ACCPAY',
      list: { ...DOCUMENT_LIST, filters: ['status', 'contactId'], query: invoiceQuery('ACCPAY') },
      create: {
        extra: { Type: 'ACCPAY', Status: 'AUTHORISED', LineAmountTypes: 'Exclusive' },
        check: billRefusals,
      },
      update: { check: billRefusals },
      ...statusChanges,
      resolve: resolveItemCodes,
    }),
    creditNotes: xeroResource({
      resource: 'creditNotes',
      endpoint: 'CreditNotes',
      idField: 'CreditNoteID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: creditNoteMapping(context),
      unitdp: true,
      accepts: (record) => record.Type === 'ACCRECCREDIT',
      list: { ...DOCUMENT_LIST, filters: ['status', 'contactId'], query: creditNoteQuery },
      create: {
        extra: { Type: 'ACCRECCREDIT', Status: 'AUTHORISED', LineAmountTypes: 'Exclusive' },
        check: creditNoteRefusals,
      },
      update: { check: creditNoteRefusals },
      ...statusChanges,
      resolve: resolveItemCodes,
    }),
    payments: payment('received'),
    billPayments: payment('made'),
    customers: contact('customer'),
    vendors: contact('vendor'),
    accounts: xeroResource({
      resource: 'accounts',
      endpoint: 'Accounts',
      idField: 'AccountID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: accountMapping,
      list: {
        paged: false,
        ifModifiedSince: true,
        filters: ['active'],
        query: statusQuery('Status', ['ARCHIVED']),
      },
      create: { bare: true },
      update: {},
      delete: { field: 'Status', value: 'ARCHIVED', effect: 'deactivated' },
    }),
    journalEntries: xeroResource({
      resource: 'journalEntries',
      endpoint: 'ManualJournals',
      idField: 'ManualJournalID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: journalEntryMapping(context),
      list: { ...DOCUMENT_LIST },
      carry: { Narration: asIs },
      create: { extra: { Status: 'POSTED', LineAmountTypes: 'NoTax' }, check: journalRefusals },
      update: { check: journalRefusals },
      ...statusChanges,
    }),
    expenses: xeroResource({
      resource: 'expenses',
      endpoint: 'BankTransactions',
      idField: 'BankTransactionID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: expenseMapping(context),
      unitdp: true,
      accepts: (record) => record.Type === 'SPEND',
      list: {
        ...DOCUMENT_LIST,
        filters: ['contactId'],
        query: (filter, operation) => {
          const contact = contactGuid(filter, operation);
          return {
            where: [
              equalsToken('Type', 'SPEND'),
              ...(contact ? [equalsGuid('Contact.ContactID', contact)] : []),
            ],
          };
        },
      },
      carry: { Type: asIs, BankAccount: accountReference, LineItems: carriedLines },
      create: {
        extra: { Type: 'SPEND', Status: 'AUTHORISED', LineAmountTypes: 'NoTax' },
        check: refuse('memo'),
      },
      update: { check: refuse('memo') },
      ...statusChanges,
    }),
    items: xeroResource({
      resource: 'items',
      endpoint: 'Items',
      idField: 'ItemID',
      idSyntax: XERO_GUID_SYNTAX,
      mapping: itemMapping,
      unitdp: true,
      list: { paged: false, ifModifiedSince: true },
      carry: { Code: asIs },
      create: { check: itemCreateCheck },
      update: { check: itemCheck },
      delete: { httpDelete: true },
      resolve: resolveItemAccountCodes,
    }),
    taxRates: xeroResource({
      resource: 'taxRates',
      endpoint: 'TaxRates',
      idField: 'TaxType',
      idSyntax: TAX_TYPE_SYNTAX,
      mapping: taxRateMapping,
      list: {
        paged: false,
        ifModifiedSince: false,
        filters: ['active'],
        query: statusQuery('Status', ['DELETED', 'ARCHIVED']),
      },
    }),
    attachments: attachmentsResource,
    company: {
      ...xeroResource({
        resource: 'company',
        endpoint: 'Organisation',
        envelope: 'Organisations',
        idField: 'OrganisationID',
        mapping: organisationMapping,
        list: { paged: false, ifModifiedSince: false },
      }),
      // One organisation per tenant: the id the caller gives (`current`) addresses nothing.
      get: {
        request: () => ({ method: 'GET', path: '/Organisation' }),
        record: (body) => {
          const organisations = (body as { Organisations?: unknown[] } | undefined)?.Organisations;
          return Array.isArray(organisations) ? organisations[0] : undefined;
        },
      },
    },
  };
}
