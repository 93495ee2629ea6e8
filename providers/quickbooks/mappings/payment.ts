import { CURRENCY, IS_VOIDED, money, RECORD_METADATA, reference } from './shared.js';

const TARGET_TYPES_IN = `{ "Invoice": "invoice", "CreditMemo": "credit_note", "Bill": "bill", "VendorCredit": "credit_note" }`;
const TARGET_TYPES_OUT = `{ "invoice": "Invoice", "credit_note": "CreditMemo", "bill": "Bill" }`;

/** Each payment line carries an amount and the transactions it settles. */
const ALLOCATIONS = `[Line.(
  $amount := Amount;
  LinkedTxn.{
    "targetType": $lookup(${TARGET_TYPES_IN}, TxnType),
    "targetId": TxnId,
    "amount": $decimal($amount, ${CURRENCY})
  }
)]`;

const ALLOCATIONS_OUT = `allocations ? [allocations.{
  "Amount": $wire(amount),
  "LinkedTxn": [{ "TxnId": targetId, "TxnType": $lookup(${TARGET_TYPES_OUT}, targetType) }]
}]`;

const PAYMENT_IN = {
  ...RECORD_METADATA,
  date: 'TxnDate',
  currency: CURRENCY,
  amount: money('TotalAmt'),
  allocations: ALLOCATIONS,
  memo: 'PrivateNote',
  status: `${IS_VOIDED} ? 'void' : 'posted'`,
} as const;

/** QuickBooks Payment (money received from a customer) ↔ unified Payment. */
export const paymentMapping = {
  response: {
    ...PAYMENT_IN,
    kind: `'received'`,
    contactId: 'CustomerRef.value',
    unallocated: money('UnappliedAmt'),
    accountId: 'DepositToAccountRef.value',
    reference: 'PaymentRefNum',
  },
  request: {
    CustomerRef: reference('contactId'),
    TxnDate: 'date',
    CurrencyRef: reference('currency'),
    TotalAmt: 'amount ? $wire(amount)',
    DepositToAccountRef: reference('accountId'),
    PaymentRefNum: 'reference',
    PrivateNote: 'memo',
    Line: ALLOCATIONS_OUT,
  },
} as const;

/** QuickBooks BillPayment (money paid to a vendor, by check from a bank account) ↔ unified Payment. */
export const billPaymentMapping = {
  response: {
    ...PAYMENT_IN,
    kind: `'made'`,
    contactId: 'VendorRef.value',
    accountId: '[CheckPayment.BankAccountRef.value, CreditCardPayment.CCAccountRef.value][0]',
    reference: 'DocNumber',
  },
  request: {
    VendorRef: reference('contactId'),
    TxnDate: 'date',
    CurrencyRef: reference('currency'),
    TotalAmt: 'amount ? $wire(amount)',
    PayType: `accountId ? 'Check'`,
    CheckPayment: `accountId ? { "BankAccountRef": { "value": accountId } }`,
    DocNumber: 'reference',
    PrivateNote: 'memo',
    Line: ALLOCATIONS_OUT,
  },
} as const;
