import { z } from 'zod';
import { currencyScale, isCurrencyCode } from './currencies.js';

/** A decimal string split into an integer count of `10^-scale` units: `"-12.50"` is `{ units: -1250n, scale: 2 }`. */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_GRAMMAR = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const BOUNDED_DECIMAL = /^-?(0|[1-9]\d{0,17})(\.\d{1,10})?$/;
const BOUNDED_AMOUNT = /^(0|[1-9]\d{0,17})(\.\d{1,10})?$/;
const JSON_NUMBER = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

// Doubles span roughly 1e-324..1e308; a wider exponent in wire text can only be an attack or corruption,
// and expanding it would allocate a huge digit string.
const MAX_WIRE_EXPONENT = 400;
// DBL_DIG: every decimal with at most 15 significant digits survives decimal -> double -> shortest text.
const MAX_WIRE_SIGNIFICANT_DIGITS = 15;

// Messages are fixed strings on purpose: amounts can identify a patient's bill, so they never reach errors.
const MALFORMED_DECIMAL =
  'Malformed decimal string: expected an optional "-", digits without leading zeros and an optional "." followed by digits';

/**
 * Exact signed decimal amount as a string, the SDK's canonical money representation.
 *
 * @example
 * DecimalString.parse('-1250.00'); // '-1250.00'
 * DecimalString.safeParse('1e3').success; // false
 */
export const DecimalString = z
  .string()
  .regex(BOUNDED_DECIMAL, {
    error: 'Expected a decimal string with at most 18 integer digits and 10 fraction digits',
  })
  .describe(
    'Exact decimal as a string: optional leading "-", no leading zeros, no exponent, no "+", at most 18 integer digits and at most 10 fraction digits, e.g. "1250.00", "-3.5", "0.001".',
  );

/** A signed decimal string, as validated by {@link DecimalString}. */
export type DecimalString = z.infer<typeof DecimalString>;

/**
 * Exact non-negative decimal amount as a string. A leading "-" is rejected even on zero ("-0.00").
 *
 * @example
 * Amount.parse('250.00'); // '250.00'
 * Amount.safeParse('-1').success; // false
 */
export const Amount = z
  .string()
  .regex(BOUNDED_AMOUNT, {
    error: 'Expected a non-negative decimal string with at most 18 integer digits and 10 fraction digits',
  })
  .describe(
    'Exact non-negative decimal as a string: no sign, no leading zeros, no exponent, at most 18 integer digits and at most 10 fraction digits, e.g. "1250.00", "0.001".',
  );

/** A non-negative decimal string, as validated by {@link Amount}. */
export type Amount = z.infer<typeof Amount>;

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

function absBigint(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function assertScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new RangeError('Scale must be a non-negative safe integer');
  }
}

/** Re-expresses `units` at `toScale`, rounding half to even when digits are dropped. */
function rescale(units: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return units * pow10(toScale - fromScale);
  const divisor = pow10(fromScale - toScale);
  const magnitude = absBigint(units);
  let quotient = magnitude / divisor;
  const twiceRemainder = (magnitude % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) quotient += 1n;
  return units < 0n ? -quotient : quotient;
}

