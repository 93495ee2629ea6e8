import { describe, expect, it } from 'vitest';
import { CurrencyCode, currencyScale, isCurrencyCode } from '../../src/schema/currencies.js';
import {
  Amount,
  abs,
  add,
  compare,
  DecimalString,
  equals,
  formatDecimal,
  fromWireNumber,
  isNegative,
  isZero,
  max,
  min,
  multiply,
  negate,
  parseDecimal,
  roundHalfEven,
  subtract,
  sum,
  toCurrencyScale,
  toWireNumber,
} from '../../src/schema/money.js';

const CANARY = '987654.321';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectRangeErrorWithoutCanary(fn: () => unknown): void {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(RangeError);
  const text = `${String(error)} ${(error as Error).stack ?? ''} ${JSON.stringify(error)}`;
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain('987654');
}

describe('parseDecimal', () => {
  it.each([
    ['0', 0n, 0],
    ['-0', 0n, 0],
    ['-0.00', 0n, 2],
    ['1250.00', 125000n, 2],
    ['-3.5', -35n, 1],
    ['0.001', 1n, 3],
    ['7', 7n, 0],
    ['10', 10n, 0],
    [CANARY, 987654321n, 3],
    ['123456789012345678.0123456789', 1234567890123456780123456789n, 10],
    ['99999999999999999999999.000000000000001', 99999999999999999999999000000000000001n, 15],
  ])('parses %s', (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each([
    '',
    '-',
    '+1',
    ' 1',
    '1 ',
    '01',
    '-01.5',
    '00',
    '1.',
    '.5',
    '-.5',
    '1e3',
    '1E3',
    '1,000.00',
    '1_000',
    '0x10',
    'NaN',
    'Infinity',
    '--1',
    '1.2.3',
    '١٢٣',
    '12\n',
  ])('rejects %j with a RangeError', (text) => {
    expect(() => parseDecimal(text)).toThrow(RangeError);
  });

  it.each([`0${CANARY}`, `+${CANARY}`, `${CANARY}e2`, ` ${CANARY}`, `${CANARY}.`, `$${CANARY}`])(
    'keeps the malformed input %j out of the error',
    (text) => {
      expectRangeErrorWithoutCanary(() => parseDecimal(text));
      expectRangeErrorWithoutCanary(() => add(text, '1'));
      expectRangeErrorWithoutCanary(() => toCurrencyScale(text, 'USD'));
      expectRangeErrorWithoutCanary(() => toWireNumber(text));
    },
  );

  it.each([`0${CANARY}`, `+${CANARY}`, ` ${CANARY}`, `${CANARY}.`])(
    'keeps the malformed wire text %j out of the error',
    (text) => {
      expectRangeErrorWithoutCanary(() => fromWireNumber(text, 'USD'));
    },
  );

  it('rejects non-string input at runtime', () => {
    expect(() => parseDecimal(12 as unknown as string)).toThrow(RangeError);
  });
});

describe('formatDecimal', () => {
  it.each([
    [0n, 0, '0'],
    [0n, 2, '0.00'],
    [-0n, 2, '0.00'],
    [5n, 3, '0.005'],
    [-5n, 3, '-0.005'],
    [-1250n, 2, '-12.50'],
    [125000n, 2, '1250.00'],
    [100n, 0, '100'],
    [10n ** 30n, 2, '10000000000000000000000000000.00'],
    [-1n, 10, '-0.0000000001'],
  ])('formats %s at scale %s as %s', (units, scale, text) => {
    expect(formatDecimal(units, scale)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects scale %s', (scale) => {
    expect(() => formatDecimal(1n, scale)).toThrow(RangeError);
  });
});

describe('schemas', () => {
  it.each([
    ['0', true, true],
    ['1250.00', true, true],
    ['-3.5', true, false],
    ['-0.00', true, false],
    ['0.0000000001', true, true],
    ['0.00000000001', false, false],
    ['123456789012345678', true, true],
    ['1234567890123456789', false, false],
    ['123456789012345678.1234567890', true, true],
    ['01', false, false],
    ['1e3', false, false],
    ['+1', false, false],
    ['1.', false, false],
  ])('%s: DecimalString %s, Amount %s', (text, decimal, amount) => {
    expect(DecimalString.safeParse(text).success).toBe(decimal);
    expect(Amount.safeParse(text).success).toBe(amount);
  });

  it('keeps the input out of schema issues', () => {
    const result = DecimalString.safeParse(`0${CANARY}`);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain(CANARY);
  });

  it('describes the limits', () => {
    expect(DecimalString.description).toMatch(/18 integer digits/);
    expect(DecimalString.description).toMatch(/10 fraction digits/);
    expect(Amount.description).toMatch(/non-negative/);
    expect(CurrencyCode.description).toMatch(/ISO 4217/);
  });

  it.each([
    ['USD', true],
    ['EUR', true],
    ['JPY', true],
    ['CLF', true],
    ['UYW', true],
    ['VED', true],
    ['usd', false],
    ['US', false],
    ['USDD', false],
    ['ABC', false],
    ['', false],
  ])('CurrencyCode %s -> %s', (code, ok) => {
    expect(CurrencyCode.safeParse(code).success).toBe(ok);
    expect(isCurrencyCode(code)).toBe(ok);
  });
});

describe('currencyScale', () => {
  const zero = [
    'BIF',
    'CLP',
    'DJF',
    'GNF',
    'ISK',
    'JPY',
    'KMF',
    'KRW',
    'PYG',
    'RWF',
    'UGX',
    'UYI',
    'VND',
    'VUV',
  ];
  const cfa = ['XAF', 'XOF', 'XPF'];
  const three = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
  const four = ['CLF', 'UYW'];
  const table: Array<[string, number]> = [
    ...[...zero, ...cfa].map((code): [string, number] => [code, 0]),
    ...three.map((code): [string, number] => [code, 3]),
    ...four.map((code): [string, number] => [code, 4]),
    ...['USD', 'EUR', 'GBP', 'CAD', 'CHF', 'HUF', 'IDR', 'MGA', 'MRU', 'VES', 'ZWG'].map(
      (code): [string, number] => [code, 2],
    ),
  ];

  it.each(table)('%s has %i minor digits and is a known code', (code, scale) => {
    expect(currencyScale(code)).toBe(scale);
    expect(isCurrencyCode(code)).toBe(true);
  });

  it('defaults unknown codes to 2 without validating', () => {
    expect(currencyScale('ZZZ')).toBe(2);
  });

  it.each(table)('toCurrencyScale prints exactly the %s scale (%i)', (code, scale) => {
    const rounded = toCurrencyScale('1', code);
    expect(rounded).toBe(scale === 0 ? '1' : `1.${'0'.repeat(scale)}`);
  });
});

describe('arithmetic', () => {
  it.each([
    ['1.5', '2.25', '3.75'],
    ['1.50', '1', '2.50'],
    ['-1.5', '1.5', '0.0'],
    ['0.1', '0.2', '0.3'],
    ['-0.001', '-0.009', '-0.010'],
    ['999999999999999999.99', '0.01', '1000000000000000000.00'],
  ])('add(%s, %s) = %s', (a, b, expected) => {
    expect(add(a, b)).toBe(expected);
    expect(add(b, a)).toBe(expected);
  });

  it.each([
    ['10.00', '0.015', '9.985'],
    ['1', '1.00', '0.00'],
    ['-2', '3.5', '-5.5'],
    ['0.3', '0.1', '0.2'],
  ])('subtract(%s, %s) = %s', (a, b, expected) => {
    expect(subtract(a, b)).toBe(expected);
  });

  it.each([
    [[], '0'],
    [['5'], '5'],
    [['100.00', '-25.5', '0.125'], '74.625'],
    [['0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1'], '1.0'],
    [['-1.00', '1'], '0.00'],
  ])('sum(%j) = %s', (values, expected) => {
    expect(sum(values)).toBe(expected);
  });

  it.each([
    ['19.99', '3', '59.97'],
    ['12.50', '0.333', '4.16250'],
    ['-1.5', '-1.5', '2.25'],
    ['-1.5', '0', '0.0'],
    ['0.0000000001', '0.0000000001', '0.00000000000000000001'],
  ])('multiply(%s, %s) = %s', (a, b, expected) => {
    expect(multiply(a, b)).toBe(expected);
  });

  it.each([
    ['1.5', '1.50', 0],
    ['-2', '1', -1],
    ['1', '-2', 1],
    ['0.001', '0.0009', 1],
    ['-0', '0.00', 0],
    ['-0.01', '-0.001', -1],
  ])('compare(%s, %s) = %i', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
    expect(equals(a, b)).toBe(expected === 0);
  });

  it('classifies zero and negatives', () => {
    expect(isZero('0.000')).toBe(true);
    expect(isZero('-0.00')).toBe(true);
    expect(isZero('0.001')).toBe(false);
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-0.00')).toBe(false);
    expect(isNegative('0.01')).toBe(false);
  });

  it('negates, takes absolute values and picks min/max', () => {
    expect(negate('12.50')).toBe('-12.50');
    expect(negate('-12.50')).toBe('12.50');
    expect(negate('0.00')).toBe('0.00');
    expect(negate('-0.00')).toBe('0.00');
    expect(abs('-3.5')).toBe('3.5');
    expect(abs('3.5')).toBe('3.5');
    expect(abs('-0')).toBe('0');
    expect(min('2.5', '10')).toBe('2.5');
    expect(max('2.5', '10')).toBe('10');
    expect(min('-1', '-1.5')).toBe('-1.5');
    expect(max('-1', '-1.5')).toBe('-1');
    expect(min('1.5', '1.50')).toBe('1.5');
    expect(max('1.50', '1.5')).toBe('1.50');
    expect(min('-0', '1')).toBe('0');
  });
});

describe('rounding', () => {
  it.each([
    ['2.675', 2, '2.68'],
    ['2.665', 2, '2.66'],
    ['-2.665', 2, '-2.66'],
    ['-2.675', 2, '-2.68'],
    ['2.6650000001', 2, '2.67'],
    ['-2.6649999999', 2, '-2.66'],
    ['0.5', 0, '0'],
    ['1.5', 0, '2'],
    ['2.5', 0, '2'],
    ['-0.5', 0, '0'],
    ['-1.5', 0, '-2'],
    ['-2.5', 0, '-2'],
    ['-0.004', 2, '0.00'],
    ['-0.005', 2, '0.00'],
    ['-0.0051', 2, '-0.01'],
    ['0.015', 2, '0.02'],
    ['0.025', 2, '0.02'],
    ['9.995', 2, '10.00'],
    ['-9.995', 2, '-10.00'],
    ['10', 2, '10.00'],
    ['1.2', 4, '1.2000'],
    ['1.23', 2, '1.23'],
    ['123.456', 0, '123'],
  ])('roundHalfEven(%s, %i) = %s', (value, scale, expected) => {
    expect(roundHalfEven(value, scale)).toBe(expected);
  });

  it.each([
    ['10', 'USD', '10.00'],
    ['2.675', 'USD', '2.68'],
    ['2.665', 'USD', '2.66'],
    ['-2.665', 'USD', '-2.66'],
    ['1250.5', 'JPY', '1250'],
    ['1251.5', 'JPY', '1252'],
    ['-1250.5', 'JPY', '-1250'],
    ['1.2345', 'KWD', '1.234'],
    ['1.2355', 'KWD', '1.236'],
    ['1', 'CLF', '1.0000'],
    ['0.00005', 'UYW', '0.0000'],
    ['0.00015', 'UYW', '0.0002'],
  ])('toCurrencyScale(%s, %s) = %s', (value, currency, expected) => {
    expect(toCurrencyScale(value, currency)).toBe(expected);
  });

  it('rejects an unknown currency rather than guessing a scale', () => {
    expect(() => toCurrencyScale('1', 'JPN')).toThrow(RangeError);
    expect(() => toCurrencyScale('1', 'usd')).toThrow(RangeError);
  });

  it('rejects a bad scale', () => {
    expect(() => roundHalfEven('1', -1)).toThrow(RangeError);
    expect(() => roundHalfEven('1', 0.5)).toThrow(RangeError);
  });
});

describe('fromWireNumber', () => {
  it.each([
    [1250.5, 'USD', '1250.50'],
    [2.675, 'USD', '2.68'],
    [2.665, 'USD', '2.66'],
    [0.1 + 0.2, 'USD', '0.30'],
    [-0, 'USD', '0.00'],
    [1e-7, 'USD', '0.00'],
    [-1e-7, 'USD', '0.00'],
    [1.5e-7, 'USD', '0.00'],
    [5e-3, 'USD', '0.00'],
    [1.5e-2, 'USD', '0.02'],
    [1e21, 'USD', '1000000000000000000000.00'],
    [1.5e21, 'USD', '1500000000000000000000.00'],
    [-1.5e21, 'USD', '-1500000000000000000000.00'],
    [1.2345e25, 'JPY', '12345000000000000000000000'],
    [5e-324, 'USD', '0.00'],
    [1.7976931348623157e308, 'JPY', `17976931348623157${'0'.repeat(292)}`],
    [1250.5, 'JPY', '1250'],
    [1.2345, 'KWD', '1.234'],
    ['1.5e+21', 'USD', '1500000000000000000000.00'],
    ['1.5E21', 'USD', '1500000000000000000000.00'],
    ['1e-7', 'USD', '0.00'],
    ['2.5E+1', 'JPY', '25'],
    ['-12.345e1', 'USD', '-123.45'],
    ['123456789012345678901234.5', 'USD', '123456789012345678901234.50'],
  ])('fromWireNumber(%s, %s) = %s', (value, currency, expected) => {
    expect(fromWireNumber(value, currency)).toBe(expected);
  });

  it.each([
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    'NaN',
    'Infinity',
    '',
    '1e',
    '+1',
    '01',
    '.5',
    '1e100000',
  ])('rejects %s with a RangeError', (value) => {
    expect(() => fromWireNumber(value, 'USD')).toThrow(RangeError);
  });

  it('rejects an unknown currency', () => {
    expect(() => fromWireNumber(1, 'XYZ')).toThrow(RangeError);
  });
});

describe('toWireNumber', () => {
  it.each([
    ['0', 0],
    ['-0.00', 0],
    ['1250.00', 1250],
    ['-3.5', -3.5],
    ['0.001', 0.001],
    ['123456789012.345', 123456789012.345],
    ['999999999999999', 999999999999999],
    ['1000000000000000000000', 1e21],
    ['0.000000000000000000000000000001', 1e-30],
    ['12345678901234.50000', 12345678901234.5],
  ])('toWireNumber(%s) = %s', (value, expected) => {
    expect(toWireNumber(value)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(toWireNumber('-0.00'), 0)).toBe(true);
  });

  it.each([
    '1234567890123.456',
    '9007199254740993',
    '0.1234567890123456',
    '-1234567890123456',
    '1000000000000001',
  ])('rejects %s (more than 15 significant digits)', (value) => {
    expect(() => toWireNumber(value)).toThrow(RangeError);
  });

  it('rejects magnitudes a double cannot carry', () => {
    expect(() => toWireNumber(`1${'0'.repeat(400)}`)).toThrow(RangeError);
    expect(() => toWireNumber(`0.${'0'.repeat(400)}1`)).toThrow(RangeError);
  });

  it('keeps the value out of the precision error', () => {
    expectRangeErrorWithoutCanary(() => toWireNumber('987654.3210000000001'));
  });
});
