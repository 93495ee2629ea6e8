import { z } from 'zod';
import { currency, date, money, recordId, text } from './fields.js';

/** Post a manual journal entry. Debits must equal credits to the cent. */
export const PostJournalEntryIntent = z
  .strictObject({
    intent: z.literal('post_journal_entry'),
    date: date('Posting date.'),
    currency,
    entryNumber: z
      .string()
      .min(1)
      .max(21)
      .describe('Journal number, or null to let the ledger assign one.')
      .nullable(),
    memo: text('Why the entry is posted, or null.').nullable(),
    lines: z
      .array(
        z.strictObject({
          accountId: recordId('Account to debit or credit.'),
          side: z.enum(['debit', 'credit']).describe('Whether this line debits or credits the account.'),
          amount: money('Positive amount of this line.'),
          description: text('Line description, or null.', 4000).nullable(),
          contactId: recordId('Customer this line relates to, or null.').nullable(),
        }),
      )
      .min(2)
      .max(200)
      .describe('At least two lines; the debit total must equal the credit total exactly.'),
  })
  .describe('Post a balanced manual journal entry.');
export type PostJournalEntryIntent = z.infer<typeof PostJournalEntryIntent>;
