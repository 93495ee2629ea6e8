import { CURRENCY, RECORD_METADATA, reference } from './shared.js';

/** QuickBooks JournalEntry ↔ unified JournalEntry (PostingType Debit/Credit ↔ side). */
export const journalEntryMapping = {
  response: {
    ...RECORD_METADATA,
    number: 'DocNumber',
    date: 'TxnDate',
    currency: CURRENCY,
    memo: 'PrivateNote',
    lines: `[Line[DetailType = 'JournalEntryLineDetail'].{
      "id": Id,
      "accountId": JournalEntryLineDetail.AccountRef.value,
      "side": JournalEntryLineDetail.PostingType = 'Debit' ? 'debit' : 'credit',
      "amount": $decimal(Amount, ${CURRENCY}),
      "description": Description,
      "contactId": JournalEntryLineDetail.Entity.EntityRef.value
    }]`,
  },
  request: {
    TxnDate: 'date',
    DocNumber: 'number',
    CurrencyRef: reference('currency'),
    PrivateNote: 'memo',
    Line: `lines ? [lines.{
      "Description": description,
      "Amount": $wire(amount),
      "DetailType": "JournalEntryLineDetail",
      "JournalEntryLineDetail": $compact({
        "PostingType": side = 'debit' ? 'Debit' : 'Credit',
        "AccountRef": { "value": accountId },
        "Entity": contactId ? { "Type": "Customer", "EntityRef": { "value": contactId } }
      })
    }]`,
  },
} as const;
