import { z } from 'zod';
import { AccountingDate, RecordId, recordMetadata } from '../common.js';
import { CurrencyCode } from '../currencies.js';
import { DecimalString } from '../money.js';
import { phi } from '../phi.js';
import { LineItem } from './line-item.js';

/** Where a receivable or payable stands. */
export const DocumentStatus = z.enum(['draft', 'open', 'paid', 'void']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

const documentFields = {
  ...recordMetadata,
  number: z.string().optional(),
  contactId: RecordId,
  contactName: phi(z.string()).optional(),
  status: DocumentStatus,
  issueDate: AccountingDate,
  dueDate: AccountingDate.optional(),
  currency: CurrencyCode,
  lines: z.array(LineItem),
  subtotal: DecimalString.optional(),
  taxTotal: DecimalString.optional(),
  total: DecimalString,
  /** Amount still owed. */
  balance: DecimalString,
  /** Internal note. */
  memo: phi(z.string()).optional(),
};

/** A sales invoice (accounts receivable), for example a patient statement or a payer claim invoice. */
export const Invoice = z.object({
  ...documentFields,
  /** Message printed for the customer. */
  customerMemo: phi(z.string()).optional(),
  email: phi(z.string()).optional(),
});
export type Invoice = z.infer<typeof Invoice>;

/** A supplier bill (accounts payable). */
export const Bill = z.object(documentFields);
export type Bill = z.infer<typeof Bill>;

/** A credit note (QuickBooks credit memo) that reduces what a customer owes. */
export const CreditNote = z.object({
  ...documentFields,
  dueDate: AccountingDate.optional(),
});
export type CreditNote = z.infer<typeof CreditNote>;
