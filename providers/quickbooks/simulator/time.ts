/**
 * QBO timestamps. QBO renders times in the company's time zone with an explicit offset; the simulated
 * company sits in US Pacific standard time (a fixed -08:00, so results never depend on the host's zone or on
 * daylight saving). Everything reads `Date.now()` through its callers, so vitest fake timers apply.
 */

const OFFSET_MINUTES = -8 * 60;
const OFFSET_TEXT = '-08:00';

function shifted(epochMs: number): string {
  return new Date(epochMs + OFFSET_MINUTES * 60_000).toISOString();
}

/** `2026-03-02T11:04:10.123-08:00`, the form of a response's `time`. */
export function responseTime(epochMs: number): string {
  return `${shifted(epochMs).slice(0, 23)}${OFFSET_TEXT}`;
}

/** `2026-03-02T11:04:10-08:00`, the form of `MetaData.CreateTime` and `LastUpdatedTime`. */
export function metaDataTime(epochMs: number): string {
  return `${shifted(epochMs).slice(0, 19)}${OFFSET_TEXT}`;
}

/** `2026-03-02`, the company-local date, which QBO uses as the default `TxnDate`. */
export function localDate(epochMs: number): string {
  return shifted(epochMs).slice(0, 10);
}
