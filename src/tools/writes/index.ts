import type { IntentName } from '../../intents/index.js';
import { attachFile } from './attach-file.js';
import { createBill } from './create-bill.js';
import { createContact } from './create-contact.js';
import { createCreditNote } from './create-credit-note.js';
import { createExpense } from './create-expense.js';
import { createInvoice } from './create-invoice.js';
import { postJournalEntry } from './post-journal-entry.js';
import { recordBillPayment } from './record-bill-payment.js';
import { recordPayment } from './record-payment.js';
import { updateContact } from './update-contact.js';
import { voidInvoice } from './void-invoice.js';
import type { WriteToolSpec } from './write-tool-spec.js';

/** Every write tool, by intent. Typed as a full record so a new intent without a tool fails to compile. */
export const WRITE_TOOL_SPECS: Readonly<Record<IntentName, WriteToolSpec>> = {
  create_invoice: createInvoice,
  create_bill: createBill,
  record_payment: recordPayment,
  record_bill_payment: recordBillPayment,
  create_contact: createContact,
  update_contact: updateContact,
  create_expense: createExpense,
  post_journal_entry: postJournalEntry,
  void_invoice: voidInvoice,
  create_credit_note: createCreditNote,
  attach_file: attachFile,
};
