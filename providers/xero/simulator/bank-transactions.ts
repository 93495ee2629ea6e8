/**
 * Bank transactions: spend and receive money from a bank account, with a contact and account-coded lines.
 * They can be deleted or voided while unreconciled.
 */
import { findAccount } from './accounts.js';
import { Problems } from './errors.js';
import { computeLines } from './lines.js';
import {
  baseCurrency,
  getRecord,
  isObject,
  type OrganisationState,
  recordWriters,
  textOf,
  type WriteContext,
  type XeroRecord,
} from './state.js';
import { dateString, msDate, msDateTime, requestDate, today } from './time.js';

const TYPES = ['SPEND', 'RECEIVE'];
const TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  AUTHORISED: ['AUTHORISED', 'DELETED', 'VOIDED'],
  DELETED: [],
  VOIDED: [],
};

function build(
  state: OrganisationState,
  existing: XeroRecord | undefined,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const problems = new Problems();
  const type = String(input.Type ?? existing?.Type ?? '');
  if (!TYPES.includes(type)) problems.add(`Bank transaction Type '${type}' is not supported.`);
  const from = existing ? String(existing.Status) : undefined;
  const status = String(input.Status ?? from ?? 'AUTHORISED');
  if (!from && status !== 'AUTHORISED')
    problems.add(`Status '${status}' is not valid for a new bank transaction.`);
  if (from && !(TRANSITIONS[from] ?? []).includes(status)) {
    problems.add(`This bank transaction cannot be edited as it has been ${from.toLowerCase()}.`);
  }
  if (existing?.IsReconciled === true && status !== from)
    problems.add('A reconciled bank transaction cannot be changed.');

  const bankReference = input.BankAccount ?? existing?.BankAccount;
  const bank = findAccount(state, bankReference);
  if (bankReference === undefined) problems.add('A BankAccount must be specified.');
  else if (bank?.Type !== 'BANK' || bank.Status !== 'ACTIVE')
    problems.add('The BankAccount is not a valid bank account.');

  const contactReference = input.Contact ?? existing?.Contact;
  const contact = isObject(contactReference)
    ? getRecord(state, 'Contact', contactReference.ContactID)
    : undefined;
  if (!isObject(contactReference)) problems.add('A Contact must be specified for this type of transaction.');
  else if (!contact)
    problems.add(`The contact with ContactID ${String(contactReference.ContactID)} could not be found.`);

  const date =
    input.Date !== undefined
      ? requestDate(input.Date)
      : existing
        ? requestDate(existing.Date)
        : today(context.now);
  if (date === undefined) problems.add(`The date ${String(input.Date)} is not a valid date.`);
  const currency = String(
    input.CurrencyCode ?? existing?.CurrencyCode ?? bank?.CurrencyCode ?? baseCurrency(state),
  );
  if (!state.currencies.includes(currency))
    problems.add(`The currency ${currency} is not enabled for this organisation.`);
  const lineAmountTypes = String(input.LineAmountTypes ?? existing?.LineAmountTypes ?? 'Exclusive');
  const computed = computeLines(
    state,
    input.LineItems ?? existing?.LineItems ?? [],
    {
      side: type === 'SPEND' ? 'purchases' : 'sales',
      lineAmountTypes,
      requireAccount: true,
      unitdp: context.unitdp,
      existing: existing?.LineItems as XeroRecord[] | undefined,
    },
    problems,
    () => state.ids.next(),
  );
  if (computed.lines.length === 0) problems.add('You must specify at least one line item.');
  problems.check();
  const issued = date ?? today(context.now);
  const reference = input.Reference !== undefined ? textOf(input.Reference) : existing?.Reference;
  return {
    BankTransactionID: existing?.BankTransactionID ?? state.ids.next(),
    BankAccount: { AccountID: bank?.AccountID, Code: bank?.Code, Name: bank?.Name },
    Type: type,
    ...(reference !== undefined ? { Reference: reference } : {}),
    IsReconciled: existing?.IsReconciled ?? false,
    HasAttachments: existing?.HasAttachments ?? false,
    Contact: { ContactID: contact?.ContactID },
    DateString: dateString(issued),
    Date: msDate(issued),
    Status: status,
    LineAmountTypes: lineAmountTypes,
    LineItems: computed.lines,
    SubTotal: Number(computed.subTotal),
    TotalTax: Number(computed.totalTax),
    Total: Number(computed.total),
    UpdatedDateUTC: msDateTime(context.now),
    CurrencyCode: currency,
  };
}

export const { create: createBankTransaction, update: updateBankTransaction } = recordWriters(
  'BankTransaction',
  build,
);
