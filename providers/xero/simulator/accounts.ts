/** Accounts: the chart of accounts, with Xero's uniqueness, type and archive rules. */
import { Problems } from './errors.js';
import {
  allRecords,
  type OrganisationState,
  putRecord,
  removeRecord,
  textOf,
  type WriteContext,
  type XeroRecord,
} from './state.js';
import { msDateTime } from './time.js';

const CLASSES: Readonly<Record<string, string>> = {
  BANK: 'ASSET',
  CURRENT: 'ASSET',
  FIXED: 'ASSET',
  INVENTORY: 'ASSET',
  NONCURRENT: 'ASSET',
  PREPAYMENT: 'ASSET',
  CURRLIAB: 'LIABILITY',
  LIABILITY: 'LIABILITY',
  TERMLIAB: 'LIABILITY',
  PAYG: 'LIABILITY',
  EQUITY: 'EQUITY',
  DEPRECIATN: 'EXPENSE',
  DIRECTCOSTS: 'EXPENSE',
  EXPENSE: 'EXPENSE',
  OVERHEADS: 'EXPENSE',
  OTHERINCOME: 'REVENUE',
  REVENUE: 'REVENUE',
  SALES: 'REVENUE',
};

/** An account by `{ AccountID }` or `{ Code }` (either form Xero accepts), or by a bare code. */
export function findAccount(state: OrganisationState, reference: unknown): XeroRecord | undefined {
  const accounts = allRecords(state, 'Account');
  if (typeof reference === 'string') {
    return accounts.find((account) => String(account.Code ?? '').toLowerCase() === reference.toLowerCase());
  }
  if (typeof reference !== 'object' || reference === null) return undefined;
  const { AccountID, Code } = reference as { AccountID?: unknown; Code?: unknown };
  if (typeof AccountID === 'string') {
    return accounts.find((account) => String(account.AccountID).toLowerCase() === AccountID.toLowerCase());
  }
  return typeof Code === 'string' ? findAccount(state, Code) : undefined;
}

/** Whether any document, journal, payment or item refers to the account. */
export function accountInUse(state: OrganisationState, account: XeroRecord): boolean {
  const id = String(account.AccountID).toLowerCase();
  const code = typeof account.Code === 'string' ? account.Code.toLowerCase() : undefined;
  const refers = (line: unknown): boolean => {
    if (typeof line !== 'object' || line === null) return false;
    const { AccountID, AccountCode } = line as { AccountID?: unknown; AccountCode?: unknown };
    return (
      (typeof AccountID === 'string' && AccountID.toLowerCase() === id) ||
      (code !== undefined && typeof AccountCode === 'string' && AccountCode.toLowerCase() === code)
    );
  };
  for (const entity of ['Invoice', 'CreditNote', 'BankTransaction'] as const) {
    for (const record of allRecords(state, entity)) {
      if ((record.LineItems as unknown[] | undefined)?.some(refers)) return true;
      if (refers(record.BankAccount)) return true;
    }
  }
  if (
    allRecords(state, 'ManualJournal').some((journal) => (journal.JournalLines as unknown[]).some(refers))
  ) {
    return true;
  }
  return allRecords(state, 'Payment').some((payment) => refers(payment.Account));
}

function validate(
  state: OrganisationState,
  fields: XeroRecord,
  selfId: string | undefined,
  problems: Problems,
): void {
  const others = allRecords(state, 'Account').filter(
    (account) => account.AccountID !== selfId && account.Status !== 'DELETED',
  );
  const name = textOf(fields.Name);
  const code = textOf(fields.Code);
  if (!name) problems.add('Please enter a Name for the account.');
  else if (name.length > 150) problems.add('Account Name cannot exceed 150 characters.');
  else if (others.some((account) => String(account.Name).toLowerCase() === name.toLowerCase())) {
    problems.add('Please enter a unique Name.');
  }
  if (typeof fields.Type !== 'string' || !(fields.Type in CLASSES))
    problems.add('Account Type must be specified and valid.');
  if (!code && fields.Type !== 'BANK') problems.add('Please enter a Code.');
  if (code && code.length > 10) problems.add('Code cannot exceed 10 characters.');
  if (code && others.some((account) => String(account.Code ?? '').toLowerCase() === code.toLowerCase())) {
    problems.add('Please enter a unique Code.');
  }
  if (fields.Type === 'BANK' && !textOf(fields.BankAccountNumber))
    problems.add('Bank Account Number is required.');
  if (fields.Status !== undefined && fields.Status !== 'ACTIVE' && fields.Status !== 'ARCHIVED') {
    problems.add(`Account Status '${String(fields.Status)}' is not valid.`);
  }
  if (fields.CurrencyCode !== undefined && !state.currencies.includes(String(fields.CurrencyCode))) {
    problems.add(`The currency ${String(fields.CurrencyCode)} is not enabled for this organisation.`);
  }
}

