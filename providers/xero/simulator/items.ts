/** Items: codes unique, sales and purchase details naming accounts by code. Items are deleted for real. */
import { findAccount } from './accounts.js';
import { decimalOf, round } from './decimal.js';
import { Problems } from './errors.js';
import {
  allRecords,
  isObject,
  type OrganisationState,
  recordWriters,
  textOf,
  type WriteContext,
  type XeroRecord,
} from './state.js';
import { msDateTime } from './time.js';

/** An item by code, any case. */
export function findItemByCode(state: OrganisationState, code: unknown): XeroRecord | undefined {
  if (typeof code !== 'string') return undefined;
  return allRecords(state, 'Item').find((item) => String(item.Code).toLowerCase() === code.toLowerCase());
}

function details(
  state: OrganisationState,
  input: unknown,
  label: string,
  problems: Problems,
  unitdp: number,
): XeroRecord {
  if (!isObject(input)) return {};
  const result: XeroRecord = {};
  const price = decimalOf(input.UnitPrice);
  if (input.UnitPrice !== undefined && price === undefined)
    problems.add(`${label} unit price is not a number.`);
  if (price !== undefined) result.UnitPrice = Number(round(price, unitdp));
  if (input.AccountCode !== undefined) {
    const account = findAccount(state, String(input.AccountCode));
    if (account?.Status !== 'ACTIVE') {
      problems.add(`Account code '${String(input.AccountCode)}' is not a valid code for this item.`);
    } else result.AccountCode = account.Code;
  }
  if (typeof input.COGSAccountCode === 'string') result.COGSAccountCode = input.COGSAccountCode;
  if (typeof input.TaxType === 'string') result.TaxType = input.TaxType;
  return result;
}

function build(
  state: OrganisationState,
  existing: XeroRecord | undefined,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const problems = new Problems();
  const code = textOf(input.Code) ?? (existing?.Code as string | undefined);
  const name = input.Name !== undefined ? textOf(input.Name) : (existing?.Name as string | undefined);
  if (!code) problems.add('Item Code must be specified.');
  else if (code.length > 30) problems.add('Item Code cannot exceed 30 characters.');
  else {
    const other = findItemByCode(state, code);
    if (other && other.ItemID !== existing?.ItemID) problems.add(`Item code '${code}' already exists.`);
  }
  if (name !== undefined && name.length > 50) problems.add('Item Name cannot exceed 50 characters.');
  if (input.IsTrackedAsInventory === true)
    problems.add('InventoryAssetAccountCode must be specified for a tracked item.');
  // Details merge field by field: an update that names only a new price keeps the account (a guess; Xero
  // does not say whether a partial SalesDetails replaces the whole).
  const sales: XeroRecord = {
    ...(existing?.SalesDetails as XeroRecord | undefined),
    ...details(state, input.SalesDetails, 'Sales', problems, context.unitdp),
  };
  const purchases: XeroRecord = {
    ...(existing?.PurchaseDetails as XeroRecord | undefined),
    ...details(state, input.PurchaseDetails, 'Purchase', problems, context.unitdp),
  };
  problems.check();
  return {
    ItemID: existing?.ItemID ?? state.ids.next(),
    Code: code,
    ...(input.Description !== undefined
      ? { Description: input.Description }
      : existing?.Description !== undefined
        ? { Description: existing.Description }
        : {}),
    ...(input.PurchaseDescription !== undefined ? { PurchaseDescription: input.PurchaseDescription } : {}),
    UpdatedDateUTC: msDateTime(context.now),
    PurchaseDetails: purchases,
    SalesDetails: sales,
    ...(name !== undefined ? { Name: name } : {}),
    IsTrackedAsInventory: false,
    IsSold:
      typeof input.IsSold === 'boolean' ? input.IsSold : (existing?.IsSold ?? Object.keys(sales).length > 0),
    IsPurchased:
      typeof input.IsPurchased === 'boolean'
        ? input.IsPurchased
        : (existing?.IsPurchased ?? Object.keys(purchases).length > 0),
  };
}

export const { create: createItem, update: updateItem } = recordWriters('Item', build);
