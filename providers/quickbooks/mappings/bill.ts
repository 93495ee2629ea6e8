import { CURRENCY, IS_VOIDED, money, RECORD_METADATA, reference } from './shared.js';

/** Expense lines of a bill: by item (ItemBasedExpenseLineDetail) or by account (AccountBased…). */
const BILL_LINES = `[Line[DetailType = 'ItemBasedExpenseLineDetail' or DetailType = 'AccountBasedExpenseLineDetail'].{
  "id": Id,
  "description": Description,
  "itemId": ItemBasedExpenseLineDetail.ItemRef.value,
  "accountId": AccountBasedExpenseLineDetail.AccountRef.value,
  "quantity": $quantity(ItemBasedExpenseLineDetail.Qty),
  "unitPrice": $quantity(ItemBasedExpenseLineDetail.UnitPrice),
  "amount": $decimal(Amount, ${CURRENCY}),
  "taxRateId": [ItemBasedExpenseLineDetail.TaxCodeRef.value, AccountBasedExpenseLineDetail.TaxCodeRef.value][0]
}]`;

const BILL_LINES_OUT = `lines ? [lines.(itemId ? {
  "Description": description,
  "Amount": $wire(amount),
  "DetailType": "ItemBasedExpenseLineDetail",
  "ItemBasedExpenseLineDetail": $compact({
    "ItemRef": { "value": itemId },
    "Qty": quantity ? $wire(quantity),
    "UnitPrice": unitPrice ? $wire(unitPrice),
    "TaxCodeRef": taxRateId ? { "value": taxRateId }
  })
} : {
  "Description": description,
  "Amount": $wire(amount),
  "DetailType": "AccountBasedExpenseLineDetail",
  "AccountBasedExpenseLineDetail": $compact({
    "AccountRef": accountId ? { "value": accountId },
    "TaxCodeRef": taxRateId ? { "value": taxRateId }
  })
})]`;

/** QuickBooks Bill ↔ unified Bill. */
export const billMapping = {
  response: {
    ...RECORD_METADATA,
    number: 'DocNumber',
    contactId: 'VendorRef.value',
    contactName: 'VendorRef.name',
    status: `${IS_VOIDED} ? 'void' : ($number(Balance) = 0 ? 'paid' : 'open')`,
    issueDate: 'TxnDate',
    dueDate: 'DueDate',
    currency: CURRENCY,
    lines: BILL_LINES,
    total: money('TotalAmt'),
    balance: money('Balance'),
    memo: 'PrivateNote',
  },
  request: {
    VendorRef: reference('contactId'),
    DocNumber: 'number',
    TxnDate: 'issueDate',
    DueDate: 'dueDate',
    CurrencyRef: reference('currency'),
    PrivateNote: 'memo',
    Line: BILL_LINES_OUT,
  },
} as const;
