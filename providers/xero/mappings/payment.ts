import { recordMetadata, text, type XeroMappingContext } from './shared.js';

/** Payment types on which money came in (customer payments, supplier refunds). */
const RECEIVED = `["ACCRECPAYMENT", "APCREDITPAYMENT", "APOVERPAYMENTPAYMENT", "APPREPAYMENTPAYMENT"]`;
const TARGET_TYPES = `{ "ACCREC": "invoice", "ACCPAY": "bill", "ACCRECCREDIT": "credit_note", "ACCPAYCREDIT": "credit_note" }`;

/**
 * Xero Payment ↔ unified Payment. A Xero payment settles exactly one document, so it has one allocation of
 * its whole amount; the currency is the document's.
 */
export function paymentMapping(context: XeroMappingContext, fallbackKind: 'received' | 'made') {
  const document = `([Invoice, CreditNote, Prepayment, Overpayment])[0]`;
  const documentCurrency = `($d := ${document}; $d.CurrencyCode ? $d.CurrencyCode : '${context.baseCurrency}')`;
  return {
    response: {
      ...recordMetadata('PaymentID'),
      kind: `PaymentType ? (PaymentType in ${RECEIVED} ? 'received' : 'made') : '${fallbackKind}'`,
      contactId: `${document}.Contact.ContactID`,
      date: '$msDate(Date)',
      currency: documentCurrency,
      amount: `$decimal(Amount, ${documentCurrency})`,
      allocations: `($d := ${document}; $c := ${documentCurrency}; $d ? [{
        "targetType": $d.Type ? $lookup(${TARGET_TYPES}, $d.Type) : (CreditNote ? 'credit_note' : 'invoice'),
        "targetId": ([$d.InvoiceID, $d.CreditNoteID, $d.PrepaymentID, $d.OverpaymentID])[0],
        "amount": $decimal(Amount, $c)
      }] : [])`,
      accountId: 'Account.AccountID',
      reference: text('Reference'),
      status: `Status = 'DELETED' ? 'void' : 'posted'`,
    },
    request: {
      Invoice: `allocations[0] ? { "InvoiceID": allocations[0].targetId }`,
      Account: `accountId ? { "AccountID": accountId }`,
      Date: 'date',
      Amount: 'amount ? $wire(amount)',
      Reference: 'reference',
    },
  };
}
