/**
 * Xero's date forms. Dates and instants travel as MS-JSON (`/Date(1552262400000+0000)/`); `…String` fields
 * and `DateString` carry `2019-03-11T00:00:00`. The simulated organisation keeps UTC, and everything reads
 * `Date.now()` through its callers, so vitest fake timers apply.
 */

const DAY_MS = 86_400_000;

/** `/Date(ms+0000)/`: how record dates and `UpdatedDateUTC` are written. */
export function msDateTime(epochMs: number): string {
  return `/Date(${epochMs}+0000)/`;
}

/** `/Date(ms)/`: how a response's `DateTimeUTC` is written. */
export function msInstant(epochMs: number): string {
  return `/Date(${epochMs})/`;
}

/** A calendar date `YYYY-MM-DD` as an MS-JSON date at midnight UTC. */
export function msDate(date: string): string {
  return msDateTime(Date.parse(`${date}T00:00:00Z`));
}

/** `2019-03-11T00:00:00`, Xero's `DateString` for a calendar date. */
export function dateString(date: string): string {
  return `${date}T00:00:00`;
}

/** `2019-11-14T18:10:38Z`, Xero's `UpdatedDateUTCString`. */
export function instantString(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

/** Epoch milliseconds of an MS-JSON date, or undefined. */
export function msEpoch(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

/** The calendar date an MS-JSON date names. */
export function calendarDate(value: unknown): string | undefined {
  const epoch = msEpoch(value);
  return epoch === undefined ? undefined : new Date(epoch).toISOString().slice(0, 10);
}

/** Today in the organisation's zone (UTC). */
export function today(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** `date` plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A date a request sent: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss` or MS-JSON. Undefined when it is none of these.
 */
export function requestDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const plain = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(value);
  if (plain?.[1] && !Number.isNaN(Date.parse(`${plain[1]}T00:00:00Z`))) return plain[1];
  return calendarDate(value);
}

/**
 * `If-Modified-Since` as Xero reads it: an ISO 8601 date-time (UTC when it names no zone) or an HTTP date.
 */
export function parseIfModifiedSince(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/.test(text);
  const epoch = iso && !/([zZ]|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(`${text}Z`) : Date.parse(text);
  return Number.isNaN(epoch) ? undefined : epoch;
}
