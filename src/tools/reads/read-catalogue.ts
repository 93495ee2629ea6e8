import type { ResourceName } from '../../schema/resources.js';

/** Resources with a list: every resource but the company record. */
export type ListableResource = Exclude<ResourceName, 'company'>;

/** A list filter a resource's tool offers (a subset of the engine's `ListFilter`). */
export type FilterName = 'status' | 'contactId' | 'nameStartsWith' | 'active' | 'updatedSince';

/** How a resource appears to a model. */
export interface ReadableResourceInfo {
  /** Name of its list tool. */
  readonly list: string;
  /** Name of its get-by-id tool. */
  readonly get: string;
  /** What the records are, for the descriptions. */
  readonly what: string;
  /** The record in the singular, for titles and the get tool's description. */
  readonly record: string;
  readonly filters: readonly FilterName[];
}

const DOCUMENT_FILTERS = ['status', 'contactId', 'updatedSince'] as const;
const PAYMENT_FILTERS = ['contactId', 'updatedSince'] as const;
const NAME_LIST_FILTERS = ['nameStartsWith', 'active', 'updatedSince'] as const;

/**
 * Every listable resource as the read tools present it. Filters are the unified meanings the engine
 * documents for each kind of record; a provider that cannot apply one answers `unsupported_operation`.
 */
export const READ_CATALOGUE: Readonly<Record<ListableResource, ReadableResourceInfo>> = {
  invoices: {
    list: 'list_invoices',
    get: 'get_invoice',
    record: 'invoice',
    what: 'sales invoices: what patients and payers owe the practice',
    filters: DOCUMENT_FILTERS,
  },
  bills: {
    list: 'list_bills',
    get: 'get_bill',
    record: 'bill',
    what: 'supplier bills: what the practice owes its vendors',
    filters: DOCUMENT_FILTERS,
  },
  creditNotes: {
    list: 'list_credit_notes',
    get: 'get_credit_note',
    record: 'credit note',
    what: 'credit notes that reduce what a customer owes',
    filters: DOCUMENT_FILTERS,
  },
  payments: {
    list: 'list_payments',
    get: 'get_payment',
    record: 'payment',
    what: 'payments received from customers (patients and payers), with the invoices they settle',
    filters: PAYMENT_FILTERS,
  },
  billPayments: {
    list: 'list_bill_payments',
    get: 'get_bill_payment',
    record: 'bill payment',
    what: 'payments the practice made to vendors, with the bills they settle',
    filters: PAYMENT_FILTERS,
  },
  customers: {
    list: 'list_customers',
    get: 'get_customer',
    record: 'customer',
    what: 'customers: the patients and payers the practice bills, with their balances',
    filters: NAME_LIST_FILTERS,
  },
  vendors: {
    list: 'list_vendors',
    get: 'get_vendor',
    record: 'vendor',
    what: 'vendors: suppliers the practice pays, with their balances',
    filters: NAME_LIST_FILTERS,
  },
  accounts: {
    list: 'list_accounts',
    get: 'get_account',
    record: 'account',
    what: 'general-ledger accounts (the chart of accounts), for example bank, income and expense accounts',
    filters: NAME_LIST_FILTERS,
  },
  journalEntries: {
    list: 'list_journal_entries',
    get: 'get_journal_entry',
    record: 'journal entry',
    what: 'manual journal entries',
    filters: ['updatedSince'],
  },
  expenses: {
    list: 'list_expenses',
    get: 'get_expense',
    record: 'expense',
    what: 'expenses paid directly from a bank or card account',
    filters: ['updatedSince'],
  },
  items: {
    list: 'list_items',
    get: 'get_item',
    record: 'item',
    what: 'products and services the practice sells or buys (for example visit types), with prices',
    filters: NAME_LIST_FILTERS,
  },
  taxRates: {
    list: 'list_tax_rates',
    get: 'get_tax_rate',
    record: 'tax rate',
    what: 'sales-tax rates and codes',
    filters: NAME_LIST_FILTERS,
  },
  attachments: {
    list: 'list_attachments',
    get: 'get_attachment',
    record: 'attachment',
    what: 'files attached to records (metadata only, never the file content)',
    filters: ['updatedSince'],
  },
};

/** Annotations of every read tool: no change to the ledger, safe to repeat. */
export function readAnnotations(title: string) {
  return {
    title,
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  } as const;
}

/** The sentence every read description ends with, so models know why a field may be missing. */
export const WITHHELD_NOTE =
  'Fields that can identify a patient are left out unless this agent is allowed them; withheldFields lists what was left out. Never guess a withheld value.';
