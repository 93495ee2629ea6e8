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

// `/Date(1518685950940+0000)/`: milliseconds since the epoch (UTC), and optionally the offset of the zone the
// value was written in. Xero (and other WCF-era APIs) send dates and instants this way.
const MS_JSON_DATE = /^\/Date\((-?\d{1,15})([+-])?(\d{2})?(\d{2})?\)\/$/;
// ISO 8601 calendar date with an optional time, fraction and zone, as Xero's `…String` fields carry them.
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)([Zz]|[+-]\d{2}:?\d{2})?)?$/;

interface ParsedMsDate {
  /** Epoch milliseconds of the instant. */
  readonly epochMs: number;
  /** Minutes east of UTC of the zone the value was written in (0 when it names none). */
  readonly offsetMinutes: number;
}

function parseMsJsonDate(value: unknown): ParsedMsDate | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? { epochMs: value, offsetMinutes: 0 } : undefined;
  if (typeof value !== 'string') return undefined;
  const ms = MS_JSON_DATE.exec(value);
  if (ms) {
    const [, millis = '', sign, hours = '00', minutes = '00'] = ms;
    const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
    return { epochMs: Number(millis), offsetMinutes: offset };
  }
  const iso = ISO_DATE_TIME.exec(value);
  if (!iso) return undefined;
  const [, date = '', time = '00:00:00', zone] = iso;
  const seconds = time.length === 5 ? `${time}:00` : time;
  const zoneText =
    zone === undefined || /^[Zz]$/.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const epochMs = Date.parse(`${date}T${seconds}${zoneText}`);
  if (Number.isNaN(epochMs)) return undefined;
  const offsetMinutes =
    zoneText === 'Z'
      ? 0
      : (zoneText.startsWith('-') ? -1 : 1) *
        (Number(zoneText.slice(1, 3)) * 60 + Number(zoneText.slice(4, 6)));
  return { epochMs, offsetMinutes };
}

function inRange(epochMs: number): boolean {
  // AccountingDate and Timestamp accept years 1900-9999; anything outside is corrupt, not a date.
  return epochMs >= -2_208_988_800_000 && epochMs < 253_402_300_800_000;
}

/**
 * `$msDate(value)`: a calendar date `YYYY-MM-DD` from an MS-JSON date (`/Date(1518652800000+0000)/`, read in
 * the zone it names), an ISO 8601 date or date-time (read as written), or epoch milliseconds. Undefined for
 * anything else, so a required field fails validation instead of carrying garbage.
 */
export function msDate(value: unknown): string | undefined {
  const parsed = parseMsJsonDate(value);
  if (!parsed || !inRange(parsed.epochMs)) return undefined;
  return new Date(parsed.epochMs + parsed.offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * `$msTimestamp(value)`: an RFC 3339 UTC instant (`2018-02-15T09:12:30.940Z`) from an MS-JSON date, an ISO
 * 8601 date-time (no zone means UTC, as Xero's `…UTC` fields are written) or epoch milliseconds.
 */
export function msTimestamp(value: unknown): string | undefined {
  const parsed = parseMsJsonDate(value);
  if (!parsed || !inRange(parsed.epochMs)) return undefined;
  return new Date(parsed.epochMs).toISOString();
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
  msDate: { implementation: (value) => msDate(value), signature: '<(sn)?:s>' },
  msTimestamp: { implementation: (value) => msTimestamp(value), signature: '<(sn)?:s>' },
};

/** Registers {@link MAPPING_FUNCTIONS} on a JSONata expression. */
export function registerMappingFunctions(expression: jsonata.Expression): void {
  for (const [name, definition] of Object.entries(MAPPING_FUNCTIONS)) {
    expression.registerFunction(name, definition.implementation, definition.signature);
  }
}
