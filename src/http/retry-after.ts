/** Largest Retry-After we believe; anything longer is treated as garbage rather than obeyed. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * Reads a `Retry-After` value (delay-seconds or an HTTP-date) into seconds from `now`. Malformed, negative,
 * past or absurdly distant values give undefined, so a hostile or broken header cannot stall a caller.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : undefined;
  }
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const seconds = Math.ceil((at - now) / 1000);
  return seconds > 0 && seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : undefined;
}

/** RFC 3339 instant `seconds` from `now`. */
export function retryAtFrom(seconds: number, now: number = Date.now()): string {
  return new Date(now + seconds * 1000).toISOString();
}
