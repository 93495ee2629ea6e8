/**
 * Records as Xero answers them: nested contact summaries and balances as they are now, payment documents in
 * short form, and unit amounts at the places the request asked for (`unitdp`). Every record handed out is a
 * copy.
 */
import { contactSummary } from './contacts.js';
import { add, decimalOf, round } from './decimal.js';
import { isOpen } from './documents.js';
import {
  allRecords,
  copy,
  getRecord,
  isObject,
  type OrganisationState,
  type XeroEntityName,
  type XeroRecord,
} from './state.js';
import { calendarDate, today } from './time.js';

export interface RenderOptions {
  readonly now: number;
  readonly unitdp: number;
  /** Leave line items out (Xero's invoice list without `page`). */
  readonly withoutLines?: boolean | undefined;
}

interface Balance {
  outstanding: string;
  overdue: string;
}

function balances(
  state: OrganisationState,
  now: number,
): Map<string, { receivable: Balance; payable: Balance }> {
  const result = new Map<string, { receivable: Balance; payable: Balance }>();
  const date = today(now);
  const entry = (contactId: string) => {
    let found = result.get(contactId);
    if (!found) {
      found = { receivable: { outstanding: '0', overdue: '0' }, payable: { outstanding: '0', overdue: '0' } };
      result.set(contactId, found);
    }
    return found;
  };
  for (const entity of ['Invoice', 'CreditNote'] as const) {
    for (const document of allRecords(state, entity)) {
      if (!isOpen(document.Status) || !isObject(document.Contact)) continue;
      const owed = decimalOf(entity === 'Invoice' ? document.AmountDue : document.RemainingCredit) ?? '0';
      const signed = entity === 'Invoice' ? owed : `-${owed}`.replace('--', '');
      const side = document.Type === 'ACCREC' || document.Type === 'ACCRECCREDIT' ? 'receivable' : 'payable';
      const balance = entry(String(document.Contact.ContactID).toLowerCase())[side];
      balance.outstanding = add(balance.outstanding, signed);
      const due = calendarDate(document.DueDate);
      if (entity === 'Invoice' && due !== undefined && due < date)
        balance.overdue = add(balance.overdue, signed);
    }
  }
  return result;
}

/** Renders records of one answer; contact balances are computed once per answer. */
export function createRenderer(state: OrganisationState, options: RenderOptions) {
  let balanceCache: ReturnType<typeof balances> | undefined;
  const contactOf = (reference: unknown): XeroRecord => {
    const id = isObject(reference) ? reference.ContactID : undefined;
    return contactSummary(getRecord(state, 'Contact', id), id);
  };
  const lines = (record: XeroRecord): unknown =>
    (record.LineItems as XeroRecord[]).map((line) =>
      options.unitdp === 4 || line.UnitAmount === undefined
        ? line
        : { ...line, UnitAmount: Number(round(decimalOf(line.UnitAmount) ?? '0', 2)) },
    );
  const documentSummary = (entity: 'Invoice' | 'CreditNote', reference: unknown): XeroRecord => {
    const id = isObject(reference)
      ? reference[entity === 'Invoice' ? 'InvoiceID' : 'CreditNoteID']
      : undefined;
    const document = getRecord(state, entity, id);
    if (!document) return isObject(reference) ? reference : {};
    return entity === 'Invoice'
      ? {
          Type: document.Type,
          InvoiceID: document.InvoiceID,
          ...(document.InvoiceNumber !== undefined ? { InvoiceNumber: document.InvoiceNumber } : {}),
          Payments: [],
          CreditNotes: [],
          Prepayments: [],
          Overpayments: [],
          HasErrors: false,
          IsDiscounted: false,
          Contact: contactOf(document.Contact),
          LineItems: [],
          CurrencyCode: document.CurrencyCode,
        }
      : {
          Type: document.Type,
          CreditNoteID: document.CreditNoteID,
          ...(document.CreditNoteNumber !== undefined ? { CreditNoteNumber: document.CreditNoteNumber } : {}),
          Contact: contactOf(document.Contact),
          LineItems: [],
          CurrencyCode: document.CurrencyCode,
        };
  };

  return function render(entity: XeroEntityName, stored: XeroRecord): XeroRecord {
    const record = copy(stored);
    switch (entity) {
      case 'Invoice':
      case 'CreditNote':
      case 'BankTransaction':
        record.Contact = contactOf(stored.Contact);
        if (options.withoutLines && entity === 'Invoice') delete record.LineItems;
        else record.LineItems = lines(stored);
        return record;
      case 'Payment':
        if (isObject(stored.Invoice)) record.Invoice = documentSummary('Invoice', stored.Invoice);
        if (isObject(stored.CreditNote)) record.CreditNote = documentSummary('CreditNote', stored.CreditNote);
        return record;
      case 'Contact': {
        balanceCache ??= balances(state, options.now);
        const balance = balanceCache.get(String(stored.ContactID).toLowerCase());
        const amounts = (side: Balance | undefined) => ({
          Outstanding: Number(round(side?.outstanding ?? '0', 2)),
          Overdue: Number(round(side?.overdue ?? '0', 2)),
        });
        record.Balances = {
          AccountsReceivable: amounts(balance?.receivable),
          AccountsPayable: amounts(balance?.payable),
        };
        return record;
      }
      default:
        return record;
    }
  };
}
