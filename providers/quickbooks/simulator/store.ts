/**
 * The in-memory company: one table per entity, ids allocated per entity type from 1 in creation order (as
 * QBO numbers Customer 1, 2, … and Invoice 1, 2, … independently). It stores records and allocates ids;
 * the rules about what may be written live in operations.ts and accounting.ts.
 */
import { QUICKBOOKS_ENTITY_NAMES, type QuickBooksEntityName, type QuickBooksRecord } from './entities.js';

/** The raw tables. Records handed out are the stored objects; callers copy before giving them away. */
export interface CompanyTables {
  /** The stored record, or undefined. */
  get(entity: QuickBooksEntityName, id: string): QuickBooksRecord | undefined;
  /** Stored records in creation order. */
  all(entity: QuickBooksEntityName): QuickBooksRecord[];
  /** Stores (or replaces) a record under its `Id`. */
  put(entity: QuickBooksEntityName, record: QuickBooksRecord & { Id: string }): void;
  /** Removes a record; true when it existed. */
  remove(entity: QuickBooksEntityName, id: string): boolean;
  /** The next numeric id for an entity type. */
  nextId(entity: QuickBooksEntityName): string;
  /** Empties every table and restarts every id sequence. */
  clear(): void;
}

export function createCompanyTables(): CompanyTables {
  const tables = new Map<QuickBooksEntityName, Map<string, QuickBooksRecord>>();
  const sequences = new Map<QuickBooksEntityName, number>();
  const table = (entity: QuickBooksEntityName): Map<string, QuickBooksRecord> => {
    let found = tables.get(entity);
    if (found === undefined) {
      found = new Map();
      tables.set(entity, found);
    }
    return found;
  };
  return {
    get: (entity, id) => table(entity).get(id),
    // A Map keeps insertion order, and ids are allocated in insertion order, so this is also Id order.
    all: (entity) => [...table(entity).values()],
    put(entity, record) {
      table(entity).set(record.Id, record);
    },
    remove: (entity, id) => table(entity).delete(id),
    nextId(entity) {
      const next = (sequences.get(entity) ?? 0) + 1;
      sequences.set(entity, next);
      return String(next);
    },
    clear() {
      for (const entity of QUICKBOOKS_ENTITY_NAMES) table(entity).clear();
      sequences.clear();
    },
  };
}

/** A deep copy that shares nothing with the store, so callers cannot edit stored state by accident. */
export function copyRecord<T>(record: T): T {
  return structuredClone(record);
}
