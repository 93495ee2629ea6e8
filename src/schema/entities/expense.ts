import { z } from 'zod';
import { AccountingDate, RecordId, recordMetadata } from '../common.js';
import { CurrencyCode } from '../currencies.js';
import { DecimalString } from '../money.js';
import { phi } from '../phi.js';

/** One categorised line of an expense. */
export const ExpenseLine = z.object({
  id: z.string().optional(),
  accountId: RecordId,
  amount: DecimalString,
  description: phi(z.string()).optional(),
});
export type ExpenseLine = z.infer<typeof ExpenseLine>;

/** Money spent directly from a bank or card account (QuickBooks Purchase, Xero SPEND transaction). */
export const Expense = z.object({
  ...recordMetadata,
  date: AccountingDate,
  contactId: RecordId.optional(),
  paymentAccountId: RecordId,
  paymentMethod: z.enum(['cash', 'check', 'credit_card']),
  currency: CurrencyCode,
  lines: z.array(ExpenseLine),
  total: DecimalString,
  reference: z.string().optional(),
  memo: phi(z.string()).optional(),
  status: z.enum(['posted', 'void']),
});
export type Expense = z.infer<typeof Expense>;
