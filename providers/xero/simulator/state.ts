/**
 * The in-memory organisation: one table per Xero entity, keyed by lower-case GUID in creation order, plus
 * the Organisation record, attachments per parent and the document number sequences. Rules about what may
 * be written live in the entity modules.
 */
import type { IdSource } from './ids.js';

/** The Xero entities the simulator keeps. */
export const XERO_ENTITY_NAMES = [
  'Invoice',
  'CreditNote',
  'Payment',
  'Contact',
  'Account',
  'Item',
  'TaxRate',
  'ManualJournal',
  'BankTransaction',
] as const;

export type XeroEntityName = (typeof XERO_ENTITY_NAMES)[number];

/** A record as Xero's JSON has it. */
export type XeroRecord = Record<string, unknown>;

/** Each entity's id field. */
export const ID_FIELDS: Readonly<Record<XeroEntityName, string>> = {
  Invoice: 'InvoiceID',
  CreditNote: 'CreditNoteID',
  Payment: 'PaymentID',
  Contact: 'ContactID',
  Account: 'AccountID',
  Item: 'ItemID',
  TaxRate: 'TaxType',
  ManualJournal: 'ManualJournalID',
  BankTransaction: 'BankTransactionID',
};

/** What a write needs to know about its request. */
export interface WriteContext {
  readonly now: number;
  /** Decimal places of unit amounts the request asked for (`unitdp`): 2 or 4. */
  readonly unitdp: number;
}

export interface OrganisationState {
  readonly tables: Map<XeroEntityName, Map<string, XeroRecord>>;
  organisation: XeroRecord;
  /** Currencies the organisation may transact in; the first is the base currency. */
  currencies: string[];
  /** Attachments by parent (`Invoices:<id>`); only their metadata, never the bytes. */
  readonly attachments: Map<string, XeroRecord[]>;
  readonly ids: IdSource;
  readonly sequences: Map<string, number>;
}

export function createState(ids: IdSource): OrganisationState {
  return {
    tables: new Map(XERO_ENTITY_NAMES.map((name) => [name, new Map()])),
    organisation: {},
    currencies: ['USD'],
    attachments: new Map(),
    ids,
    sequences: new Map(),
  };
}

export function clearState(state: OrganisationState): void {
  for (const table of state.tables.values()) table.clear();
  state.attachments.clear();
  state.sequences.clear();
  state.ids.reset();
  state.organisation = {};
  state.currencies = ['USD'];
}

function table(state: OrganisationState, entity: XeroEntityName): Map<string, XeroRecord> {
  const found = state.tables.get(entity);
  if (!found) throw new TypeError('Unknown Xero entity');
  return found;
}

/** The stored record (not a copy), or undefined. */
export function getRecord(
  state: OrganisationState,
  entity: XeroEntityName,
  id: unknown,
): XeroRecord | undefined {
  return typeof id === 'string' ? table(state, entity).get(id.toLowerCase()) : undefined;
}

/** Stored records in creation order (not copies). */
export function allRecords(state: OrganisationState, entity: XeroEntityName): XeroRecord[] {
  return [...table(state, entity).values()];
}

export function putRecord(state: OrganisationState, entity: XeroEntityName, record: XeroRecord): void {
  table(state, entity).set(String(record[ID_FIELDS[entity]]).toLowerCase(), record);
}

/** Builds a record from a write: `existing` is undefined for a create. Throws a ValidationFailure. */
export type RecordBuilder = (
  state: OrganisationState,
  existing: XeroRecord | undefined,
  input: XeroRecord,
  context: WriteContext,
) => XeroRecord;

/** Create and update for an entity whose records are built the same way either way, then stored. */
export function recordWriters(entity: XeroEntityName, build: RecordBuilder) {
  return {
    create(state: OrganisationState, input: XeroRecord, context: WriteContext): XeroRecord {
      const record = build(state, undefined, input, context);
      putRecord(state, entity, record);
      return record;
    },
    update(
      state: OrganisationState,
      existing: XeroRecord,
      input: XeroRecord,
      context: WriteContext,
    ): XeroRecord {
      const record = build(state, existing, input, context);
      putRecord(state, entity, record);
      return record;
    },
  };
}

export function removeRecord(state: OrganisationState, entity: XeroEntityName, id: string): boolean {
  return table(state, entity).delete(id.toLowerCase());
}

/** The next number of a sequence (`INV`, `CN`), formatted as Xero numbers documents: `INV-0007`. */
export function nextNumber(state: OrganisationState, prefix: string): string {
  const next = (state.sequences.get(prefix) ?? 0) + 1;
  state.sequences.set(prefix, next);
  return `${prefix}-${String(next).padStart(4, '0')}`;
}

/** The base currency. */
export function baseCurrency(state: OrganisationState): string {
  return state.currencies[0] ?? 'USD';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy that shares nothing with the store. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Text in a request: a string, trimmed; undefined for anything else or empty. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
