/**
 * Reference checking. QBO rejects a write whose `…Ref` or `LinkedTxn` points at nothing (2500) or at an
 * inactive name (610), and fills in each reference's `name` on the way back; the simulator does both.
 */
import {
  entityForTxnType,
  entityFromName,
  isNameList,
  type QuickBooksEntityName,
  type QuickBooksRecord,
} from './entities.js';
import { invalidProperty, invalidReference, objectNotFound, requiredParamMissing } from './errors.js';
import { isObject } from './json.js';
import type { CompanyTables } from './store.js';

/** Where a reference sits (`*` steps into every array item) and which entity it must name. */
interface ReferenceRule {
  readonly path: readonly string[];
  /** A fixed entity, or one read from the reference (`EntityRef.type`) or its holder (`Entity.Type`). */
  readonly target: QuickBooksEntityName | 'fromType';
}

const rule = (target: ReferenceRule['target'], ...path: string[]): ReferenceRule => ({ path, target });

const SALES_LINES: readonly ReferenceRule[] = [
  rule('Item', 'Line', '*', 'SalesItemLineDetail', 'ItemRef'),
  rule('TaxCode', 'Line', '*', 'SalesItemLineDetail', 'TaxCodeRef'),
  rule('TaxCode', 'TxnTaxDetail', 'TxnTaxCodeRef'),
];

const EXPENSE_LINES: readonly ReferenceRule[] = [
  rule('Account', 'Line', '*', 'AccountBasedExpenseLineDetail', 'AccountRef'),
  rule('Customer', 'Line', '*', 'AccountBasedExpenseLineDetail', 'CustomerRef'),
  rule('TaxCode', 'Line', '*', 'AccountBasedExpenseLineDetail', 'TaxCodeRef'),
  rule('Item', 'Line', '*', 'ItemBasedExpenseLineDetail', 'ItemRef'),
  rule('Customer', 'Line', '*', 'ItemBasedExpenseLineDetail', 'CustomerRef'),
  rule('TaxCode', 'Line', '*', 'ItemBasedExpenseLineDetail', 'TaxCodeRef'),
];

const RULES: Readonly<Partial<Record<QuickBooksEntityName, readonly ReferenceRule[]>>> = {
  Invoice: [
    rule('Customer', 'CustomerRef'),
    rule('Account', 'DepositToAccountRef'),
    rule('Account', 'ARAccountRef'),
    ...SALES_LINES,
  ],
  CreditMemo: [rule('Customer', 'CustomerRef'), rule('Account', 'ARAccountRef'), ...SALES_LINES],
  Bill: [rule('Vendor', 'VendorRef'), rule('Account', 'APAccountRef'), ...EXPENSE_LINES],
  Purchase: [rule('Account', 'AccountRef'), rule('fromType', 'EntityRef'), ...EXPENSE_LINES],
  Payment: [
    rule('Customer', 'CustomerRef'),
    rule('Account', 'DepositToAccountRef'),
    rule('Account', 'ARAccountRef'),
  ],
  BillPayment: [
    rule('Vendor', 'VendorRef'),
    rule('Account', 'APAccountRef'),
    rule('Account', 'CheckPayment', 'BankAccountRef'),
    rule('Account', 'CreditCardPayment', 'CCAccountRef'),
  ],
  JournalEntry: [
    rule('Account', 'Line', '*', 'JournalEntryLineDetail', 'AccountRef'),
    rule('fromType', 'Line', '*', 'JournalEntryLineDetail', 'Entity', 'EntityRef'),
  ],
  Item: [
    rule('Account', 'IncomeAccountRef'),
    rule('Account', 'ExpenseAccountRef'),
    rule('Account', 'AssetAccountRef'),
  ],
  Account: [rule('Account', 'ParentRef')],
  Customer: [rule('Customer', 'ParentRef')],
  Attachable: [rule('fromType', 'AttachableRef', '*', 'EntityRef')],
};

