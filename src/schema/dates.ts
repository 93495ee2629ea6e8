import { z } from 'zod';

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 section 5.6 `date-time`: "T" and "Z" may be lower case, seconds are mandatory, fraction is
// any length, offsets need the colon.
const TIMESTAMP_SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

// Fixed messages: dates of service are PHI, so inputs never reach error text.
const MALFORMED_DATE =
  'Malformed accounting date: expected a real calendar date YYYY-MM-DD in years 1900-9999';
const MALFORMED_TIMESTAMP =
  'Malformed timestamp: expected an RFC 3339 date-time with "Z" or a numeric offset';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`). Used
 * instead of `Date.UTC`, which maps years 0-99 to 1900-1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseAccountingDate(value: string): { year: number; month: number; day: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE_SHAPE.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Epoch milliseconds of an RFC 3339 timestamp, or `undefined` when it is not one. */
function timestampToEpochMs(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIMESTAMP_SHAPE.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zulu, offsetSign, offsetHours, offsetMinutes] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offset = 0;
  if (zulu === undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return undefined;
    offset = (offsetSign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const localMinutes = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute;
  const utcMinutes = localMinutes - offset;
  if (second === 60) {
    // RFC 3339 5.7: a leap second can only be the last second of a UTC month; Date cannot represent
    // it, so it is held at the final millisecond of that minute (same calendar day in every zone).
    const utcDay = Math.floor(utcMinutes / 1440);
    const next = civilFromDays(utcDay + 1);
    if (utcMinutes - utcDay * 1440 !== 1439 || next.day !== 1) return undefined;
    return utcMinutes * 60_000 + 59_999;
  }
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  return utcMinutes * 60_000 + second * 1000 + millis;
}

/**
 * A calendar date without time or zone, as used for posting, due and service dates: `YYYY-MM-DD`,
 * a real Gregorian date, years 1900-9999.
 *
 * @example
 * AccountingDate.parse('2024-02-29'); // '2024-02-29'
 * AccountingDate.safeParse('2025-02-29').success; // false
 */
export const AccountingDate = z
  .string()
  .regex(DATE_SHAPE, { error: 'Expected a date in YYYY-MM-DD form' })
  .refine(isAccountingDate, { error: 'Expected a real calendar date in years 1900-9999' })
  .describe('Calendar date YYYY-MM-DD (a real Gregorian date, years 1900-9999), e.g. "2026-03-31".');

/** A `YYYY-MM-DD` calendar date, as validated by {@link AccountingDate}. */
export type AccountingDate = z.infer<typeof AccountingDate>;

/**
 * An RFC 3339 date-time with a `Z` or numeric `±hh:mm` offset. Seconds are required; any number of
 * fraction digits is allowed; `T`/`Z` may be lower case and a leap second (`:60`) is accepted at the
 * end of a UTC month, as RFC 3339 permits (zod's `z.iso.datetime` rejects both, hence the own check).
 *
 * @example
 * Timestamp.parse('2026-03-01T02:00:00Z');
 * Timestamp.parse('2026-02-28T18:00:00.125-08:00');
 * Timestamp.safeParse('2026-03-01T02:00:00').success; // false (no offset)
 */
export const Timestamp = z
  .string()
  .refine((value) => timestampToEpochMs(value) !== undefined, { error: MALFORMED_TIMESTAMP })
  .describe(
    'RFC 3339 date-time with "Z" or a numeric offset, seconds required, optional fractional seconds, e.g. "2026-03-01T02:00:00Z" or "2026-02-28T18:00:00.125-08:00".',
  );

/** An RFC 3339 date-time string, as validated by {@link Timestamp}. */
export type Timestamp = z.infer<typeof Timestamp>;

/**
 * True when `value` is a valid {@link AccountingDate}.
 *
 * @example
 * isAccountingDate('2026-02-28'); // true
 * isAccountingDate('2026-02-30'); // false
 */
export function isAccountingDate(value: string): boolean {
  return parseAccountingDate(value) !== undefined;
}

function requireDate(value: string): { year: number; month: number; day: number } {
  const parsed = parseAccountingDate(value);
  if (parsed === undefined) throw new RangeError(MALFORMED_DATE);
  return parsed;
}

/**
 * Chronological comparison of two accounting dates. Throws `RangeError` if either is invalid.
 *
 * @example
 * compareDates('2026-01-31', '2026-02-01'); // -1
 */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  requireDate(a);
  requireDate(b);
  // Fixed-width, zero-padded fields make string order chronological.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The date `days` calendar days after `date` (negative to go back). Throws `RangeError` for an invalid
 * date, a non-integer count, or a result outside 1900-9999.
 *
 * @example
 * addDays('2024-02-28', 1); // '2024-02-29'
 * addDays('2026-03-01', -1); // '2026-02-28'
 */
export function addDays(date: string, days: number): string {
  const { year, month, day } = requireDate(date);
  if (!Number.isSafeInteger(days)) throw new RangeError('Day count must be a safe integer');
  const result = civilFromDays(daysFromCivil(year, month, day) + days);
  if (result.year < MIN_YEAR || result.year > MAX_YEAR) {
    throw new RangeError('Resulting date is outside years 1900-9999');
  }
  return formatDate(result.year, result.month, result.day);
}

// One formatter per zone name: zone names are configuration, never payload data.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown zone before anything is cached.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date of an instant as seen in an IANA time zone (default `'UTC'`). Throws `RangeError`
 * for a malformed timestamp, an unknown zone, or a date outside 1900-9999.
 *
 * @example
 * toAccountingDate('2026-03-01T02:00:00Z'); // '2026-03-01'
 * toAccountingDate('2026-03-01T02:00:00Z', 'America/Los_Angeles'); // '2026-02-28'
 * toAccountingDate('2026-02-28T20:00:00-08:00', 'Asia/Tokyo'); // '2026-03-01'
 */
export function toAccountingDate(timestamp: string, timeZone = 'UTC'): string {
  const epochMs = timestampToEpochMs(timestamp);
  if (epochMs === undefined) throw new RangeError(MALFORMED_TIMESTAMP);
  const formatter = dateFormatter(timeZone);
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  let beforeCommonEra = false;
  for (const part of formatter.formatToParts(epochMs)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'era') beforeCommonEra = part.value === 'BC';
  }
  if (beforeCommonEra || !(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw new RangeError('Timestamp falls outside years 1900-9999');
  }
  return formatDate(year, month, day);
}
