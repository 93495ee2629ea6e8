/**
 * Line items as Xero computes them: item and account defaults, tax by rate and line amount type, unit
 * amounts to 2 or 4 places (`unitdp`), line amounts to 2. A line with both a quantity and a unit amount has
 * its line amount recomputed; a line with one of them has the other derived from its line amount.
 */
import { findAccount } from './accounts.js';
import { add, decimalOf, divide, isZero, round, subtract, sum, times } from './decimal.js';
import type { Problems } from './errors.js';
import { findItemByCode } from './items.js';
import { getRecord, isObject, type OrganisationState, textOf, type XeroRecord } from './state.js';

/** Which side of the ledger a document is on, for item defaults. */
export type LineSide = 'sales' | 'purchases';

export interface LineOptions {
  readonly side: LineSide;
  readonly lineAmountTypes: string;
  /** Approved documents need an account on every line with an amount. */
  readonly requireAccount: boolean;
  readonly unitdp: number;
  /** Lines the document had, so `LineItemID`s are kept. */
  readonly existing?: readonly XeroRecord[] | undefined;
  /** The collection's name in the request, for problems (`LineItems`). */
  readonly collection?: string | undefined;
}

export interface ComputedLines {
  readonly lines: XeroRecord[];
  readonly subTotal: string;
  readonly totalTax: string;
  readonly total: string;
}

function taxRate(state: OrganisationState, taxType: string): XeroRecord | undefined {
  return getRecord(state, 'TaxRate', taxType);
}

function lineTax(lineAmount: string, rate: string, lineAmountTypes: string): string {
  if (lineAmountTypes === 'NoTax' || isZero(rate)) return '0';
  if (lineAmountTypes === 'Inclusive')
    return round(divide(times(lineAmount, rate, 8), add('100', rate), 8), 2);
  return round(divide(times(lineAmount, rate, 8), '100', 8), 2);
}

export function computeLines(
  state: OrganisationState,
  input: unknown,
  options: LineOptions,
  problems: Problems,
  newId: () => string,
): ComputedLines {
  const collection = options.collection ?? 'LineItems';
  const sent = Array.isArray(input) ? input : [];
  if (input !== undefined && !Array.isArray(input)) problems.add(`${collection} must be an array.`);
  const lines: XeroRecord[] = [];
  const taxes: string[] = [];
  const amounts: string[] = [];
  sent.forEach((line, index) => {
    const fail = (message: string) => problems.addLine(collection, index, message);
    if (!isObject(line)) {
      fail('A line item must be an object.');
      return;
    }
    const item = line.ItemCode === undefined ? undefined : findItemByCode(state, line.ItemCode);
    if (line.ItemCode !== undefined && !item) fail(`Item code '${String(line.ItemCode)}' is not valid.`);
    const itemDetails = (item?.[options.side === 'sales' ? 'SalesDetails' : 'PurchaseDetails'] ??
      {}) as XeroRecord;
    const description =
      textOf(line.Description) ??
      (options.side === 'sales'
        ? textOf(item?.Description)
        : textOf(item?.PurchaseDescription ?? item?.Description));

    let quantity = decimalOf(line.Quantity);
    let unit = decimalOf(line.UnitAmount);
    let lineAmount = decimalOf(line.LineAmount);
    for (const [field, value, parsed] of [
      ['Quantity', line.Quantity, quantity],
      ['UnitAmount', line.UnitAmount, unit],
      ['LineAmount', line.LineAmount, lineAmount],
    ] as const) {
      if (value !== undefined && value !== null && parsed === undefined) fail(`${field} must be a number.`);
    }
    if (unit === undefined && lineAmount === undefined && itemDetails.UnitPrice !== undefined) {
      unit = decimalOf(itemDetails.UnitPrice);
    }
    const descriptionOnly = quantity === undefined && unit === undefined && lineAmount === undefined && !item;
    if (!descriptionOnly) {
      if (unit !== undefined) unit = round(unit, options.unitdp);
      if (quantity !== undefined) quantity = round(quantity, 4);
      if (quantity !== undefined && unit !== undefined) lineAmount = times(quantity, unit, 2);
      else if (lineAmount !== undefined && quantity !== undefined) {
        unit = isZero(quantity) ? '0' : divide(lineAmount, quantity, options.unitdp);
      } else if (lineAmount !== undefined && unit !== undefined) {
        quantity = isZero(unit) ? '1' : divide(lineAmount, unit, 4);
      } else if (lineAmount !== undefined) {
        quantity = '1';
        unit = round(lineAmount, options.unitdp);
      } else {
        quantity ??= '1';
        unit ??= '0';
        lineAmount = times(quantity, unit, 2);
      }
      lineAmount = round(lineAmount ?? '0', 2);
    }

    let account: XeroRecord | undefined;
    if (line.AccountID !== undefined) {
      account = findAccount(state, { AccountID: line.AccountID });
      if (account?.Status !== 'ACTIVE')
        fail(`The AccountID '${String(line.AccountID)}' is not valid for this document.`);
    } else if (line.AccountCode !== undefined) {
      account = findAccount(state, String(line.AccountCode));
      if (account?.Status !== 'ACTIVE') {
        fail(`Account code '${String(line.AccountCode)}' is not a valid code for this document.`);
      }
    } else if (typeof itemDetails.AccountCode === 'string') {
      account = findAccount(state, itemDetails.AccountCode);
    }
    if (
      !account &&
      options.requireAccount &&
      !descriptionOnly &&
      line.AccountID === undefined &&
      line.AccountCode === undefined
    ) {
      fail('Account code must be specified.');
    }

    const taxType = textOf(line.TaxType) ?? textOf(itemDetails.TaxType) ?? textOf(account?.TaxType) ?? 'NONE';
    const rate = taxRate(state, taxType);
    if (rate?.Status !== 'ACTIVE') {
      fail(`The TaxType code '${taxType}' does not exist or cannot be used for this type of transaction.`);
    }
    const tax = descriptionOnly
      ? '0'
      : lineTax(lineAmount ?? '0', decimalOf(rate?.EffectiveRate) ?? '0', options.lineAmountTypes);

    const existing = options.existing?.find(
      (candidate) =>
        typeof line.LineItemID === 'string' &&
        String(candidate.LineItemID).toLowerCase() === line.LineItemID.toLowerCase(),
    );
    const output: XeroRecord = {
      LineItemID: existing?.LineItemID ?? newId(),
      ...(description !== undefined ? { Description: description } : {}),
      ...(descriptionOnly ? {} : { Quantity: Number(quantity), UnitAmount: Number(unit) }),
      ...(item
        ? {
            ItemCode: item.Code,
            Item: { ItemID: item.ItemID, Name: item.Name ?? item.Code, Code: item.Code },
          }
        : {}),
      ...(account ? { AccountCode: account.Code, AccountID: account.AccountID } : {}),
      TaxType: taxType,
      TaxAmount: Number(tax),
      LineAmount: Number(lineAmount ?? '0'),
      Tracking: [],
    };
    lines.push(output);
    taxes.push(tax);
    amounts.push(lineAmount ?? '0');
  });
  const totalTax = sum(taxes.length > 0 ? taxes : ['0']);
  const gross = sum(amounts.length > 0 ? amounts : ['0']);
  const subTotal = options.lineAmountTypes === 'Inclusive' ? subtract(gross, totalTax) : gross;
  return {
    lines,
    subTotal: round(subTotal, 2),
    totalTax: round(totalTax, 2),
    total: round(add(subTotal, totalTax), 2),
  };
}
