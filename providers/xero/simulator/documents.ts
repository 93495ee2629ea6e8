/**
 * Invoices (ACCREC sales invoices, ACCPAY bills) and credit notes: creation, updates, the status machine
 * (DRAFT → SUBMITTED → AUTHORISED → PAID; DELETED only before approval, VOIDED only after and without
 * payments) and the balances payments move (AmountDue, AmountPaid, RemainingCredit).
 */
import { activeContactNamed, createContact, markContactRole } from './contacts.js';
import { compare, decimalOf, isZero, round, subtract, sum } from './decimal.js';
import { Problems } from './errors.js';
import { computeLines, type LineSide } from './lines.js';
import {
  allRecords,
  baseCurrency,
  getRecord,
  isObject,
  nextNumber,
  type OrganisationState,
  putRecord,
  textOf,
  type WriteContext,
  type XeroRecord,
} from './state.js';
import { dateString, msDate, msDateTime, requestDate, today } from './time.js';

export type DocumentEntity = 'Invoice' | 'CreditNote';

interface DocumentKind {
  readonly entity: DocumentEntity;
  readonly idField: string;
  readonly numberField: string;
  readonly types: readonly string[];
  readonly label: string;
}

export const DOCUMENT_KINDS: Readonly<Record<DocumentEntity, DocumentKind>> = {
  Invoice: {
    entity: 'Invoice',
    idField: 'InvoiceID',
    numberField: 'InvoiceNumber',
    types: ['ACCREC', 'ACCPAY'],
    label: 'Invoice',
  },
  CreditNote: {
    entity: 'CreditNote',
    idField: 'CreditNoteID',
    numberField: 'CreditNoteNumber',
    types: ['ACCRECCREDIT', 'ACCPAYCREDIT'],
    label: 'Credit note',
  },
};

const NEW_STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];
const LINE_AMOUNT_TYPES = ['Exclusive', 'Inclusive', 'NoTax'];

function sideOf(type: string): LineSide {
  return type === 'ACCREC' || type === 'ACCRECCREDIT' ? 'sales' : 'purchases';
}

/** Which transitions Xero allows, from → to. */
const TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: [],
  DELETED: [],
};

/** Documents in these states count against balances. */
export function isOpen(status: unknown): boolean {
  return status === 'AUTHORISED' || status === 'PAID';
}

/** The contact a document names: by id, or by name (matched, or created as Xero does). */
function resolveContact(
  state: OrganisationState,
  input: unknown,
  problems: Problems,
): { contact?: XeroRecord; createName?: string } {
  if (!isObject(input)) {
    problems.add('A Contact must be specified for this type of transaction.');
    return {};
  }
  if (input.ContactID !== undefined) {
    const contact = getRecord(state, 'Contact', input.ContactID);
    if (!contact) problems.add(`The contact with ContactID ${String(input.ContactID)} could not be found.`);
    else if (contact.ContactStatus !== 'ACTIVE')
      problems.add(`The contact ${String(contact.Name)} is archived and cannot be used.`);
    return contact ? { contact } : {};
  }
  const name = textOf(input.Name);
  if (!name) {
    problems.add('A Contact must be specified for this type of transaction.');
    return {};
  }
  const contact = activeContactNamed(state, name);
  return contact ? { contact } : { createName: name };
}

/** Recomputes what payments and credits leave owing, and PAID/AUTHORISED from it. */
export function settleDocument(
  state: OrganisationState,
  entity: DocumentEntity,
  record: XeroRecord,
  now: number,
): void {
  const kind = DOCUMENT_KINDS[entity];
  const id = String(record[kind.idField]).toLowerCase();
  const payments = allRecords(state, 'Payment').filter((payment) => {
    const target = entity === 'Invoice' ? payment.Invoice : payment.CreditNote;
    return (
      payment.Status === 'AUTHORISED' && isObject(target) && String(target[kind.idField]).toLowerCase() === id
    );
  });
  const paid = round(sum(payments.map((payment) => decimalOf(payment.Amount) ?? '0').concat('0')), 2);
  const total = decimalOf(record.Total) ?? '0';
  const before = JSON.stringify([record.Status, record.Payments, record.AmountDue, record.RemainingCredit]);
  const summaries = payments.map((payment) => ({
    PaymentID: payment.PaymentID,
    Date: payment.Date,
    Amount: payment.Amount,
    Reference: payment.Reference,
    CurrencyRate: 1,
    HasAccount: true,
    HasValidationErrors: false,
  }));
  const owing = record.Status === 'VOIDED' || record.Status === 'DELETED' ? '0' : subtract(total, paid);
  if (entity === 'Invoice') {
    record.Payments = summaries;
    record.AmountPaid = Number(paid);
    record.AmountDue = Number(round(subtract(owing, decimalOf(record.AmountCredited) ?? '0'), 2));
  } else {
    record.Payments = summaries;
    record.RemainingCredit = Number(round(owing, 2));
  }
  const remaining = decimalOf(entity === 'Invoice' ? record.AmountDue : record.RemainingCredit) ?? '0';
  if (record.Status === 'AUTHORISED' && isZero(remaining)) {
    record.Status = 'PAID';
    const last = payments
      .map((payment) => String(payment.Date))
      .sort()
      .at(-1);
    record.FullyPaidOnDate = last ?? msDate(today(now));
  } else if (record.Status === 'PAID' && !isZero(remaining)) {
    record.Status = 'AUTHORISED';
    delete record.FullyPaidOnDate;
  }
  if (JSON.stringify([record.Status, record.Payments, record.AmountDue, record.RemainingCredit]) !== before) {
    record.UpdatedDateUTC = msDateTime(now);
  }
}

