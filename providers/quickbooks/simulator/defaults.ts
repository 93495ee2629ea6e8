/**
 * The fields QBO fills in when a write leaves them out, so a record read back looks like one from a real
 * company (USD currency, today's TxnDate, a FullyQualifiedName, Active: true, …).
 */
import type { QuickBooksEntityName, QuickBooksRecord } from './entities.js';
import { isTransaction } from './entities.js';
import { localDate } from './time.js';

/** The simulated company's home currency. */
export const HOME_CURRENCY = { value: 'USD', name: 'United States Dollar' } as const;

/** QBO derives an account's Classification from its AccountType. */
const CLASSIFICATION: Readonly<Record<string, string>> = {
  Bank: 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Receivable': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  Equity: 'Equity',
  Income: 'Revenue',
  'Other Income': 'Revenue',
  Expense: 'Expense',
  'Other Expense': 'Expense',
  'Cost of Goods Sold': 'Expense',
};

function setDefault(record: QuickBooksRecord, key: string, value: unknown): void {
  if (record[key] === undefined || record[key] === null) record[key] = value;
}

/** QBO builds a missing DisplayName from the name parts, or the company name. */
function derivedDisplayName(record: QuickBooksRecord): string | undefined {
  const parts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix']
    .map((key) => record[key])
    .filter((part): part is string => typeof part === 'string' && part !== '');
  if (parts.length > 0) return parts.join(' ');
  return typeof record.CompanyName === 'string' ? record.CompanyName : undefined;
}

function applyPersonDefaults(record: QuickBooksRecord): void {
  setDefault(record, 'DisplayName', derivedDisplayName(record));
  setDefault(record, 'PrintOnCheckName', record.DisplayName);
  setDefault(record, 'Active', true);
  setDefault(record, 'CurrencyRef', { ...HOME_CURRENCY });
  setDefault(record, 'Balance', 0);
}

/** Fills in absent fields on a record about to be written (mutates the caller's working copy). */
export function applyDefaults(entity: QuickBooksEntityName, record: QuickBooksRecord, now: number): void {
  if (isTransaction(entity) && entity !== 'Attachable') {
    setDefault(record, 'TxnDate', localDate(now));
    setDefault(record, 'CurrencyRef', { ...HOME_CURRENCY });
  }
  switch (entity) {
    case 'Invoice':
      setDefault(record, 'DueDate', record.TxnDate);
      setDefault(record, 'PrintStatus', 'NotSet');
      setDefault(record, 'EmailStatus', 'NotSet');
      setDefault(record, 'ApplyTaxAfterDiscount', false);
      return;
    case 'Bill':
      setDefault(record, 'DueDate', record.TxnDate);
      return;
    case 'Payment':
      setDefault(record, 'ProcessPayment', false);
      return;
    case 'Customer':
      applyPersonDefaults(record);
      // QBO keeps FullyQualifiedName in step with DisplayName for top-level customers.
      record.FullyQualifiedName = record.DisplayName;
      setDefault(record, 'Job', false);
      setDefault(record, 'BillWithParent', false);
      setDefault(record, 'Taxable', false);
      setDefault(record, 'BalanceWithJobs', 0);
      setDefault(record, 'PreferredDeliveryMethod', 'Print');
      return;
    case 'Vendor':
      applyPersonDefaults(record);
      setDefault(record, 'Vendor1099', false);
      return;
    case 'Account':
      record.FullyQualifiedName = record.Name;
      setDefault(record, 'Active', true);
      setDefault(record, 'SubAccount', record.ParentRef !== undefined);
      if (typeof record.AccountType === 'string')
        setDefault(record, 'Classification', CLASSIFICATION[record.AccountType]);
      setDefault(record, 'CurrentBalance', 0);
      setDefault(record, 'CurrentBalanceWithSubAccounts', 0);
      setDefault(record, 'CurrencyRef', { ...HOME_CURRENCY });
      return;
    case 'Item':
      record.FullyQualifiedName = record.Name;
      setDefault(record, 'Active', true);
      setDefault(record, 'Type', 'Service');
      setDefault(record, 'Taxable', false);
      setDefault(record, 'UnitPrice', 0);
      setDefault(record, 'PurchaseCost', 0);
      setDefault(record, 'TrackQtyOnHand', false);
      return;
    default:
      return;
  }
}

/**
 * QBO numbers sales documents itself when the company does not use custom transaction numbers. Credit memos
 * start in another range so the two kinds never share a number in the simulator.
 */
export function defaultDocNumber(entity: QuickBooksEntityName, id: string): string | undefined {
  if (entity === 'Invoice') return String(1000 + Number(id));
  return entity === 'CreditMemo' ? String(5000 + Number(id)) : undefined;
}
