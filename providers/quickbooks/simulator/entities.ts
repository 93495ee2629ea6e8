/**
 * The QuickBooks Online entities the simulator models, and what the API lets you do with each. Names are
 * QBO's own (the XSD element names); URL paths use the lower-cased name (`/invoice`, `/billpayment`).
 */

/** Every entity the simulator stores. */
export const QUICKBOOKS_ENTITY_NAMES = [
  'Invoice',
  'Bill',
  'Payment',
  'BillPayment',
  'Customer',
  'Vendor',
  'Account',
  'JournalEntry',
  'Purchase',
  'Item',
  'TaxCode',
  'TaxRate',
  'CreditMemo',
  'Attachable',
  'CompanyInfo',
] as const;

/** A QBO entity name the simulator understands, spelled as QBO spells it. */
export type QuickBooksEntityName = (typeof QUICKBOOKS_ENTITY_NAMES)[number];

/** A stored or returned QBO object: JSON with QBO's property names. */
export type QuickBooksRecord = Record<string, unknown>;

/** Transactions: deleted with `?operation=delete`. */
const TRANSACTIONS: ReadonlySet<QuickBooksEntityName> = new Set([
  'Invoice',
  'Bill',
  'Payment',
  'BillPayment',
  'JournalEntry',
  'Purchase',
  'CreditMemo',
  'Attachable',
]);

/** Name-list entities: never deleted, only made inactive; queries hide inactive ones by default. */
const NAME_LISTS: ReadonlySet<QuickBooksEntityName> = new Set(['Customer', 'Vendor', 'Item', 'Account']);

const VOIDABLE: ReadonlySet<QuickBooksEntityName> = new Set(['Invoice', 'Payment', 'BillPayment']);

/**
 * QBO maintains these through the tax service and company settings, not the entity endpoints; CompanyInfo can
 * be updated but never created.
 */
const NOT_CREATABLE: ReadonlySet<QuickBooksEntityName> = new Set(['TaxCode', 'TaxRate', 'CompanyInfo']);
const NOT_UPDATABLE: ReadonlySet<QuickBooksEntityName> = new Set(['TaxCode', 'TaxRate']);

const BY_LOWER_CASE: ReadonlyMap<string, QuickBooksEntityName> = new Map(
  QUICKBOOKS_ENTITY_NAMES.map((name) => [name.toLowerCase(), name]),
);

/** Resolves an entity name written in any case (`invoice`, `INVOICE`) to QBO's spelling. */
export function entityFromName(name: string): QuickBooksEntityName | undefined {
  return BY_LOWER_CASE.get(name.toLowerCase());
}

export function isTransaction(entity: QuickBooksEntityName): boolean {
  return TRANSACTIONS.has(entity);
}

export function isNameList(entity: QuickBooksEntityName): boolean {
  return NAME_LISTS.has(entity);
}

export function isVoidable(entity: QuickBooksEntityName): boolean {
  return VOIDABLE.has(entity);
}

export function isCreatable(entity: QuickBooksEntityName): boolean {
  return !NOT_CREATABLE.has(entity);
}

export function isUpdatable(entity: QuickBooksEntityName): boolean {
  return !NOT_UPDATABLE.has(entity);
}

/** `LinkedTxn.TxnType` values the simulator can resolve, mapped to the entity they point at. */
export function entityForTxnType(txnType: string): QuickBooksEntityName | undefined {
  if (txnType === 'Expense' || txnType === 'Check' || txnType === 'CreditCardCredit') return 'Purchase';
  const entity = entityFromName(txnType);
  return entity !== undefined && isTransaction(entity) && entity !== 'Attachable' ? entity : undefined;
}
