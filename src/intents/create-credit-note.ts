import { z } from 'zod';
import { currency, date, intentLine, recordId, text } from './fields.js';

/** Give a customer credit (a refund owed, a write-down). */
export const CreateCreditNoteIntent = z
  .strictObject({
    intent: z.literal('create_credit_note'),
    customerId: recordId('Customer receiving the credit.'),
    date: date('Credit note date.'),
    currency,
    lines: z.array(intentLine).min(1).max(100).describe('What is credited.'),
    memo: text('Internal note, or null.').nullable(),
  })
  .describe('Create a credit note for a customer.');
export type CreateCreditNoteIntent = z.infer<typeof CreateCreditNoteIntent>;
