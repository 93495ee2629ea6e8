import { CURRENCY, money, RECORD_METADATA, reference } from './shared.js';

const METHOD_IN = `{ "Cash": "cash", "Check": "check", "CreditCard": "credit_card" }`;
const METHOD_OUT = `{ "cash": "Cash", "check": "Check", "credit_card": "CreditCard" }`;

/** QuickBooks Purchase ↔ unified Expense (account-based lines). */
export const expenseMapping = {
  response: {
    ...RECORD_METADATA,
    date: 'TxnDate',
    contactId: 'EntityRef.value',
    paymentAccountId: 'AccountRef.value',
    paymentMethod: `$lookup(${METHOD_IN}, PaymentType)`,
    currency: CURRENCY,
    lines: `[Line[DetailType = 'AccountBasedExpenseLineDetail'].{
      "id": Id,
      "accountId": AccountBasedExpenseLineDetail.AccountRef.value,
      "amount": $decimal(Amount, ${CURRENCY}),
      "description": Description
    }]`,
    total: money('TotalAmt'),
    reference: 'DocNumber',
    memo: 'PrivateNote',
    status: `'posted'`,
  },
  request: {
    TxnDate: 'date',
    EntityRef: `contactId ? { "value": contactId, "type": "Vendor" }`,
    AccountRef: reference('paymentAccountId'),
    PaymentType: `paymentMethod ? $lookup(${METHOD_OUT}, paymentMethod)`,
    CurrencyRef: reference('currency'),
    DocNumber: 'reference',
    PrivateNote: 'memo',
    Line: `lines ? [lines.{
      "Description": description,
      "Amount": $wire(amount),
      "DetailType": "AccountBasedExpenseLineDetail",
      "AccountBasedExpenseLineDetail": { "AccountRef": { "value": accountId } }
    }]`,
  },
} as const;