const WRITABLE = [
  'Code',
  'Name',
  'Type',
  'Description',
  'TaxType',
  'EnablePaymentsToAccount',
  'ShowInExpenseClaims',
  'BankAccountNumber',
  'BankAccountType',
  'CurrencyCode',
  'Status',
  'ReportingCode',
  'AddToWatchlist',
] as const;

function writable(input: XeroRecord): XeroRecord {
  return Object.fromEntries(
    WRITABLE.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]),
  );
}

function finish(state: OrganisationState, fields: XeroRecord, id: string, now: number): XeroRecord {
  const type = String(fields.Type);
  const bank = type === 'BANK';
  return {
    AccountID: id,
    ...(fields.Code !== undefined ? { Code: fields.Code } : {}),
    Name: fields.Name,
    Status: fields.Status ?? 'ACTIVE',
    Type: type,
    TaxType: fields.TaxType ?? (bank ? 'NONE' : 'NONE'),
    ...(fields.Description !== undefined ? { Description: fields.Description } : {}),
    Class: CLASSES[type],
    ...(fields.SystemAccount !== undefined ? { SystemAccount: fields.SystemAccount } : {}),
    EnablePaymentsToAccount: fields.EnablePaymentsToAccount ?? false,
    ShowInExpenseClaims: fields.ShowInExpenseClaims ?? false,
    ...(bank
      ? {
          BankAccountNumber: fields.BankAccountNumber,
          BankAccountType: fields.BankAccountType ?? 'BANK',
          CurrencyCode: fields.CurrencyCode ?? state.currencies[0],
        }
      : { BankAccountType: '' }),
    ReportingCode: fields.ReportingCode ?? CLASSES[type]?.slice(0, 3),
    ReportingCodeName: fields.ReportingCodeName ?? CLASSES[type],
    HasAttachments: fields.HasAttachments ?? false,
    UpdatedDateUTC: msDateTime(now),
    AddToWatchlist: fields.AddToWatchlist ?? false,
  };
}

export function createAccount(
  state: OrganisationState,
  input: XeroRecord,
  context: WriteContext,
  trusted = false,
): XeroRecord {
  const fields = trusted ? input : writable(input);
  const problems = new Problems();
  validate(state, fields, undefined, problems);
  problems.check();
  const record = finish(state, fields, state.ids.next(), context.now);
  putRecord(state, 'Account', record);
  return record;
}

export function updateAccount(
  state: OrganisationState,
  existing: XeroRecord,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const fields = { ...existing, ...writable(input) };
  const problems = new Problems();
  validate(state, fields, String(existing.AccountID), problems);
  if (existing.SystemAccount && fields.Status === 'ARCHIVED')
    problems.add('System accounts cannot be archived.');
  if (existing.Type !== fields.Type && accountInUse(state, existing)) {
    problems.add('The account type cannot be changed once the account has been used.');
  }
  problems.check();
  const record = finish(state, fields, String(existing.AccountID), context.now);
  putRecord(state, 'Account', record);
  return record;
}

/** `DELETE /Accounts/{id}`: only an unused, non-system account can go. */
export function deleteAccount(
  state: OrganisationState,
  existing: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const problems = new Problems();
  if (existing.SystemAccount) problems.add('System accounts cannot be deleted.');
  else if (accountInUse(state, existing))
    problems.add('This account has been used and cannot be deleted. Archive it instead.');
  problems.check();
  removeRecord(state, 'Account', String(existing.AccountID));
  return { ...existing, Status: 'DELETED', UpdatedDateUTC: msDateTime(context.now) };
}
