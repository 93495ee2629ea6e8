import { CURRENCY, IS_VOIDED, money, RECORD_METADATA, reference } from './shared.js';

/** Sales lines (invoices, credit memos): SalesItemLineDetail lines only; subtotal lines are derived. */
const SALES_LINES = `[Line[DetailType = 'SalesItemLineDetail'].{
  "id": Id,
  "description": Description,
  "itemId": SalesItemLineDetail.ItemRef.value,
  "accountId": SalesItemLineDetail.ItemAccountRef.value,
  "quantity": $quantity(SalesItemLineDetail.Qty),
  "unitPrice": $quantity(SalesItemLineDetail.UnitPrice),
  "amount": $decimal(Amount, ${CURRENCY}),
  "taxRateId": SalesItemLineDetail.TaxCodeRef.value,
  "serviceDate": SalesItemLineDetail.ServiceDate
}]`;

const SALES_LINES_OUT = `lines ? [lines.{
  "Description": description,
  "Amount": $wire(amount),
  "DetailType": "SalesItemLineDetail",
  "SalesItemLineDetail": $compact({
    "ItemRef": itemId ? { "value": itemId },
    "ItemAccountRef": accountId ? { "value": accountId },
    "Qty": quantity ? $wire(quantity),
    "UnitPrice": unitPrice ? $wire(unitPrice),
    "TaxCodeRef": taxRateId ? { "value": taxRateId },
    "ServiceDate": serviceDate
  })
}]`;

const SALES_DOCUMENT_IN = {
  ...RECORD_METADATA,
  number: 'DocNumber',
  contactId: 'CustomerRef.value',
  contactName: 'CustomerRef.name',
  issueDate: 'TxnDate',
  dueDate: 'DueDate',
  currency: CURRENCY,
  lines: SALES_LINES,
  subtotal: money(`Line[DetailType = 'SubTotalLineDetail'][0].Amount`),
  taxTotal: money('TxnTaxDetail.TotalTax'),
  total: money('TotalAmt'),
  memo: 'PrivateNote',
} as const;

const SALES_DOCUMENT_OUT = {
  CustomerRef: reference('contactId'),
  DocNumber: 'number',
  TxnDate: 'issueDate',
  DueDate: 'dueDate',
  CurrencyRef: reference('currency'),
  PrivateNote: 'memo',
  Line: SALES_LINES_OUT,
} as const;

/** QuickBooks Invoice ↔ unified Invoice. */
export const invoiceMapping = {
  response: {
    ...SALES_DOCUMENT_IN,
    status: `${IS_VOIDED} ? 'void' : ($number(Balance) = 0 ? 'paid' : 'open')`,
    balance: money('Balance'),
    customerMemo: 'CustomerMemo.value',
    email: 'BillEmail.Address',
  },
  request: {
    ...SALES_DOCUMENT_OUT,
    CustomerMemo: reference('customerMemo'),
    BillEmail: `email ? { "Address": email }`,
  },
} as const;

/** QuickBooks CreditMemo ↔ unified CreditNote; the open amount is the credit not yet applied. */
export const creditNoteMapping = {
  response: {
    ...SALES_DOCUMENT_IN,
    status: `${IS_VOIDED} ? 'void' : ($number(RemainingCredit) = 0 ? 'paid' : 'open')`,
    balance: money('RemainingCredit'),
  },
  request: SALES_DOCUMENT_OUT,
} as const;
