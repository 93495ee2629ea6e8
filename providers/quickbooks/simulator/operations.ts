/**
 * The write operations of the QBO entity endpoints: create, update (full or sparse, guarded by SyncToken),
 * delete and void. Each one validates everything before it changes anything, so a rejected write leaves
 * the company untouched, then stores the record and settles the balances it moved.
 */
import {
  detachPayments,
  emptyTouched,
  markTouched,
  type SettlementKind,
  settleBalances,
} from './balances.js';
import { applyDefaults, defaultDocNumber } from './defaults.js';
import {
  isCreatable,
  isTransaction,
  isUpdatable,
  isVoidable,
  type QuickBooksEntityName,
  type QuickBooksRecord,
} from './entities.js';
import {
  businessValidation,
  invalidProperty,
  objectNotFound,
  requiredParamMissing,
  staleObject,
  unsupportedOperation,
} from './errors.js';
import { isObject } from './json.js';
import { resolveReferences } from './references.js';
import { type CompanyTables, copyRecord } from './store.js';
import { metaDataTime } from './time.js';
import { computeTotals, zeroAmounts } from './totals.js';
import { checkPropertyNames, checkRequired, checkUniqueName } from './validation.js';

/** Fields only the server sets; a client's values for them are ignored, as QBO ignores them. */
const SERVER_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

/** Fields QBO computes from the rest of the record (totals, balances, derived names). */
const DERIVED_FIELDS: Readonly<Partial<Record<QuickBooksEntityName, readonly string[]>>> = {
  Invoice: ['TotalAmt', 'Balance', 'LinkedTxn', 'HomeBalance', 'HomeTotalAmt'],
  CreditMemo: ['TotalAmt', 'Balance', 'RemainingCredit', 'HomeBalance', 'HomeTotalAmt'],
  Bill: ['TotalAmt', 'Balance', 'LinkedTxn', 'HomeBalance'],
  Purchase: ['TotalAmt'],
  JournalEntry: ['TotalAmt'],
  Payment: ['UnappliedAmt'],
  Customer: ['Balance', 'BalanceWithJobs', 'FullyQualifiedName'],
  Vendor: ['Balance'],
  Account: ['FullyQualifiedName', 'Classification', 'CurrentBalance', 'CurrentBalanceWithSubAccounts'],
  Item: ['FullyQualifiedName'],
};

/** Fields the server owns and nothing recomputes, so an update carries them over from the stored record. */
const KEPT_FIELDS: Readonly<Partial<Record<QuickBooksEntityName, readonly string[]>>> = {
  Attachable: ['Size', 'FileAccessUri', 'TempDownloadUri'],
  Account: ['CurrentBalance', 'CurrentBalanceWithSubAccounts'],
};

/** The client-writable part of a record: a deep copy without server-set, derived and kept fields. */
function writableFields(entity: QuickBooksEntityName, record: QuickBooksRecord): QuickBooksRecord {
  const copy = copyRecord(record);
  const readOnly = [...SERVER_FIELDS, ...(DERIVED_FIELDS[entity] ?? []), ...(KEPT_FIELDS[entity] ?? [])];
  for (const field of readOnly) delete copy[field];
  return copy;
}

function keepServerFields(
  entity: QuickBooksEntityName,
  from: QuickBooksRecord,
  into: QuickBooksRecord,
): void {
  for (const field of KEPT_FIELDS[entity] ?? []) {
    if (from[field] !== undefined) into[field] = copyRecord(from[field]);
  }
}

/** Everything QBO checks and derives for a record about to be stored; throws before any state changes. */
function prepare(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  record: QuickBooksRecord,
  selfId: string | undefined,
  now: number,
): void {
  checkRequired(entity, record);
  resolveReferences(tables, entity, record);
  checkUniqueName(tables, entity, record, selfId);
  applyDefaults(entity, record, now);
  computeTotals(tables, entity, record, selfId);
}

function settleAfter(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  now: number,
  ...records: (QuickBooksRecord | undefined)[]
): void {
  const touched = emptyTouched();
  markTouched(touched, entity, ...records);
  settleBalances(tables, touched, now);
}

/** Options for {@link createRecord}. */
export interface CreateOptions {
  /** The instant the write happens (CreateTime, default TxnDate). */
  now: number;
  /** A fixed id instead of the next in sequence (seed data such as TaxCode `TAX`). */
  id?: string;
  /** Seed and test helpers may create what the API cannot (TaxCode, TaxRate, CompanyInfo). */
  trusted?: boolean;
  /** Server-owned fields to store as given, e.g. an uploaded attachment's Size. */
  serverFields?: QuickBooksRecord;
}

/**
 * Creates a record from a client body and returns the stored object.
 *
 * @throws {SimulatorFault} for any validation failure; nothing is stored then.
 */
export function createRecord(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  input: QuickBooksRecord,
  options: CreateOptions,
): QuickBooksRecord {
  if (options.trusted !== true && !isCreatable(entity)) throw unsupportedOperation(`Create on ${entity}`);
  checkPropertyNames(input);
  const record = writableFields(entity, input);
  if (options.serverFields !== undefined) keepServerFields(entity, options.serverFields, record);
  prepare(tables, entity, record, undefined, options.now);
  const id = options.id ?? tables.nextId(entity);
  const docNumber = defaultDocNumber(entity, id);
  if (record.DocNumber === undefined && docNumber !== undefined) record.DocNumber = docNumber;
  const time = metaDataTime(options.now);
  const stored = {
    ...record,
    domain: 'QBO',
    sparse: false,
    Id: id,
    SyncToken: '0',
    MetaData: { CreateTime: time, LastUpdatedTime: time },
  };
  tables.put(entity, stored);
  settleAfter(tables, entity, options.now, stored);
  return stored;
}

