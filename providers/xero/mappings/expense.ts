import { currency, money, recordMetadata, text, type XeroMappingContext } from './shared.js';

/**
 * Xero BankTransaction of Type SPEND ↔ unified Expense. Xero records no payment method: a transaction
 * from a credit-card bank account reads as `credit_card`, any other as `cash` (a cheque reads back as
 * cash). The unified `memo` has no place and is refused on writes.
 */
export function expenseMapping(context: XeroMappingContext) {
  return {
    response: {
      ...recordMetadata('BankTransactionID'),
      date: '$msDate(Date)',
      contactId: 'Contact.ContactID',
      paymentAccountId: 'BankAccount.AccountID',
      paymentMethod: `BankAccount.BankAccountType = 'CREDITCARD' ? 'credit_card' : 'cash'`,
      currency: currency(context),
      lines: `[LineItems.{
        "id": LineItemID,
        "accountId": AccountID,
        "amount": $decimal($exists(LineAmount) ? LineAmount : 0, ${currency(context)}),
        "description": Description != '' ? Description
      }]`,
      total: money('Total', context),
      reference: text('Reference'),
      status: `Status = 'AUTHORISED' ? 'posted' : 'void'`,
    },
    request: {
      Contact: `contactId ? { "ContactID": contactId }`,
      BankAccount: `paymentAccountId ? { "AccountID": paymentAccountId }`,
      Date: 'date',
      CurrencyCode: 'currency',
      Reference: 'reference',
      LineItems: `lines ? [lines.$compact({
        "Description": description,
        "Quantity": 1,
        "UnitAmount": $wire(amount),
        "LineAmount": $wire(amount),
        "AccountID": accountId
      })]`,
    },
  };
}
