/**
 * Payments: one payment settles one authorised invoice, bill or credit note, from a bank account (or an
 * account that takes payments), for no more than is outstanding. Reversing a payment sets it DELETED and
 * restores the document's balance.
 */
import { findAccount } from './accounts.js';
import { compare, decimalOf, round } from './decimal.js';
import { type DocumentEntity, settleDocument } from './documents.js';
import { invalid, Problems } from './errors.js';
import {
  allRecords,
  getRecord,
  isObject,
  type OrganisationState,
  putRecord,
  textOf,
  type WriteContext,
  type XeroRecord,
} from './state.js';
import { msDate, msDateTime, requestDate, today } from './time.js';

const PAYMENT_TYPES: Readonly<Record<string, string>> = {
  ACCREC: 'ACCRECPAYMENT',
  ACCPAY: 'ACCPAYPAYMENT',
  ACCRECCREDIT: 'ARCREDITPAYMENT',
  ACCPAYCREDIT: 'APCREDITPAYMENT',
};

function findDocument(
  state: OrganisationState,
  input: XeroRecord,
): { entity: DocumentEntity; record: XeroRecord } | undefined {
  if (isObject(input.Invoice)) {
    const { InvoiceID, InvoiceNumber } = input.Invoice;
    const record =
      InvoiceID !== undefined
        ? getRecord(state, 'Invoice', InvoiceID)
        : allRecords(state, 'Invoice').find(
            (invoice) => invoice.InvoiceNumber !== undefined && invoice.InvoiceNumber === InvoiceNumber,
          );
    return record ? { entity: 'Invoice', record } : undefined;
  }
  if (isObject(input.CreditNote)) {
    const record = getRecord(state, 'CreditNote', input.CreditNote.CreditNoteID);
    return record ? { entity: 'CreditNote', record } : undefined;
  }
  return undefined;
}

export function createPayment(
  state: OrganisationState,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const problems = new Problems();
  const document = findDocument(state, input);
  if (!isObject(input.Invoice) && !isObject(input.CreditNote))
    problems.add('An Invoice or CreditNote must be specified for a payment.');
  else if (!document) problems.add('The document for this payment could not be found.');
  else if (document.record.Status !== 'AUTHORISED')
    problems.add('Payments can only be made against Authorised documents.');

  const account = input.Account === undefined ? undefined : findAccount(state, input.Account);
  if (input.Account === undefined) problems.add('An Account must be specified for a payment.');
  else if (account?.Status !== 'ACTIVE') problems.add('The account for this payment could not be found.');
  else if (account.Type !== 'BANK' && account.EnablePaymentsToAccount !== true) {
    problems.add('Account type is invalid for making a payment to/from.');
  }

  const amount = decimalOf(input.Amount);
  const outstanding = document
    ? (decimalOf(
        document.entity === 'Invoice' ? document.record.AmountDue : document.record.RemainingCredit,
      ) ?? '0')
    : undefined;
  if (amount === undefined || compare(amount, '0') <= 0)
    problems.add('Payment amount must be greater than zero.');
  else if (outstanding !== undefined && compare(round(amount, 2), outstanding) > 0) {
    problems.add('Payment amount exceeds the amount outstanding on this document.');
  }
  const date = input.Date === undefined ? today(context.now) : requestDate(input.Date);
  if (date === undefined) problems.add(`The payment date ${String(input.Date)} is not a valid date.`);
  problems.check();
  if (!document || !account || amount === undefined || date === undefined)
    throw invalid('Payment is not valid.');

  const paid = Number(round(amount, 2));
  const record: XeroRecord = {
    PaymentID: state.ids.next(),
    Date: msDate(date),
    BankAmount: paid,
    Amount: paid,
    Reference: textOf(input.Reference) ?? '',
    CurrencyRate: 1,
    PaymentType: PAYMENT_TYPES[String(document.record.Type)],
    Status: 'AUTHORISED',
    UpdatedDateUTC: msDateTime(context.now),
    HasAccount: true,
    IsReconciled: false,
    Account: { AccountID: account.AccountID, Code: account.Code },
    ...(document.entity === 'Invoice'
      ? { Invoice: { InvoiceID: document.record.InvoiceID } }
      : { CreditNote: { CreditNoteID: document.record.CreditNoteID } }),
    HasValidationErrors: false,
  };
  putRecord(state, 'Payment', record);
  settleDocument(state, document.entity, document.record, context.now);
  return record;
}

/** `POST /Payments/{id}` with `{ "Status": "DELETED" }`: the only change Xero allows to a payment. */
export function deletePayment(
  state: OrganisationState,
  existing: XeroRecord,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  if (input.Status !== 'DELETED') throw invalid('Only the Status of a payment can be changed, to DELETED.');
  if (existing.Status === 'DELETED') throw invalid('This payment has already been deleted.');
  existing.Status = 'DELETED';
  existing.UpdatedDateUTC = msDateTime(context.now);
  const target = isObject(existing.Invoice)
    ? { entity: 'Invoice' as const, record: getRecord(state, 'Invoice', existing.Invoice.InvoiceID) }
    : {
        entity: 'CreditNote' as const,
        record: getRecord(state, 'CreditNote', (existing.CreditNote as XeroRecord).CreditNoteID),
      };
  if (target.record) settleDocument(state, target.entity, target.record, context.now);
  return existing;
}
