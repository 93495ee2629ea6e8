/**
 * Money at the simulator's edge. QBO sends amounts as JSON numbers; the simulator converts each one to
 * integer cents exactly once (through the SDK's own exact decimal code) and converts back only when it
 * writes a record, so no total or balance is ever a float sum.
 */
import {
  formatDecimal,
  fromWireNumber,
  multiply,
  parseDecimal,
  roundHalfEven,
  toWireNumber,
} from '../../../src/schema/money.js';

// Plain text with at most two decimals, the shape of almost every amount; read directly, because balances
// are re-summed after each write and the general path below is far slower.
const CENTS_TEXT = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/;

/** Integer cents from a JSON amount, or `undefined` when the value is not a finite number (or numeric text). */
export function toCents(value: unknown): bigint | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  // String(number) is the shortest text that reads back as the same double, so this is exact.
  const simple = CENTS_TEXT.exec(String(value));
  if (simple !== null) {
    const cents = BigInt(simple[2] ?? '0') * 100n + BigInt((simple[3] ?? '').padEnd(2, '0'));
    return simple[1] === '-' ? -cents : cents;
  }
  try {
    return parseDecimal(fromWireNumber(value, 'USD')).units;
  } catch {
    return undefined;
  }
}

/** The JSON number QBO would send for an amount in cents. */
export function toAmount(cents: bigint): number {
  return toWireNumber(formatDecimal(cents, 2));
}

/** Sums cents; the empty list is zero. */
export function sumCents(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** `percent` % of `cents`, rounded half to even to whole cents, as QBO rounds sales tax per transaction. */
export function percentOf(cents: bigint, percent: number): bigint {
  const product = parseDecimal(multiply(formatDecimal(cents, 2), String(percent)));
  // Dividing by 100 is a scale shift, so it stays exact until the one rounding step.
  const shifted = formatDecimal(product.units, product.scale + 2);
  return parseDecimal(roundHalfEven(shifted, 2)).units;
}
