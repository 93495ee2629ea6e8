import { z } from 'zod';
import { currency, date, money, recordId, text } from './fields.js';

/** Record money already spent from a bank or card account. */
export const CreateExpenseIntent = z
  .strictObject({
    intent: z.literal('create_expense'),
    paymentAccountId: recordId('Bank or credit-card account the money was paid from.'),
    paymentMethod: z.enum(['cash', 'check', 'credit_card']).describe('How it was paid.'),
    vendorId: recordId('Vendor paid, or null.').nullable(),
    date: date('Date of the expense.'),
    currency,
    lines: z
      .array(
        z.strictObject({
          accountId: recordId('Expense account for this part of the spend.'),
          amount: money('Amount for this line.'),
          description: text('What was bought, or null.', 4000).nullable(),
        }),
      )
      .min(1)
      .max(100)
      .describe('How the spend is categorised.'),
    reference: z.string().min(1).max(21).describe('Receipt or reference number, or null.').nullable(),
    memo: text('Internal note, or null.').nullable(),
  })
  .describe('Record an expense paid directly from a bank or card account.');
export type CreateExpenseIntent = z.infer<typeof CreateExpenseIntent>;