function idOf(input: QuickBooksRecord): string {
  const id = input.Id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  throw requiredParamMissing('Id');
}

/** The stored record a client's `{ Id, SyncToken }` names, after checking the token. */
function currentVersion(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  input: QuickBooksRecord,
  checkSyncToken: boolean,
): QuickBooksRecord & { Id: string } {
  const id = idOf(input);
  const existing = tables.get(entity, id);
  if (existing === undefined) throw objectNotFound();
  if (checkSyncToken) {
    if (input.SyncToken === undefined || input.SyncToken === null) throw requiredParamMissing('SyncToken');
    if (String(input.SyncToken) !== existing.SyncToken) throw staleObject();
  }
  return { ...existing, Id: id };
}

function nextVersion(
  existing: QuickBooksRecord,
  record: QuickBooksRecord,
  now: number,
): QuickBooksRecord & { Id: string } {
  const metaData = isObject(existing.MetaData) ? existing.MetaData : {};
  return {
    ...record,
    domain: 'QBO',
    sparse: false,
    Id: String(existing.Id),
    SyncToken: String(Number(existing.SyncToken) + 1),
    MetaData: { ...metaData, LastUpdatedTime: metaDataTime(now) },
  };
}

/** Options for {@link updateRecord}. */
export interface UpdateOptions {
  now: number;
  /** The API insists on the current SyncToken; test helpers skip the check. */
  checkSyncToken: boolean;
}

/**
 * Updates a record. With `sparse: true` in the body the given top-level fields replace the stored ones
 * (a `Line` array replaces all lines, as in QBO); otherwise the body replaces the whole record and
 * omitted fields are cleared. Either way SyncToken goes up by one.
 *
 * @throws {SimulatorFault} 610 for an unknown Id, 5010 for a stale SyncToken, or any create-time failure.
 */
export function updateRecord(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  input: QuickBooksRecord,
  options: UpdateOptions,
): QuickBooksRecord {
  if (!isUpdatable(entity)) throw unsupportedOperation(`Update on ${entity}`);
  checkPropertyNames(input);
  const existing = currentVersion(tables, entity, input, options.checkSyncToken);
  const changes = writableFields(entity, input);
  const record = input.sparse === true ? { ...writableFields(entity, existing), ...changes } : changes;
  keepServerFields(entity, existing, record);
  prepare(tables, entity, record, existing.Id, options.now);
  const stored = nextVersion(existing, record, options.now);
  tables.put(entity, stored);
  settleAfter(tables, entity, options.now, existing, stored);
  return stored;
}

const SETTLED_DOCUMENTS: Readonly<Partial<Record<QuickBooksEntityName, SettlementKind>>> = {
  Invoice: 'receivable',
  Bill: 'payable',
};

/** What a delete answers with: QBO returns only the id and the new status. */
export interface DeletedRecord {
  Id: string;
  status: 'Deleted';
  domain: 'QBO';
}

/**
 * Deletes a transaction. Payments applied to a deleted invoice or bill keep their money, now unapplied.
 * Name-list entities are never deleted in QBO; callers make them inactive with a sparse update instead.
 *
 * @throws {SimulatorFault} 6000 for a name-list entity, 610 for an unknown Id, 5010 for a stale SyncToken.
 */
export function deleteRecord(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  input: QuickBooksRecord,
  now: number,
): DeletedRecord {
  if (!isTransaction(entity)) {
    if (!isUpdatable(entity) || entity === 'CompanyInfo') throw unsupportedOperation(`Delete on ${entity}`);
    throw businessValidation(`A ${entity} cannot be deleted. Make it inactive instead.`);
  }
  const existing = currentVersion(tables, entity, input, true);
  const kind = SETTLED_DOCUMENTS[entity];
  if (kind !== undefined) detachPayments(tables, kind, existing.Id, now);
  tables.remove(entity, existing.Id);
  settleAfter(tables, entity, now, existing);
  return { Id: existing.Id, status: 'Deleted', domain: 'QBO' };
}

/**
 * Voids an invoice, payment or bill payment: amounts go to zero, the memo becomes "Voided", and the
 * balances the document moved are restored. A voided invoice's payments keep their money, now unapplied.
 *
 * @throws {SimulatorFault} 500 for entities QBO cannot void, 610 for an unknown Id, 5010 for a stale SyncToken.
 */
export function voidRecord(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  input: QuickBooksRecord,
  now: number,
): QuickBooksRecord {
  if (!isVoidable(entity)) throw unsupportedOperation(`Void on ${entity}`);
  const existing = currentVersion(tables, entity, input, true);
  const kind = SETTLED_DOCUMENTS[entity];
  if (kind !== undefined) detachPayments(tables, kind, existing.Id, now);
  const record = writableFields(entity, existing);
  zeroAmounts(record);
  computeTotals(tables, entity, record, existing.Id);
  const stored = nextVersion(existing, record, now);
  tables.put(entity, stored);
  settleAfter(tables, entity, now, existing, stored);
  return stored;
}

/** Parses a write body: QBO takes the bare entity object, not wrapped in `{ "Invoice": … }`. */
export function parseEntityBody(bodyText: string | undefined): QuickBooksRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText ?? '');
  } catch {
    throw invalidProperty('(request body is not valid JSON)');
  }
  if (!isObject(parsed)) throw invalidProperty('(request body is not a JSON object)');
  return parsed;
}
