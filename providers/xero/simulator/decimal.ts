/**
 * Exact arithmetic for the simulated ledger, on decimal strings (never floats): amounts at 2 places, unit
 * amounts at 2 or 4 (`unitdp`). Numbers arrive and leave as JSON numbers, as on Xero's wire.
 */
import { numberToDecimalText } from '../../../src/engine/jsonata-functions.js';
import {
  add,
  compare,
  formatDecimal,
  isZero,
  multiply,
  parseDecimal,
  roundHalfEven,
  subtract,
  sum,
} from '../../../src/schema/money.js';

export { add, compare, isZero, subtract, sum };

const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A JSON number (or numeric text) as exact decimal text; undefined for anything else. */
export function decimalOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return numberToDecimalText(value);
  if (typeof value === 'string' && NUMBER_TEXT.test(value)) return value;
  return undefined;
}

/** Rounded to `places`, half to even. */
export function round(value: string, places = 2): string {
  return roundHalfEven(value, places);
}

/** `a × b` rounded to `places`. */
export function times(a: string, b: string, places = 2): string {
  return round(multiply(a, b), places);
}

/** `a ÷ b` rounded half to even to `places`; b must not be zero. */
export function divide(a: string, b: string, places: number): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  // a/b = (xu / 10^xs) / (yu / 10^ys) = xu·10^ys / (yu·10^xs); scaled by 10^(places+1) for one guard digit.
  const numerator = x.units * 10n ** BigInt(y.scale + places + 1);
  const denominator = y.units * 10n ** BigInt(x.scale);
  const quotient = numerator / denominator;
  return round(formatDecimal(quotient, places + 1), places);
}

/** The JSON number Xero would send for a decimal. */
export function wire(value: string): number {
  return Number(value);
}

/** The JSON number for an amount at 2 places. */
export function amount(value: string): number {
  return Number(round(value, 2));
}
