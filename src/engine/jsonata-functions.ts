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
 * `$decimal(number|string, currency)`: a provider amount to a decimal string at the currency's scale.
 * Throws RangeError for an amount a double cannot carry.
 */
export function decimal(value: unknown, currency: unknown): string | undefined {
  return value === undefined || value === null || currency === undefined
    ? undefined
    : fromWireNumber(value as number | string, String(currency));
}

/** `$quantity(number|string)`: an exact decimal string, unscaled (quantities, unit prices, rates). */
export function quantity(value: unknown): string | undefined {
  return typeof value === 'number'
    ? numberToDecimalText(value)
    : typeof value === 'string'
      ? value
      : undefined;
}

/** `$wire(decimal string)`: the JSON number a provider expects; RangeError when a double cannot carry it. */
export function wire(value: unknown): number | undefined {
  return typeof value === 'string' ? toWireNumber(value) : undefined;
}

/**
 * `$compact(object)`: drops keys whose value is undefined, null or an empty object, so sparse payloads carry
 * only what the caller set; undefined when nothing is left.
 */
export function compact(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined || entry === null) continue;
    if (typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length === 0) continue;
    result[key] = entry;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** One function available to mappings: its plain implementation and its JSONata signature. */
export interface MappingFunction {
  readonly implementation: (...args: unknown[]) => unknown;
  /** JSONata signature; JSONata (and the fast path) reject calls that do not match it. */
  readonly signature: string;
}

/**
 * Functions available to every mapping, by name without the `$`. Money crosses between JSON numbers and
 * decimal strings only here, at the wire, so mappings never do float arithmetic on amounts. The JSONata
 * registration and the synchronous fast path (`./fast-path/`) both use these implementations.
 */
export const MAPPING_FUNCTIONS: Readonly<Record<string, MappingFunction>> = {
  decimal: { implementation: (value, currency) => decimal(value, currency), signature: '<(ns)s?:s>' },
  quantity: { implementation: (value) => quantity(value), signature: '<(ns)?:s>' },
  wire: { implementation: (value) => wire(value), signature: '<s?:n>' },
  compact: { implementation: (value) => compact(value), signature: '<o?:o>' },
};

/** Registers {@link MAPPING_FUNCTIONS} on a JSONata expression. */
export function registerMappingFunctions(expression: jsonata.Expression): void {
  for (const [name, definition] of Object.entries(MAPPING_FUNCTIONS)) {
    expression.registerFunction(name, definition.implementation, definition.signature);
  }
}
