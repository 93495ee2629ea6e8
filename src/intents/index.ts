import { z } from 'zod';
import { AttachFileIntent } from './attach-file.js';
import { CreateBillIntent } from './create-bill.js';
import { CreateContactIntent } from './create-contact.js';
import { CreateCreditNoteIntent } from './create-credit-note.js';
import { CreateExpenseIntent } from './create-expense.js';
import { CreateInvoiceIntent } from './create-invoice.js';
import { PostJournalEntryIntent } from './post-journal-entry.js';
import { RecordBillPaymentIntent } from './record-bill-payment.js';
import { RecordPaymentIntent } from './record-payment.js';
import { UpdateContactIntent } from './update-contact.js';
import { VoidInvoiceIntent } from './void-invoice.js';

/** Every intent schema by name: the complete list of writes an agent can ask for. */
export const INTENT_SCHEMAS = {
  create_invoice: CreateInvoiceIntent,
  create_bill: CreateBillIntent,
  record_payment: RecordPaymentIntent,
  record_bill_payment: RecordBillPaymentIntent,
  create_contact: CreateContactIntent,
  update_contact: UpdateContactIntent,
  create_expense: CreateExpenseIntent,
  post_journal_entry: PostJournalEntryIntent,
  void_invoice: VoidInvoiceIntent,
  create_credit_note: CreateCreditNoteIntent,
  attach_file: AttachFileIntent,
} as const;

/** Name of an intent, such as `record_payment`. */
export type IntentName = keyof typeof INTENT_SCHEMAS;

/** Every intent name. */
export const INTENT_NAMES = Object.keys(INTENT_SCHEMAS) as IntentName[];

/** Any intent, discriminated by its `intent` field. */
export const LedgerIntent = z.discriminatedUnion('intent', [
  CreateInvoiceIntent,
  CreateBillIntent,
  RecordPaymentIntent,
  RecordBillPaymentIntent,
  CreateContactIntent,
  UpdateContactIntent,
  CreateExpenseIntent,
  PostJournalEntryIntent,
  VoidInvoiceIntent,
  CreateCreditNoteIntent,
  AttachFileIntent,
]);
export type LedgerIntent = z.infer<typeof LedgerIntent>;

/** The intent type for a name. */
export type IntentOf<Name extends IntentName> = z.infer<(typeof INTENT_SCHEMAS)[Name]>;

/**
 * The JSON Schema (draft 2020-12) of one intent, as handed to a model. Part of the public API: tool
 * adapters and hosts that call models directly use it.
 */
export function intentJsonSchema(name: IntentName): Record<string, unknown> {
  return z.toJSONSchema(INTENT_SCHEMAS[name], { target: 'draft-2020-12' }) as Record<string, unknown>;
}

export {
  AttachFileIntent,
  CreateBillIntent,
  CreateContactIntent,
  CreateCreditNoteIntent,
  CreateExpenseIntent,
  CreateInvoiceIntent,
  PostJournalEntryIntent,
  RecordBillPaymentIntent,
  RecordPaymentIntent,
  UpdateContactIntent,
  VoidInvoiceIntent,
};
