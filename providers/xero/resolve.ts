import type { RelatedRecordReader, WriteInput } from '../../src/engine/definition.js';
import { isLedgerError, ValidationError, type ValidationIssue } from '../../src/http/errors.js';
import type { ResourceName } from '../../src/schema/resources.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads each distinct related record once. A record that does not exist becomes an issue at every path that
 * named it; any other failure (throttling, an outage) propagates.
 */
async function readAll(
  read: RelatedRecordReader,
  resource: ResourceName,
  wanted: ReadonlyMap<string, readonly string[]>,
  issues: ValidationIssue[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...wanted].map(async ([id, paths]) => {
      try {
        const record = await read(resource, id);
        if (isObject(record)) found.set(id, record);
      } catch (error) {
        if (!isLedgerError(error) || (error.code !== 'not_found' && error.code !== 'validation_failed'))
          throw error;
        for (const path of paths) issues.push({ path, code: 'unknown_reference' });
      }
    }),
  );
  return found;
}

function fail(operation: string, issues: readonly ValidationIssue[]): never {
  throw new ValidationError({ provider: 'xero', operation, issues });
}

/**
 * Xero lines name items by `ItemCode`; unified lines name them by id. The request mapping sends
 * `Item: { ItemID }`, and this step reads each item once and puts its code in place.
 */
export async function resolveItemCodes(
  input: WriteInput,
  read: RelatedRecordReader,
  operation: string,
): Promise<WriteInput> {
  {
    const lines = input.payload?.LineItems;
    if (!Array.isArray(lines)) return input;
    const wanted = new Map<string, string[]>();
    lines.forEach((line, index) => {
      const id = isObject(line) && isObject(line.Item) ? line.Item.ItemID : undefined;
      if (typeof id === 'string') wanted.set(id, [...(wanted.get(id) ?? []), `lines.${index}.itemId`]);
    });
    if (wanted.size === 0) return input;
    const issues: ValidationIssue[] = [];
    const items = await readAll(read, 'items', wanted, issues);
    if (issues.length > 0) fail(operation, issues);
    const resolved = lines.map((line) => {
      if (!isObject(line) || !isObject(line.Item)) return line;
      const { Item, ...rest } = line;
      const code = items.get(String(Item.ItemID))?.Code;
      return typeof code === 'string' ? { ...rest, ItemCode: code } : rest;
    });
    return { ...input, payload: { ...input.payload, LineItems: resolved } };
  }
}

/**
 * Xero items name their sales and purchase accounts by code; unified items by id. The request mapping sends
 * `SalesDetails.AccountID`, and this step reads each account once and puts its code in place.
 */
const ITEM_ACCOUNT_DETAILS = [
  ['SalesDetails', 'incomeAccountId'],
  ['PurchaseDetails', 'expenseAccountId'],
] as const;

export async function resolveItemAccountCodes(
  input: WriteInput,
  read: RelatedRecordReader,
  operation: string,
): Promise<WriteInput> {
  const details = ITEM_ACCOUNT_DETAILS;
  {
    const payload = input.payload;
    if (!payload) return input;
    const wanted = new Map<string, string[]>();
    for (const [key, path] of details) {
      const detail = payload[key];
      const id = isObject(detail) ? detail.AccountID : undefined;
      if (typeof id === 'string') wanted.set(id, [...(wanted.get(id) ?? []), path]);
    }
    if (wanted.size === 0) return input;
    const issues: ValidationIssue[] = [];
    const accounts = await readAll(read, 'accounts', wanted, issues);
    const resolved: Record<string, unknown> = { ...payload };
    for (const [key, path] of details) {
      const detail = payload[key];
      if (!isObject(detail) || typeof detail.AccountID !== 'string') continue;
      const { AccountID, ...rest } = detail;
      const account = accounts.get(AccountID);
      if (account === undefined) continue;
      const code = account.Code;
      if (typeof code !== 'string' || code === '') issues.push({ path, code: 'account_has_no_code' });
      else resolved[key] = { ...rest, AccountCode: code };
    }
    if (issues.length > 0) fail(operation, issues);
    return { ...input, payload: resolved };
  }
}
