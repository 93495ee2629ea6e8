import type { z } from 'zod';
import {
  Account,
  Attachment,
  Bill,
  CompanyInfo,
  Contact,
  CreditNote,
  Expense,
  Invoice,
  Item,
  JournalEntry,
  Payment,
  TaxRate,
} from './entities/index.js';

/**
 * The resources a connection exposes and the unified entity each one yields. Customers and vendors are
 * separate resources because providers keep them apart (QuickBooks) or flag them (Xero), and because an
 * invoice always references a customer and a bill a vendor.
 */
export const RESOURCE_SCHEMAS = {
  invoices: Invoice,
  bills: Bill,
  creditNotes: CreditNote,
  payments: Payment,
  billPayments: Payment,
  customers: Contact,
  vendors: Contact,
  accounts: Account,
  journalEntries: JournalEntry,
  expenses: Expense,
  items: Item,
  taxRates: TaxRate,
  attachments: Attachment,
  company: CompanyInfo,
} as const;

/** Name of a resource on a connection, such as `invoices`. */
export type ResourceName = keyof typeof RESOURCE_SCHEMAS;

/** The unified entity type a resource yields. */
export type EntityOf<Resource extends ResourceName> = z.output<(typeof RESOURCE_SCHEMAS)[Resource]>;

/** Every resource name, in a stable order. */
export const RESOURCE_NAMES = Object.keys(RESOURCE_SCHEMAS) as ResourceName[];

/** True when `name` is a resource this library knows. */
export function isResourceName(name: string): name is ResourceName {
  return Object.hasOwn(RESOURCE_SCHEMAS, name);
}
