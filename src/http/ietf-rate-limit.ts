import { type Item, parseList, Token } from 'structured-headers';
import { mostRestrictive, type RateLimitInfo } from './rate-limit-info.js';
import { parseRetryAfter } from './retry-after.js';

/** Anything with a case-insensitive `get`, such as `Headers`. */
export interface HeaderSource {
  get(name: string): string | null;
}

const MAX_SECONDS = 86_400 * 31;
const MAX_COUNT = 10_000_000;

function boundedInteger(value: unknown, max: number): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max
    ? value
    : undefined;
}

function plainInteger(text: string | null, max: number): number | undefined {
  if (text === null || !/^\s*\d{1,12}\s*$/.test(text)) return undefined;
  return boundedInteger(Number(text), max);
}

function policyName(item: Item[0]): string | undefined {
  const name = item instanceof Token ? item.toString() : typeof item === 'string' ? item : undefined;
  return name !== undefined && /^[A-Za-z0-9_.:-]{1,64}$/.test(name) ? name : undefined;
}

function safeList(text: string | null): ReturnType<typeof parseList> {
  if (text === null || text.length > 4096) return [];
  try {
    return parseList(text);
  } catch {
    // A malformed structured field is ignored as a whole, as RFC 9651 asks of recipients.
    return [];
  }
}

/** `RateLimit-Policy` items by name: quota and window. */
function policies(headers: HeaderSource): Map<string, { limit?: number; window?: number }> {
  const found = new Map<string, { limit?: number; window?: number }>();
  for (const [value, parameters] of safeList(headers.get('ratelimit-policy'))) {
    if (Array.isArray(value)) continue;
    const name = policyName(value);
    if (!name) continue;
    const limit = boundedInteger(parameters.get('q'), MAX_COUNT);
    const window = boundedInteger(parameters.get('w'), MAX_SECONDS);
    found.set(name, {
      ...(limit === undefined ? {} : { limit }),
      ...(window === undefined ? {} : { window }),
    });
  }
  return found;
}

/**
 * Reads the IETF rate-limit fields in both forms: the structured `RateLimit` / `RateLimit-Policy` lists of
 * the current draft (several policies at once, the most restrictive wins) and the older lower-case trio
 * `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`. `Retry-After` wins over any reset. Garbage,
 * negative and absurd values are ignored rather than trusted.
 */
export function parseIetfRateLimit(
  headers: HeaderSource,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  const known = policies(headers);
  const candidates: RateLimitInfo[] = [];
  for (const [value, parameters] of safeList(headers.get('ratelimit'))) {
    if (Array.isArray(value)) continue;
    const name = policyName(value);
    const remaining = boundedInteger(parameters.get('r'), MAX_COUNT);
    const reset = boundedInteger(parameters.get('t'), MAX_SECONDS);
    if (remaining === undefined && reset === undefined) continue;
    const policy = name === undefined ? undefined : known.get(name);
    candidates.push({
      remaining,
      resetSeconds: reset,
      limit: policy?.limit,
      windowSeconds: policy?.window,
      policy: name,
    });
  }
  const trio: RateLimitInfo = {
    limit: plainInteger(headers.get('ratelimit-limit'), MAX_COUNT),
    remaining: plainInteger(headers.get('ratelimit-remaining'), MAX_COUNT),
    resetSeconds: plainInteger(headers.get('ratelimit-reset'), MAX_SECONDS),
  };
  if (trio.limit !== undefined || trio.remaining !== undefined || trio.resetSeconds !== undefined)
    candidates.push(trio);
  const chosen = mostRestrictive(...candidates);
  if (!chosen && retryAfter === undefined) return undefined;
  return { ...chosen, ...(retryAfter === undefined ? {} : { resetSeconds: retryAfter, remaining: 0 }) };
}
