import { z } from 'zod';
import { AccountingDate, RecordId, recordMetadata } from '../common.js';
import { CurrencyCode } from '../currencies.js';
import { DecimalString } from '../money.js';
import { phi } from '../phi.js';

/** One side of a journal entry. Amounts are positive; `side` says debit or credit. */
export const JournalLine = z.object({
  id: z.string().optional(),
  accountId: RecordId,
  side: z.enum(['debit', 'credit']),
  amount: DecimalString,
  description: phi(z.string()).optional(),
  contactId: RecordId.optional(),
});
export type JournalLine = z.infer<typeof JournalLine>;

/** A manual journal entry. Debits equal credits. */
export const JournalEntry = z.object({
  ...recordMetadata,
  number: z.string().optional(),
  date: AccountingDate,
  currency: CurrencyCode,
  memo: phi(z.string()).optional(),
  lines: z.array(JournalLine),
});
export type JournalEntry = z.infer<typeof JournalEntry>;