interface Prepared {
  readonly record: XeroRecord;
  readonly createContactName?: string | undefined;
}

function prepare(
  state: OrganisationState,
  entity: DocumentEntity,
  existing: XeroRecord | undefined,
  input: XeroRecord,
  context: WriteContext,
): Prepared {
  const kind = DOCUMENT_KINDS[entity];
  const problems = new Problems();
  const type = String(input.Type ?? existing?.Type ?? '');
  if (!kind.types.includes(type)) problems.add(`${kind.label} Type must be one of ${kind.types.join(', ')}.`);
  if (existing && input.Type !== undefined && input.Type !== existing.Type)
    problems.add(`The ${kind.label.toLowerCase()} Type cannot be changed.`);

  const fromStatus = existing ? String(existing.Status) : undefined;
  const status = String(input.Status ?? fromStatus ?? 'DRAFT');
  if (!fromStatus && !NEW_STATUSES.includes(status))
    problems.add(`${kind.label} Status code '${status}' is not valid for a new document.`);
  if (fromStatus && !(TRANSITIONS[fromStatus] ?? []).includes(status)) {
    problems.add(
      fromStatus === 'VOIDED' || fromStatus === 'DELETED'
        ? `This document cannot be edited as it has been ${fromStatus.toLowerCase()}.`
        : `${kind.label} not of valid status for modification.`,
    );
  }
  const paid = decimalOf(existing?.AmountPaid) ?? '0';
  const existingPayments = existing?.Payments;
  const hasPayments = Array.isArray(existingPayments) && existingPayments.length > 0;
  if (status === 'VOIDED' && hasPayments)
    problems.add(`${kind.label} has payments allocated and cannot be voided; remove the payments first.`);
  const changesAmounts =
    input.LineItems !== undefined || input.LineAmountTypes !== undefined || input.CurrencyCode !== undefined;
  if (fromStatus === 'PAID' && changesAmounts)
    problems.add(`${kind.label} has been paid and its amounts cannot be edited.`);
  if (hasPayments && input.Contact !== undefined)
    problems.add('The contact of a document with payments cannot be changed.');

  const contactPart: { contact?: XeroRecord | undefined; createName?: string | undefined } =
    input.Contact !== undefined || !existing
      ? resolveContact(state, input.Contact, problems)
      : { contact: getRecord(state, 'Contact', (existing.Contact as XeroRecord).ContactID) };

  const date =
    input.Date !== undefined
      ? requestDate(input.Date)
      : existing
        ? requestDate(existing.Date)
        : today(context.now);
  if (input.Date !== undefined && date === undefined)
    problems.add(`The date ${String(input.Date)} is not a valid date.`);
  const dueDate =
    input.DueDate !== undefined
      ? requestDate(input.DueDate)
      : existing
        ? requestDate(existing.DueDate)
        : undefined;
  if (input.DueDate !== undefined && dueDate === undefined)
    problems.add(`The due date ${String(input.DueDate)} is not a valid date.`);

  const currency = String(input.CurrencyCode ?? existing?.CurrencyCode ?? baseCurrency(state));
  if (!state.currencies.includes(currency))
    problems.add(`The currency ${currency} is not enabled for this organisation.`);
  const lineAmountTypes = String(input.LineAmountTypes ?? existing?.LineAmountTypes ?? 'Exclusive');
  if (!LINE_AMOUNT_TYPES.includes(lineAmountTypes))
    problems.add(`LineAmountTypes '${lineAmountTypes}' is not valid.`);

  const approved = status === 'AUTHORISED' || status === 'SUBMITTED';
  const computed = computeLines(
    state,
    input.LineItems ?? existing?.LineItems ?? [],
    {
      side: sideOf(type),
      lineAmountTypes,
      requireAccount: approved,
      unitdp: context.unitdp,
      existing: existing?.LineItems as XeroRecord[] | undefined,
    },
    problems,
    () => state.ids.next(),
  );
  if (approved && computed.lines.length === 0)
    problems.add('You must specify at least one line item for an approved document.');
  if (compare(computed.total, paid) < 0)
    problems.add('The document total cannot be less than the amount already paid.');
  const number = textOf(input[kind.numberField]) ?? (existing?.[kind.numberField] as string | undefined);
  if (number !== undefined && number.length > 255)
    problems.add(`${kind.numberField} cannot exceed 255 characters.`);
  problems.check();

  const issued = date ?? today(context.now);
  const due = dueDate ?? (type === 'ACCREC' && approved ? issued : undefined);
  const reference = input.Reference !== undefined ? input.Reference : existing?.Reference;
  const id = existing?.[kind.idField] ?? state.ids.next();
  const record: XeroRecord =
    entity === 'Invoice'
      ? {
          Type: type,
          InvoiceID: id,
          ...(number !== undefined ? { InvoiceNumber: number } : {}),
          ...(reference !== undefined ? { Reference: reference } : {}),
          Payments: existing?.Payments ?? [],
          CreditNotes: [],
          Prepayments: [],
          Overpayments: [],
          AmountDue: Number(computed.total),
          AmountPaid: 0,
          AmountCredited: 0,
          SentToContact: false,
          CurrencyRate: 1,
          IsDiscounted: false,
          HasAttachments: existing?.HasAttachments ?? false,
          HasErrors: false,
          Contact: { ContactID: contactPart.contact?.ContactID },
          DateString: dateString(issued),
          Date: msDate(issued),
          ...(due !== undefined ? { DueDateString: dateString(due), DueDate: msDate(due) } : {}),
          Status: status,
          LineAmountTypes: lineAmountTypes,
          LineItems: computed.lines,
          SubTotal: Number(computed.subTotal),
          TotalTax: Number(computed.totalTax),
          Total: Number(computed.total),
          UpdatedDateUTC: msDateTime(context.now),
          CurrencyCode: currency,
        }
      : {
          Type: type,
          CreditNoteID: id,
          ...(number !== undefined ? { CreditNoteNumber: number } : {}),
          ...(reference !== undefined ? { Reference: reference } : {}),
          Payments: existing?.Payments ?? [],
          Allocations: [],
          RemainingCredit: Number(computed.total),
          CurrencyRate: 1,
          HasAttachments: existing?.HasAttachments ?? false,
          HasErrors: false,
          Contact: { ContactID: contactPart.contact?.ContactID },
          DateString: dateString(issued),
          Date: msDate(issued),
          ...(due !== undefined ? { DueDate: msDate(due) } : {}),
          Status: status,
          LineAmountTypes: lineAmountTypes,
          LineItems: computed.lines,
          SubTotal: Number(computed.subTotal),
          TotalTax: Number(computed.totalTax),
          Total: Number(computed.total),
          UpdatedDateUTC: msDateTime(context.now),
          CurrencyCode: currency,
        };
  return { record, createContactName: contactPart.createName };
}