/** Entities whose LinkedTxn lines are checked: payments point at the documents they settle. */
const LINKED_LINES: ReadonlySet<QuickBooksEntityName> = new Set(['Payment', 'BillPayment']);

interface Located {
  readonly holder: Record<string, unknown>;
  readonly key: string;
  readonly element: string;
}

/** Every place `path` reaches in `record` that holds a value. */
function locate(record: QuickBooksRecord, path: readonly string[]): Located[] {
  const found: Located[] = [];
  const walk = (value: unknown, index: number): void => {
    const segment = path[index];
    if (segment === undefined) return;
    if (segment === '*') {
      if (Array.isArray(value)) for (const item of value) walk(item, index + 1);
      return;
    }
    if (!isObject(value) || value[segment] === undefined || value[segment] === null) return;
    if (index === path.length - 1) found.push({ holder: value, key: segment, element: segment });
    else walk(value[segment], index + 1);
  };
  walk(record, 0);
  return found;
}

function targetOf(rule: ReferenceRule, located: Located, ref: Record<string, unknown>): string | undefined {
  if (rule.target !== 'fromType') return rule.target;
  // Purchase.EntityRef and AttachableRef.EntityRef carry `type`; JournalEntry's Entity carries `Type`.
  const type = ref.type ?? located.holder.Type;
  return typeof type === 'string' ? type : undefined;
}

/** The name QBO shows for a referenced record. */
function displayName(entity: QuickBooksEntityName, record: QuickBooksRecord): unknown {
  if (entity === 'Customer' || entity === 'Vendor') return record.DisplayName;
  if (entity === 'Item' || entity === 'Account') return record.FullyQualifiedName ?? record.Name;
  if (entity === 'TaxCode') return record.Name;
  return undefined;
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function checkReference(tables: CompanyTables, rule: ReferenceRule, located: Located): void {
  const ref = located.holder[located.key];
  if (!isObject(ref)) throw invalidProperty(located.element);
  const value = idText(ref.value);
  if (value === undefined) throw requiredParamMissing(`${located.element}.value`);
  const targetName = targetOf(rule, located, ref);
  const entity = targetName === undefined ? undefined : entityFromName(targetName);
  const target = entity === undefined ? undefined : tables.get(entity, value);
  if (entity === undefined || target === undefined) throw invalidReference(located.element, value, ref.name);
  if (isNameList(entity) && target.Active === false) throw objectNotFound(located.element);
  const name = displayName(entity, target);
  located.holder[located.key] = typeof name === 'string' ? { ...ref, value, name } : { ...ref, value };
}

function checkLinkedTransactions(tables: CompanyTables, record: QuickBooksRecord): void {
  for (const located of locate(record, ['Line', '*', 'LinkedTxn'])) {
    const links = located.holder[located.key];
    if (!Array.isArray(links)) throw invalidProperty('LinkedTxn');
    for (const link of links) {
      if (!isObject(link)) throw invalidProperty('LinkedTxn');
      const id = idText(link.TxnId);
      if (id === undefined) throw requiredParamMissing('LinkedTxn.TxnId');
      if (typeof link.TxnType !== 'string') throw requiredParamMissing('LinkedTxn.TxnType');
      const entity = entityForTxnType(link.TxnType);
      if (entity === undefined || tables.get(entity, id) === undefined) {
        throw invalidReference('LinkedTxn.TxnId', id, undefined);
      }
      link.TxnId = id;
    }
  }
}

/**
 * Checks every reference in a record about to be written, and fills in each reference's `name` (mutating
 * `record`, which is the caller's working copy).
 *
 * @throws {SimulatorFault} 2500 for a reference to nothing, 610 for one to an inactive name.
 */
export function resolveReferences(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  record: QuickBooksRecord,
): void {
  for (const referenceRule of RULES[entity] ?? []) {
    for (const located of locate(record, referenceRule.path)) checkReference(tables, referenceRule, located);
  }
  if (LINKED_LINES.has(entity)) checkLinkedTransactions(tables, record);
}
