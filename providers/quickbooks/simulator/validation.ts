/**
 * The checks QBO makes on a body before any accounting: property spelling, required fields and unique names.
 */
import type { QuickBooksEntityName, QuickBooksRecord } from './entities.js';
import { duplicateName, invalidProperty, requiredParamMissing } from './errors.js';
import { arrayAt, isObject, objectAt } from './json.js';
import type { CompanyTables } from './store.js';

/** IntuitEntity's XML attributes are the only lower-case top-level keys in QBO JSON. */
const LOWER_CASE_KEYS: ReadonlySet<string> = new Set(['sparse', 'domain', 'status']);

/**
 * Rejects top-level keys QBO could never accept. Every QBO element name is PascalCase, so `txnDate` or
 * `customer_ref` is a mapping bug in the caller; QBO answers such a body with 2010, and so do we.
 */
export function checkPropertyNames(record: QuickBooksRecord): void {
  for (const key of Object.keys(record)) {
    if (!/^[A-Z]/.test(key) && !LOWER_CASE_KEYS.has(key)) throw invalidProperty(key);
  }
}

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

function requireFields(record: QuickBooksRecord, ...fields: string[]): void {
  for (const field of fields) if (!present(record[field])) throw requiredParamMissing(field);
}

/** Every line needs an amount; document lines also need to say what kind of line they are. */
function requireLineAmounts(record: QuickBooksRecord, requireDetailType: boolean): void {
  for (const line of arrayAt(record, 'Line')) {
    if (!isObject(line)) throw invalidProperty('Line');
    if (requireDetailType && !present(line.DetailType)) throw requiredParamMissing('Line.DetailType');
    // Description-only and subtotal lines carry no amount of their own.
    if (line.DetailType === 'DescriptionOnly' || line.DetailType === 'SubTotalLineDetail') continue;
    if (!present(line.Amount)) throw requiredParamMissing('Line.Amount');
  }
}

const PERSON_NAME_FIELDS = ['DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'CompanyName', 'Title'];

function requireBillPaymentAccount(record: QuickBooksRecord): void {
  if (record.PayType === 'Check' && !present(objectAt(record, 'CheckPayment')?.BankAccountRef)) {
    throw requiredParamMissing('CheckPayment.BankAccountRef');
  }
  if (record.PayType === 'CreditCard' && !present(objectAt(record, 'CreditCardPayment')?.CCAccountRef)) {
    throw requiredParamMissing('CreditCardPayment.CCAccountRef');
  }
}

/**
 * QBO's required fields per entity (the API reference's "required" markers, not the XSD's, which marks
 * almost everything optional).
 *
 * @throws {SimulatorFault} 2020 naming the first missing field.
 */
export function checkRequired(entity: QuickBooksEntityName, record: QuickBooksRecord): void {
  switch (entity) {
    case 'Invoice':
    case 'CreditMemo':
      requireFields(record, 'CustomerRef', 'Line');
      requireLineAmounts(record, true);
      return;
    case 'Bill':
      requireFields(record, 'VendorRef', 'Line');
      requireLineAmounts(record, true);
      return;
    case 'Purchase':
      requireFields(record, 'PaymentType', 'AccountRef', 'Line');
      requireLineAmounts(record, true);
      return;
    case 'JournalEntry':
      requireFields(record, 'Line');
      requireLineAmounts(record, true);
      return;
    case 'Payment':
      requireFields(record, 'CustomerRef', 'TotalAmt');
      requireLineAmounts(record, false);
      return;
    case 'BillPayment':
      requireFields(record, 'VendorRef', 'PayType', 'TotalAmt', 'Line');
      requireLineAmounts(record, false);
      requireBillPaymentAccount(record);
      return;
    case 'Customer':
    case 'Vendor':
      if (!PERSON_NAME_FIELDS.some((field) => present(record[field])))
        throw requiredParamMissing('DisplayName');
      return;
    case 'Account':
      requireFields(record, 'Name', 'AccountType');
      return;
    case 'Item':
      requireFields(record, 'Name');
      if (record.Type !== 'Category') requireFields(record, 'IncomeAccountRef');
      return;
    case 'Attachable':
      if (!present(record.FileName) && !present(record.Note)) throw requiredParamMissing('Note');
      return;
    default:
      return;
  }
}

/** Entities that share one namespace of names: QBO will not let a vendor reuse a customer's name. */
const NAME_GROUPS: Readonly<Partial<Record<QuickBooksEntityName, readonly QuickBooksEntityName[]>>> = {
  Customer: ['Customer', 'Vendor'],
  Vendor: ['Customer', 'Vendor'],
  Account: ['Account'],
  Item: ['Item'],
};

function nameOf(entity: QuickBooksEntityName, record: QuickBooksRecord): string | undefined {
  const name = entity === 'Customer' || entity === 'Vendor' ? record.DisplayName : record.Name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Rejects a name already used in the entity's namespace, ignoring case and including inactive records
 * (QBO keeps their names reserved). `selfId` is the record being updated, which may keep its own name.
 *
 * @throws {SimulatorFault} 6240, echoing the name as QBO does.
 */
export function checkUniqueName(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  record: QuickBooksRecord,
  selfId: string | undefined,
): void {
  const group = NAME_GROUPS[entity];
  const name = nameOf(entity, record);
  if (group === undefined || name === undefined) return;
  const wanted = name.trim().toLowerCase();
  for (const other of group) {
    for (const existing of tables.all(other)) {
      if (other === entity && existing.Id === selfId) continue;
      if (nameOf(other, existing)?.trim().toLowerCase() === wanted) throw duplicateName(name);
    }
  }
}
