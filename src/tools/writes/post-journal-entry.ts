import type { WriteToolSpec } from './write-tool-spec.js';

/** `post_journal_entry`: a manual, balanced journal entry. */
export const postJournalEntry: WriteToolSpec = {
  intent: 'post_journal_entry',
  title: 'Post a journal entry',
  resource: 'journalEntries',
  destructive: false,
  description:
    'Post a manual journal entry. The debit lines must add up to exactly the same amount as the credit lines, to the cent, or the entry is refused. Use ids of accounts returned by list_accounts.',
};
