import { recordMetadata, type XeroMappingContext } from './shared.js';

/**
 * Xero ManualJournal ↔ unified JournalEntry. Xero signs line amounts (positive debits, negative credits)
 * and keeps manual journals in the base currency without naming it. `memo` is Xero's required
 * `Narration`; the unified `number` and line `contactId` have no place and are refused on writes.
 */
export function journalEntryMapping(context: XeroMappingContext) {
  const base = `'${context.baseCurrency}'`;
  return {
    response: {
      ...recordMetadata('ManualJournalID'),
      date: '$msDate(Date)',
      currency: base,
      memo: `Narration != '' ? Narration`,
      lines: `[JournalLines.{
        "accountId": AccountID,
        "side": LineAmount < 0 ? 'credit' : 'debit',
        "amount": $decimal(LineAmount < 0 ? -LineAmount : LineAmount, ${base}),
        "description": Description != '' ? Description
      }]`,
    },
    request: {
      Narration: 'memo',
      Date: 'date',
      JournalLines: `lines ? [lines.$compact({
        "LineAmount": side = 'credit' ? -$wire(amount) : $wire(amount),
        "AccountID": accountId,
        "Description": description
      })]`,
    },
  };
}
