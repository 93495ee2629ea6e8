import { z } from 'zod';
import { Address, CustomFields, RecordId } from './common.js';
import { CurrencyCode } from './currencies.js';
import { AccountingDate } from './dates.js';
import { JournalLine } from './entities/journal-entry.js';
import { PaymentAllocation } from './entities/payment.js';
import { Amount, DecimalString } from './money.js';
import { phi } from './phi.js';

/**
 * Drafts are the validated commands the executor hands to a provider adapter: the writable part of each
 * entity. They are strict (unknown keys are refused) because they go to a ledger.
 */
export const LineItemDraft = z.strictObject({
  description: phi(z.string().max(4000)).optional(),
  itemId: RecordId.optional(),
  accountId: RecordId.optional(),
  quantity: DecimalString.optional(),
  unitPrice: DecimalString.optional(),
  amount: DecimalString,
  taxRateId: RecordId.optional(),
  serviceDate: phi(AccountingDate).optional(),
});
export type LineItemDraft = z.infer<typeof LineItemDraft>;

const documentDraft = {
  contactId: RecordId,
  number: z.string().max(21).optional(),
  issueDate: AccountingDate,
  dueDate: AccountingDate.optional(),
  currency: CurrencyCode,
  lines: z.array(LineItemDraft).min(1),
  memo: phi(z.string().max(4000)).optional(),
  customFields: CustomFields.optional(),
};

/** A new sales invoice. */
export const InvoiceDraft = z.strictObject({
  ...documentDraft,
  customerMemo: phi(z.string().max(1000)).optional(),
  email: phi(z.string().email()).optional(),
});
export type InvoiceDraft = z.infer<typeof InvoiceDraft>;

/** A new supplier bill. */
export const BillDraft = z.strictObject(documentDraft);
export type BillDraft = z.infer<typeof BillDraft>;

/** A new credit note. */
export const CreditNoteDraft = z.strictObject(documentDraft);
export type CreditNoteDraft = z.infer<typeof CreditNoteDraft>;

/** A payment received from a customer or made to a vendor, with its allocations. */
export const PaymentDraft = z.strictObject({
  contactId: RecordId,
  date: AccountingDate,
  currency: CurrencyCode,
  amount: Amount,
  allocations: z.array(PaymentAllocation),
  accountId: RecordId.optional(),
  reference: z.string().max(21).optional(),
  memo: phi(z.string().max(4000)).optional(),
  customFields: CustomFields.optional(),
});
export type PaymentDraft = z.infer<typeof PaymentDraft>;

/** A new customer or vendor; the resource it is written to (`customers`, `vendors`) sets the role. */
export const ContactDraft = z.strictObject({
  displayName: phi(z.string().min(1).max(500)),
  givenName: phi(z.string().max(100)).optional(),
  familyName: phi(z.string().max(100)).optional(),
  companyName: phi(z.string().max(100)).optional(),
  email: phi(z.string().email()).optional(),
  phone: phi(z.string().max(30)).optional(),
  billingAddress: Address.strict().optional(),
  notes: phi(z.string().max(4000)).optional(),
  currency: CurrencyCode.optional(),
  active: z.boolean().optional(),
  customFields: CustomFields.optional(),
});
export type ContactDraft = z.infer<typeof ContactDraft>;

/** A manual journal entry. */
export const JournalEntryDraft = z.strictObject({
  date: AccountingDate,
  currency: CurrencyCode,
  number: z.string().max(21).optional(),
  memo: phi(z.string().max(4000)).optional(),
  lines: z.array(JournalLine.omit({ id: true }).strict()).min(2),
  customFields: CustomFields.optional(),
});
export type JournalEntryDraft = z.infer<typeof JournalEntryDraft>;

/** Money spent from a bank or card account. */
export const ExpenseDraft = z.strictObject({
  date: AccountingDate,
  contactId: RecordId.optional(),
  paymentAccountId: RecordId,
  paymentMethod: z.enum(['cash', 'check', 'credit_card']),
  currency: CurrencyCode,
  lines: z
    .array(
      z.strictObject({
        accountId: RecordId,
        amount: Amount,
        description: phi(z.string().max(4000)).optional(),
      }),
    )
    .min(1),
  reference: z.string().max(21).optional(),
  memo: phi(z.string().max(4000)).optional(),
  customFields: CustomFields.optional(),
});
export type ExpenseDraft = z.infer<typeof ExpenseDraft>;

/** A product or service. */
export const ItemDraft = z.strictObject({
  name: z.string().min(1).max(100),
  sku: z.string().max(100).optional(),
  description: z.string().max(4000).optional(),
  type: z.enum(['service', 'inventory', 'non_inventory']),
  unitPrice: DecimalString.optional(),
  purchaseCost: DecimalString.optional(),
  incomeAccountId: RecordId.optional(),
  expenseAccountId: RecordId.optional(),
  active: z.boolean().optional(),
});
export type ItemDraft = z.infer<typeof ItemDraft>;

/** A general-ledger account. */
export const AccountDraft = z.strictObject({
  name: z.string().min(1).max(100),
  code: z.string().max(20).optional(),
  /** The provider's own account type (QuickBooks `AccountType`, Xero `Type`). */
  providerType: z.string().min(1).max(100),
  providerSubtype: z.string().max(100).optional(),
  description: z.string().max(4000).optional(),
  currency: CurrencyCode.optional(),
  active: z.boolean().optional(),
});
export type AccountDraft = z.infer<typeof AccountDraft>;

/** A file to attach to a record. The bytes are sent and dropped, never kept. */
export const AttachmentDraft = z.strictObject({
  fileName: phi(z.string().min(1).max(255)),
  contentType: z.string().min(1).max(255),
  bytes: z.instanceof(Uint8Array),
  entityType: z.enum(['invoice', 'bill', 'payment', 'contact', 'journal_entry', 'expense', 'credit_note']),
  entityId: RecordId,
  note: phi(z.string().max(2000)).optional(),
});
export type AttachmentDraft = z.infer<typeof AttachmentDraft>;

/** The draft schema each writable resource takes on create. */
export const DRAFT_SCHEMAS = {
  invoices: InvoiceDraft,
  bills: BillDraft,
  creditNotes: CreditNoteDraft,
  payments: PaymentDraft,
  billPayments: PaymentDraft,
  customers: ContactDraft,
  vendors: ContactDraft,
  accounts: AccountDraft,
  journalEntries: JournalEntryDraft,
  expenses: ExpenseDraft,
  items: ItemDraft,
  attachments: AttachmentDraft,
} as const;

/** Resources that accept writes. */
export type WritableResourceName = keyof typeof DRAFT_SCHEMAS;

/** The draft type a writable resource takes. */
export type DraftOf<Resource extends WritableResourceName> = z.input<(typeof DRAFT_SCHEMAS)[Resource]>;
