/**
 * Direct access to the simulated company for tests: arrange data without HTTP, and inspect state after the
 * SDK ran. Inserts and updates go through the same rules as API writes (references, totals, balances), so
 * arranged data is as consistent as data the SDK wrote.
 */
import { entityFromName, type QuickBooksEntityName, type QuickBooksRecord } from './entities.js';
import { createRecord, updateRecord } from './operations.js';
import { type CompanyTables, copyRecord } from './store.js';

/** The in-memory company behind a simulator. Every record handed out is a deep copy. */
export interface QuickBooksCompany {
  /**
   * Creates a record as `POST /{entity}` would (Id, SyncToken '0', MetaData, totals and balances), also for
   * entities the API cannot create (TaxCode, TaxRate). Throws the QBO fault for invalid data.
   *
   * @example
   * const invoice = sim.company.insert('Invoice', {
   *   CustomerRef: { value: '1' },
   *   Line: [{ Amount: 125, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }],
   * });
   */
  insert(entityName: QuickBooksEntityName, record: QuickBooksRecord): QuickBooksRecord;
  /** The record with this Id, or undefined (deleted records are gone). */
  get(entityName: QuickBooksEntityName, id: string): QuickBooksRecord | undefined;
  /** Every record of the entity in Id order, inactive and voided ones included. */
  list(entityName: QuickBooksEntityName): QuickBooksRecord[];
  /**
   * Sparse-updates a record without a SyncToken check (SyncToken still goes up), e.g. to make a customer
   * inactive behind the SDK's back or to simulate another user's edit.
   */
  update(entityName: QuickBooksEntityName, id: string, changes: QuickBooksRecord): QuickBooksRecord;
}

/** Accepts any casing at runtime, since JavaScript callers are not held to the type. */
function entity(name: string): QuickBooksEntityName {
  const resolved = entityFromName(name);
  if (resolved === undefined) throw new TypeError('Unknown QuickBooks entity name');
  return resolved;
}

export function createCompanyApi(tables: CompanyTables): QuickBooksCompany {
  return {
    insert: (entityName, record) =>
      copyRecord(createRecord(tables, entity(entityName), record, { now: Date.now(), trusted: true })),
    get(entityName, id) {
      const record = tables.get(entity(entityName), id);
      return record === undefined ? undefined : copyRecord(record);
    },
    list: (entityName) => tables.all(entity(entityName)).map(copyRecord),
    update: (entityName, id, changes) =>
      copyRecord(
        updateRecord(
          tables,
          entity(entityName),
          { ...changes, Id: id, sparse: true },
          {
            now: Date.now(),
            checkSyncToken: false,
          },
        ),
      ),
  };
}
