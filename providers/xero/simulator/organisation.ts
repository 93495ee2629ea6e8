/**
 * Direct access to the simulated organisation for tests: arrange data without HTTP and inspect state after
 * the SDK ran. Inserts and updates go through the same rules as API writes (references, totals, balances),
 * so arranged data is as consistent as data the SDK wrote. Every record handed out is a copy, rendered as
 * `GET` would answer it.
 */
import { createAccount, updateAccount } from './accounts.js';
import { createBankTransaction, updateBankTransaction } from './bank-transactions.js';
import { createContact, updateContact } from './contacts.js';
import { createDocument, updateDocument } from './documents.js';
import { ValidationFailure } from './errors.js';
import { createItem, updateItem } from './items.js';
import { createJournal, updateJournal } from './journals.js';
import { createPayment, deletePayment } from './payments.js';
import { createRenderer } from './render.js';
import {
  allRecords,
  copy,
  getRecord,
  type OrganisationState,
  putRecord,
  type WriteContext,
  type XeroEntityName,
  type XeroRecord,
} from './state.js';

/** The in-memory organisation behind a simulator. */
export interface XeroOrganisation {
  /**
   * Creates a record as `PUT /{Endpoint}` would (ids, totals, balances, contact flags), also for entities
   * the API cannot create here (TaxRate). Throws an Error listing Xero's validation messages.
   *
   * @example
   * sim.organisation.insert('Contact', { Name: 'Test Patient Zulu (SYNTHETIC)' });
   */
  insert(entity: XeroEntityName, record: XeroRecord): XeroRecord;
  /** The record with this id, or undefined. */
  get(entity: XeroEntityName, id: string): XeroRecord | undefined;
  /** Every record of the entity in creation order, archived, voided and deleted ones included. */
  list(entity: XeroEntityName): XeroRecord[];
  /** Changes a record as `POST /{Endpoint}/{id}` would, e.g. to archive a contact behind the SDK's back. */
  update(entity: XeroEntityName, id: string, changes: XeroRecord): XeroRecord;
  /** The Organisation record. */
  details(): XeroRecord;
}

function rethrow(error: unknown): never {
  if (error instanceof ValidationFailure) {
    const messages = [
      ...error.problems.messages,
      ...[...error.problems.lines.values()].flatMap((lines) => [...lines.values()].flat()),
    ];
    throw new Error(`Xero would refuse this record: ${messages.join(' ')}`);
  }
  throw error;
}

export function createOrganisationApi(state: OrganisationState): XeroOrganisation {
  const context = (): WriteContext => ({ now: Date.now(), unitdp: 4 });
  const render = (entity: XeroEntityName, record: XeroRecord) =>
    createRenderer(state, { now: Date.now(), unitdp: 4 })(entity, record);
  const create = (entity: XeroEntityName, record: XeroRecord): XeroRecord => {
    switch (entity) {
      case 'Invoice':
      case 'CreditNote':
        return createDocument(state, entity, record, context());
      case 'Payment':
        return createPayment(state, record, context());
      case 'Contact':
        return createContact(state, record, context());
      case 'Account':
        return createAccount(state, record, context(), true);
      case 'Item':
        return createItem(state, record, context());
      case 'ManualJournal':
        return createJournal(state, record, context());
      case 'BankTransaction':
        return createBankTransaction(state, record, context());
      case 'TaxRate':
        putRecord(state, 'TaxRate', copy(record));
        return record;
    }
  };
  const change = (entity: XeroEntityName, existing: XeroRecord, changes: XeroRecord): XeroRecord => {
    switch (entity) {
      case 'Invoice':
      case 'CreditNote':
        return updateDocument(state, entity, existing, changes, context());
      case 'Payment':
        return deletePayment(state, existing, changes, context());
      case 'Contact':
        return updateContact(state, existing, changes, context());
      case 'Account':
        return updateAccount(state, existing, changes, context());
      case 'Item':
        return updateItem(state, existing, changes, context());
      case 'ManualJournal':
        return updateJournal(state, existing, changes, context());
      case 'BankTransaction':
        return updateBankTransaction(state, existing, changes, context());
      case 'TaxRate': {
        const updated = { ...existing, ...changes };
        putRecord(state, 'TaxRate', updated);
        return updated;
      }
    }
  };
  return {
    insert(entity, record) {
      try {
        return render(entity, create(entity, copy(record)));
      } catch (error) {
        return rethrow(error);
      }
    },
    get(entity, id) {
      const record = getRecord(state, entity, id);
      return record === undefined ? undefined : render(entity, record);
    },
    list(entity) {
      const renderer = createRenderer(state, { now: Date.now(), unitdp: 4 });
      return allRecords(state, entity).map((record) => renderer(entity, record));
    },
    update(entity, id, changes) {
      const existing = getRecord(state, entity, id);
      if (!existing) throw new TypeError(`No ${entity} with that id`);
      try {
        return render(entity, change(entity, existing, copy(changes)));
      } catch (error) {
        return rethrow(error);
      }
    },
    details: () => copy(state.organisation),
  };
}
