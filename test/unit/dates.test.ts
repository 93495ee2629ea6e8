import { describe, expect, it } from 'vitest';
import {
  AccountingDate,
  addDays,
  compareDates,
  isAccountingDate,
  Timestamp,
  toAccountingDate,
} from '../../src/schema/dates.js';

const CANARY_DATE = '1987-06-54';
const CANARY_TIMESTAMP = '1987-06-05T04:03:02';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('AccountingDate', () => {
  it.each([
    ['2026-01-01', true],
    ['2026-12-31', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-01-01', true],
    ['9999-12-31', true],
    ['2026-04-30', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['1899-12-31', false],
    ['0000-01-01', false],
    ['10000-01-01', false],
    ['2026-1-01', false],
    ['2026-01-1', false],
    ['26-01-01', false],
    ['2026/01/01', false],
    ['20260101', false],
    ['2026-01-01T00:00:00Z', false],
    [' 2026-01-01', false],
    ['2026-01-01\n', false],
    ['', false],
  ])('%j -> %s', (value, ok) => {
    expect(AccountingDate.safeParse(value).success).toBe(ok);
    expect(isAccountingDate(value)).toBe(ok);
  });

  it('describes itself and keeps the input out of issues', () => {
    expect(AccountingDate.description).toMatch(/YYYY-MM-DD/);
    const result = AccountingDate.safeParse(CANARY_DATE);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain(CANARY_DATE);
  });
});

describe('Timestamp', () => {
  it.each([
    ['2026-03-01T02:00:00Z', true],
    ['2026-03-01T02:00:00.1Z', true],
    ['2026-03-01T02:00:00.123456789Z', true],
    ['2026-03-01T02:00:00+05:30', true],
    ['2026-03-01T02:00:00-08:00', true],
    ['2026-03-01T02:00:00-00:00', true],
    ['2026-03-01T02:00:00+23:59', true],
    ['2026-03-01t02:00:00z', true],
    ['2024-02-29T23:59:59Z', true],
    ['2016-12-31T23:59:60Z', true],
    ['2017-01-01T08:59:60+09:00', true],
    ['2015-06-30T23:59:60.5Z', true],
    ['2026-03-01T02:00:00', false],
    ['2026-03-01T02:00Z', false],
    ['2026-03-01 02:00:00Z', false],
    ['2026-03-01T02:00:00+0530', false],
    ['2026-03-01T02:00:00+05', false],
    ['2026-03-01T02:00:00+24:00', false],
    ['2026-03-01T02:00:00+05:60', false],
    ['2026-03-01T02:00:00.Z', false],
    ['2026-03-01T24:00:00Z', false],
    ['2026-03-01T23:60:00Z', false],
    ['2026-03-01T23:59:61Z', false],
    ['2016-12-30T23:59:60Z', false],
    ['2016-12-31T23:58:60Z', false],
    ['2026-02-30T02:00:00Z', false],
    ['2025-02-29T00:00:00Z', false],
    ['2026-13-01T00:00:00Z', false],
    ['2026-03-01', false],
    ['', false],
  ])('%j -> %s', (value, ok) => {
    expect(Timestamp.safeParse(value).success).toBe(ok);
  });

  it('describes itself', () => {
    expect(Timestamp.description).toMatch(/RFC 3339/);
  });
});

describe('toAccountingDate', () => {
  it.each([
    ['2026-03-01T02:00:00Z', undefined, '2026-03-01'],
    ['2026-03-01T02:00:00Z', 'UTC', '2026-03-01'],
    ['2026-03-01T02:00:00Z', 'America/Los_Angeles', '2026-02-28'],
    ['2024-03-01T02:00:00Z', 'America/Los_Angeles', '2024-02-29'],
    ['2026-03-01T07:59:59Z', 'America/Los_Angeles', '2026-02-28'],
    ['2026-03-01T08:00:00Z', 'America/Los_Angeles', '2026-03-01'],
    ['2026-02-28T20:00:00-08:00', 'Asia/Tokyo', '2026-03-01'],
    ['2026-02-28T20:00:00-08:00', undefined, '2026-03-01'],
    ['2026-12-31T10:30:00Z', 'Pacific/Kiritimati', '2027-01-01'],
    ['2026-01-01T10:59:59Z', 'Pacific/Pago_Pago', '2025-12-31'],
    ['2026-06-30T18:30:00Z', 'Asia/Kolkata', '2026-07-01'],
    ['2026-06-30T18:29:59.999Z', 'Asia/Kolkata', '2026-06-30'],
    ['2026-03-08T09:59:59Z', 'America/New_York', '2026-03-08'],
    ['2026-03-31T23:30:00+01:00', 'Europe/London', '2026-03-31'],
    ['2026-03-01T00:00:00+14:00', undefined, '2026-02-28'],
    ['2016-12-31T23:59:60Z', undefined, '2016-12-31'],
    ['2016-12-31T23:59:60Z', 'Asia/Tokyo', '2017-01-01'],
    ['2026-03-01t02:00:00z', 'America/Los_Angeles', '2026-02-28'],
  ])('%s in %s is %s', (timestamp, zone, expected) => {
    expect(toAccountingDate(timestamp, zone)).toBe(expected);
  });

  it('rejects malformed timestamps without echoing them', () => {
    for (const bad of [CANARY_TIMESTAMP, `${CANARY_TIMESTAMP}+0100`, `${CANARY_TIMESTAMP}Q`]) {
      const error = thrownBy(() => toAccountingDate(bad));
      expect(error).toBeInstanceOf(RangeError);
      expect(String(error)).not.toContain(CANARY_TIMESTAMP);
    }
  });

  it('rejects an unknown time zone', () => {
    expect(() => toAccountingDate('2026-03-01T02:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('rejects instants whose local date is outside 1900-9999', () => {
    expect(() => toAccountingDate('1899-12-31T23:00:00Z')).toThrow(RangeError);
    expect(() => toAccountingDate('0001-01-01T00:00:00Z')).toThrow(RangeError);
    expect(() => toAccountingDate('9999-12-31T23:00:00Z', 'Asia/Tokyo')).toThrow(RangeError);
    expect(toAccountingDate('1900-01-01T05:00:00Z', 'UTC')).toBe('1900-01-01');
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-01-15', 0, '2026-01-15'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2026-05-31', 30, '2026-06-30'],
    ['1999-12-31', 731, '2001-12-31'],
    ['2026-03-15', -10_000, '1998-10-28'],
    ['1900-01-01', 2_958_463, '9999-12-31'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects invalid input and out-of-range results', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('1900-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('compareDates', () => {
  it.each([
    ['2026-01-31', '2026-02-01', -1],
    ['2026-02-01', '2026-01-31', 1],
    ['2026-02-01', '2026-02-01', 0],
    ['1999-12-31', '2000-01-01', -1],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it('rejects invalid dates without echoing them', () => {
    const error = thrownBy(() => compareDates(CANARY_DATE, '2026-01-01'));
    expect(error).toBeInstanceOf(RangeError);
    expect(String(error)).not.toContain(CANARY_DATE);
  });
});
