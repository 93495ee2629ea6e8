import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  formatDecimal,
  fromWireNumber,
  multiply,
  parseDecimal,
  roundHalfEven,
  subtract,
  sum,
  toCurrencyScale,
} from '../../src/schema/money.js';

// 100 significant digits covers every product of two 28-digit operands, so decimal.js is exact here.
Decimal.set({ precision: 100, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -1000, toExpPos: 1000 });

const RUNS = { numRuns: 500 };
const MAX_UNITS = 10n ** 28n;

/** Canonical decimal strings of both signs, scale 0..10, up to 28 digits. */
const decimal = fc
  .record({ units: fc.bigInt({ min: -MAX_UNITS, max: MAX_UNITS }), scale: fc.integer({ min: 0, max: 10 }) })
  .map(({ units, scale }) => formatDecimal(units, scale));

/** Small-magnitude decimals so ties and carries near the rounding digit are common. */
const smallDecimal = fc
  .record({ units: fc.bigInt({ min: -100_000n, max: 100_000n }), scale: fc.integer({ min: 0, max: 10 }) })
  .map(({ units, scale }) => formatDecimal(units, scale));

const anyDecimal = fc.oneof(decimal, smallDecimal);

/** Decimals with at most 15 significant digits, which a double carries exactly. */
const wireSafeDecimal = fc
  .record({
    units: fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
    scale: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ units, scale }) => formatDecimal(units, scale));

function scaleOf(value: string): number {
  return parseDecimal(value).scale;
}

/** decimal.js fixed notation at a given scale, with "-0" folded to "0" as formatDecimal does. */
function reference(value: Decimal, scale: number): string {
  return value.isZero() ? new Decimal(0).toFixed(scale) : value.toFixed(scale);
}

describe('money agrees with decimal.js', () => {
  it('add', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const scale = Math.max(scaleOf(a), scaleOf(b));
        expect(add(a, b)).toBe(reference(new Decimal(a).plus(b), scale));
      }),
      RUNS,
    );
  });

  it('subtract', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const scale = Math.max(scaleOf(a), scaleOf(b));
        expect(subtract(a, b)).toBe(reference(new Decimal(a).minus(b), scale));
      }),
      RUNS,
    );
  });

  it('multiply', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const scale = scaleOf(a) + scaleOf(b);
        expect(multiply(a, b)).toBe(reference(new Decimal(a).times(b), scale));
      }),
      RUNS,
    );
  });

  it('sum', () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { maxLength: 12 }), (values) => {
        const scale = values.reduce((widest, value) => Math.max(widest, scaleOf(value)), 0);
        const expected = values.reduce((acc, value) => acc.plus(value), new Decimal(0));
        expect(sum(values)).toBe(reference(expected, scale));
      }),
      RUNS,
    );
  });

  it('compare', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        expect(compare(a, b)).toBe(new Decimal(a).comparedTo(b));
      }),
      RUNS,
    );
  });

  it('roundHalfEven', () => {
    fc.assert(
      fc.property(anyDecimal, fc.integer({ min: 0, max: 12 }), (value, scale) => {
        expect(roundHalfEven(value, scale)).toBe(
          reference(new Decimal(value).toDecimalPlaces(scale, Decimal.ROUND_HALF_EVEN), scale),
        );
      }),
      RUNS,
    );
  });
});

describe('algebraic laws', () => {
  it('add is commutative', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        expect(add(a, b)).toBe(add(b, a));
      }),
      RUNS,
    );
  });

  it('add is associative', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, anyDecimal, (a, b, c) => {
        expect(add(add(a, b), c)).toBe(add(a, add(b, c)));
      }),
      RUNS,
    );
  });

  it('sum equals folding add', () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { maxLength: 12 }), (values) => {
        expect(sum(values)).toBe(values.reduce((acc, value) => add(acc, value), '0'));
      }),
      RUNS,
    );
  });

  it('formatDecimal(parseDecimal(x)) round-trips canonical strings', () => {
    fc.assert(
      fc.property(anyDecimal, (value) => {
        const { units, scale } = parseDecimal(value);
        expect(formatDecimal(units, scale)).toBe(value);
      }),
      RUNS,
    );
  });

  it('fromWireNumber(Number(x)) equals toCurrencyScale(x) for at most 15 significant digits', () => {
    fc.assert(
      fc.property(wireSafeDecimal, (value) => {
        expect(fromWireNumber(Number(value), 'USD')).toBe(toCurrencyScale(value, 'USD'));
      }),
      RUNS,
    );
  });
});