function commit(
  state: OrganisationState,
  entity: DocumentEntity,
  prepared: Prepared,
  context: WriteContext,
  isNew: boolean,
): XeroRecord {
  const kind = DOCUMENT_KINDS[entity];
  const { record } = prepared;
  if (prepared.createContactName !== undefined) {
    const contact = createContact(state, { Name: prepared.createContactName }, context);
    record.Contact = { ContactID: contact.ContactID };
  }
  if (isNew && record[kind.numberField] === undefined) {
    if (record.Type === 'ACCREC') record.InvoiceNumber = nextNumber(state, 'INV');
    if (record.Type === 'ACCRECCREDIT') record.CreditNoteNumber = nextNumber(state, 'CN');
  }
  putRecord(state, entity, record);
  settleDocument(state, entity, record, context.now);
  const contact = getRecord(state, 'Contact', (record.Contact as XeroRecord).ContactID);
  if (contact && record.Status !== 'DELETED')
    markContactRole(contact, sideOf(String(record.Type)) === 'sales' ? 'customer' : 'supplier', context.now);
  return record;
}

export function createDocument(
  state: OrganisationState,
  entity: DocumentEntity,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  return commit(state, entity, prepare(state, entity, undefined, input, context), context, true);
}

export function updateDocument(
  state: OrganisationState,
  entity: DocumentEntity,
  existing: XeroRecord,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  return commit(state, entity, prepare(state, entity, existing, input, context), context, false);
}