function compareScaled(x: ScaledDecimal, y: ScaledDecimal): -1 | 0 | 1 {
  const scale = Math.max(x.scale, y.scale);
  const left = rescale(x.units, x.scale, scale);
  const right = rescale(y.units, y.scale, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

function aligned(a: string, b: string): { left: bigint; right: bigint; scale: number } {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  return { left: rescale(x.units, x.scale, scale), right: rescale(y.units, y.scale, scale), scale };
}

function canonical(value: string): string {
  const { units, scale } = parseDecimal(value);
  return formatDecimal(units, scale);
}

/** Reads JSON number text (exponent allowed) exactly; `undefined` when it is not JSON number text. */
function parseNumberText(text: string): ScaledDecimal | undefined {
  const match = JSON_NUMBER.exec(text);
  if (match === null) return undefined;
  const [, sign = '', integer = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_WIRE_EXPONENT) return undefined;
  const magnitude = BigInt(integer + fraction);
  const shift = exponent - fraction.length;
  const units = sign === '-' ? -magnitude : magnitude;
  return shift >= 0 ? { units: units * pow10(shift), scale: 0 } : { units, scale: -shift };
}

/**
 * Splits a decimal string into integer units and a scale. Accepts the {@link DecimalString} grammar
 * without its length limits, so intermediate results (a product at scale 20) can be read back.
 * Throws `RangeError` on anything else; the message never echoes the input.
 *
 * @example
 * parseDecimal('-12.50'); // { units: -1250n, scale: 2 }
 * parseDecimal('7'); // { units: 7n, scale: 0 }
 */
export function parseDecimal(text: string): ScaledDecimal {
  if (typeof text !== 'string' || !DECIMAL_GRAMMAR.test(text)) throw new RangeError(MALFORMED_DECIMAL);
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const point = body.indexOf('.');
  const integer = point === -1 ? body : body.slice(0, point);
  const fraction = point === -1 ? '' : body.slice(point + 1);
  const magnitude = BigInt(integer + fraction);
  return { units: negative ? -magnitude : magnitude, scale: fraction.length };
}

/**
 * Formats integer units at a scale as a plain decimal string: never an exponent, never "-0", and
 * always exactly `scale` fraction digits.
 *
 * @example
 * formatDecimal(-1250n, 2); // '-12.50'
 * formatDecimal(5n, 3); // '0.005'
 * formatDecimal(0n, 2); // '0.00'
 */
export function formatDecimal(units: bigint, scale: number): string {
  if (typeof units !== 'bigint') throw new RangeError('Units must be a bigint');
  assertScale(scale);
  const sign = units < 0n ? '-' : '';
  const digits = absBigint(units).toString();
  if (scale === 0) return sign + digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/**
 * Exact sum of two decimals, at the larger of the two scales.
 *
 * @example
 * add('1.5', '2.25'); // '3.75'
 * add('1.50', '1'); // '2.50'
 */
export function add(a: string, b: string): string {
  const { left, right, scale } = aligned(a, b);
  return formatDecimal(left + right, scale);
}

/**
 * Exact difference `a - b`, at the larger of the two scales.
 *
 * @example
 * subtract('10.00', '0.015'); // '9.985'
 */
export function subtract(a: string, b: string): string {
  const { left, right, scale } = aligned(a, b);
  return formatDecimal(left - right, scale);
}

/**
 * Exact sum of a list, at the largest scale present; the empty list sums to `'0'`.
 *
 * @example
 * sum(['100.00', '-25.5', '0.125']); // '74.625'
 * sum([]); // '0'
 */
export function sum(values: readonly string[]): string {
  const parsed = values.map(parseDecimal);
  const scale = parsed.reduce((widest, value) => Math.max(widest, value.scale), 0);
  const total = parsed.reduce((acc, value) => acc + rescale(value.units, value.scale, scale), 0n);
  return formatDecimal(total, scale);
}

/**
 * Exact product, at scale(amount) + scale(quantity); round afterwards with {@link toCurrencyScale}.
 *
 * @example
 * multiply('19.99', '3'); // '59.97'
 * multiply('12.50', '0.333'); // '4.16250'
 */
export function multiply(amount: string, quantity: string): string {
  const x = parseDecimal(amount);
  const y = parseDecimal(quantity);
  return formatDecimal(x.units * y.units, x.scale + y.scale);
}

/**
 * Numeric comparison, ignoring scale.
 *
 * @example
 * compare('1.5', '1.50'); // 0
 * compare('-2', '1'); // -1
 */
export function compare(a: string, b: string): -1 | 0 | 1 {
  return compareScaled(parseDecimal(a), parseDecimal(b));
}

/**
 * Numeric equality, ignoring scale.
 *
 * @example
 * equals('1.5', '1.50'); // true
 */
export function equals(a: string, b: string): boolean {
  return compare(a, b) === 0;
}

/**
 * True for any spelling of zero, including `'-0.00'`.
 *
 * @example
 * isZero('0.000'); // true
 */
export function isZero(value: string): boolean {
  return parseDecimal(value).units === 0n;
}

/**
 * True when strictly below zero (`'-0'` is not negative).
 *
 * @example
 * isNegative('-0.01'); // true
 * isNegative('-0.00'); // false
 */
export function isNegative(value: string): boolean {
  return parseDecimal(value).units < 0n;
}

/**
 * Sign flipped, scale kept.
 *
 * @example
 * negate('12.50'); // '-12.50'
 * negate('0.00'); // '0.00'
 */
export function negate(value: string): string {
  const { units, scale } = parseDecimal(value);
  return formatDecimal(-units, scale);
}

/**
 * Absolute value, scale kept.
 *
 * @example
 * abs('-3.5'); // '3.5'
 */
export function abs(value: string): string {
  const { units, scale } = parseDecimal(value);
  return formatDecimal(absBigint(units), scale);
}

/**
 * The numerically smaller value, in canonical form; on a tie, `a`.
 *
 * @example
 * min('2.5', '10'); // '2.5'
 */
export function min(a: string, b: string): string {
  return canonical(compare(b, a) < 0 ? b : a);
}

/**
 * The numerically larger value, in canonical form; on a tie, `a`.
 *
 * @example
 * max('2.5', '10'); // '10'
 */
export function max(a: string, b: string): string {
  return canonical(compare(b, a) > 0 ? b : a);
}

/**
 * Rounds to `scale` fraction digits, ties to even (banker's rounding), and always prints exactly
 * `scale` digits, padding with zeros when the input is shorter. Negative values round symmetrically.
 *
 * @example
 * roundHalfEven('2.665', 2); // '2.66'
 * roundHalfEven('2.675', 2); // '2.68'
 * roundHalfEven('-2.665', 2); // '-2.66'
 * roundHalfEven('10', 2); // '10.00'
 */
export function roundHalfEven(value: string, scale: number): string {
  assertScale(scale);
  const parsed = parseDecimal(value);
  return formatDecimal(rescale(parsed.units, parsed.scale, scale), scale);
}

function scaleFor(currency: string): number {
  if (!isCurrencyCode(currency)) throw new RangeError('Unknown ISO 4217 currency code');
  return currencyScale(currency);
}

/**
 * Rounds half to even to the currency's ISO 4217 minor units. Throws `RangeError` for an unknown
 * currency code, since a typo would otherwise silently round to 2 digits.
 *
 * @example
 * toCurrencyScale('10', 'USD'); // '10.00'
 * toCurrencyScale('2.675', 'USD'); // '2.68'
 * toCurrencyScale('1250.5', 'JPY'); // '1250'
 * toCurrencyScale('1.2345', 'KWD'); // '1.234'
 */
export function toCurrencyScale(value: string, currency: string): string {
  return roundHalfEven(value, scaleFor(currency));
}

/**
 * Converts a provider's JSON number to a decimal string at the currency's scale, exactly. A number is
 * read through its shortest round-trip text (`String(n)`), so `2.675` is treated as the decimal 2.675
 * (giving `'2.68'`), not as the binary double just below it. Exponent forms are expanded by string
 * manipulation. A string argument must be JSON number text (exponent allowed), e.g. from a lossless
 * JSON parser. Throws `RangeError` for NaN, Infinity, malformed text or an unknown currency.
 *
 * @example
 * fromWireNumber(1250.5, 'USD'); // '1250.50'
 * fromWireNumber(1.5e21, 'USD'); // '1500000000000000000000.00'
 * fromWireNumber(1e-7, 'USD'); // '0.00'
 * fromWireNumber('2.5E+1', 'JPY'); // '25'
 */
export function fromWireNumber(value: number | string, currency: string): string {
  const scale = scaleFor(currency);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError('Wire number must be finite');
  }
  const parsed =
    typeof value === 'number' || typeof value === 'string' ? parseNumberText(String(value)) : undefined;
  if (parsed === undefined) throw new RangeError('Malformed wire number');
  return formatDecimal(rescale(parsed.units, parsed.scale, scale), scale);
}

/**
 * Converts a decimal string to a JSON-ready number, for provider mappings only. Throws `RangeError`
 * when a double cannot carry the value exactly: more than 15 significant digits (leading and trailing
 * zeros do not count), or a magnitude outside the normal double range. Never returns `-0`.
 *
 * @example
 * toWireNumber('1250.00'); // 1250
 * toWireNumber('123456789012.345'); // 123456789012.345
 * toWireNumber('1234567890123.456'); // throws RangeError (16 significant digits)
 */
export function toWireNumber(value: string): number {
  const { units, scale } = parseDecimal(value);
  if (units === 0n) return 0;
  const significant = absBigint(units).toString().replace(/0+$/, '');
  if (significant.length > MAX_WIRE_SIGNIFICANT_DIGITS) {
    throw new RangeError(
      `Decimal has more than ${MAX_WIRE_SIGNIFICANT_DIGITS} significant digits; a JSON number cannot carry it exactly`,
    );
  }
  const wire = Number(value);
  // Overflow gives Infinity and underflow gives 0 or a subnormal with too few bits; reading the shortest
  // text back catches all three without magnitude tables.
  const back = Number.isFinite(wire) ? parseNumberText(String(wire)) : undefined;
  if (back === undefined || compareScaled(back, { units, scale }) !== 0) {
    throw new RangeError('Decimal is outside the range a JSON number can carry exactly');
  }
  return wire;
}
