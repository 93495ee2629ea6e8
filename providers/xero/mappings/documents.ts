import {
  currency,
  DOCUMENT_LINES_OUT,
  DOCUMENT_STATUS,
  documentLinesIn,
  money,
  recordMetadata,
  text,
  type XeroMappingContext,
} from './shared.js';

function documentIn(idField: string, numberField: string, balanceField: string, context: XeroMappingContext) {
  return {
    ...recordMetadata(idField),
    number: text(numberField),
    contactId: 'Contact.ContactID',
    contactName: text('Contact.Name'),
    status: DOCUMENT_STATUS,
    issueDate: '$msDate(Date)',
    dueDate: '$msDate(DueDate)',
    currency: currency(context),
    lines: documentLinesIn(context),
    subtotal: money('SubTotal', context),
    taxTotal: money('TotalTax', context),
    total: money('Total', context),
    balance: money(balanceField, context),
  };
}

function documentOut(numberField: string) {
  return {
    Contact: `contactId ? { "ContactID": contactId }`,
    [numberField]: 'number',
    Date: 'issueDate',
    DueDate: 'dueDate',
    CurrencyCode: 'currency',
    LineItems: DOCUMENT_LINES_OUT,
  };
}

/**
 * Xero Invoice of Type ACCREC ↔ unified Invoice. `customerMemo` is Xero's `Reference`, which is printed on
 * the invoice; the unified `memo` (an internal note), `email` and line `serviceDate` have no place on a
 * Xero invoice and are refused on writes.
 */
export function invoiceMapping(context: XeroMappingContext) {
  return {
    response: {
      ...documentIn('InvoiceID', 'InvoiceNumber', 'AmountDue', context),
      customerMemo: text('Reference'),
    },
    request: { ...documentOut('InvoiceNumber'), Reference: 'customerMemo' },
  };
}

/**
 * Xero Invoice of Type ACCPAY ↔ unified Bill; `InvoiceNumber` is the supplier's bill number. A bill is never
 * sent to anyone, so its `Reference` is the practice's own note: the unified `memo`.
 */
export function billMapping(context: XeroMappingContext) {
  return {
    response: { ...documentIn('InvoiceID', 'InvoiceNumber', 'AmountDue', context), memo: text('Reference') },
    request: { ...documentOut('InvoiceNumber'), Reference: 'memo' },
  };
}

/**
 * Xero CreditNote of Type ACCRECCREDIT ↔ unified CreditNote; the open amount is `RemainingCredit`. Its
 * `Reference` is printed for the customer while the unified `memo` is internal, so neither fills the other
 * (a memo on a write is refused).
 */
export function creditNoteMapping(context: XeroMappingContext) {
  return {
    response: documentIn('CreditNoteID', 'CreditNoteNumber', 'RemainingCredit', context),
    request: documentOut('CreditNoteNumber'),
  };
}
