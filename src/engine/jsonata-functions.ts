import type jsonata from 'jsonata';
import { fromWireNumber, toWireNumber } from '../schema/money.js';

const MAX_FRACTION_DIGITS = 10;

/** A JSON number to exact decimal text without rescaling (quantities, rates). */
export function numberToDecimalText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('Number must be finite');
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Exponent forms come from very large or very small doubles; Intl prints their shortest decimal exactly.
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: MAX_FRACTION_DIGITS });
}

/**
 * Functions available to every mapping. Money crosses between JSON numbers and decimal strings only here,
 * at the wire, so mappings never do float arithmetic on amounts.
 */
export function registerMappingFunctions(expression: jsonata.Expression): void {
  // $decimal(number|string, currency): a provider amount to a decimal string at the currency's scale.
  expression.registerFunction(
    'decimal',
    (value: unknown, currency: unknown) =>
      value === undefined || value === null || currency === undefined
        ? undefined
        : fromWireNumber(value as number | string, String(currency)),
    '<(ns)s?:s>',
  );
  // $quantity(number): an exact decimal string, unscaled (quantities, unit prices, rates).
  expression.registerFunction(
    'quantity',
    (value: unknown) =>
      typeof value === 'number' ? numberToDecimalText(value) : typeof value === 'string' ? value : undefined,
    '<(ns)?:s>',
  );
  // $wire(decimal string): the JSON number a provider expects.
  expression.registerFunction(
    'wire',
    (value: unknown) => (typeof value === 'string' ? toWireNumber(value) : undefined),
    '<s?:n>',
  );
  // $compact(object): drops keys whose value is undefined, null or an empty object, so sparse payloads
  // carry only what the caller set.
  expression.registerFunction('compact', (value: unknown) => compact(value), '<o?:o>');
}

function compact(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined || entry === null) continue;
    if (typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length === 0) continue;
    result[key] = entry;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}
