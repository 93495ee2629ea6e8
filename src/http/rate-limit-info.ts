import { serializeList } from 'structured-headers';

/** Which budget a rate limit describes. */
export type RateLimitScope = 'second' | 'minute' | 'day' | 'app' | 'concurrency';

/**
 * A provider's rate-limit state normalised to the IETF RateLimit fields: how many requests the window
 * allows, how many remain, and how many seconds until it resets. Plain data, so it survives JSON (tool
 * results, logs); render it as HTTP fields with {@link rateLimitHeaders}.
 */
export interface RateLimitInfo {
  /** Requests the window allows (the policy's quota `q`). */
  readonly limit?: number | undefined;
  /** Requests left in the window (`r`). */
  readonly remaining?: number | undefined;
  /** Seconds until the window resets, or until a retry is allowed after a 429 (`t`). */
  readonly resetSeconds?: number | undefined;
  /** Length of the policy's window in seconds (`w`). */
  readonly windowSeconds?: number | undefined;
  /** The budget this describes. */
  readonly scope?: RateLimitScope | undefined;
  /** A policy name such as `quickbooks-realm-minute` (identifier syntax, never free text). */
  readonly policy?: string | undefined;
}

const POLICY_SYNTAX = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Seconds until the budget allows another request: 0 when some remain, the reset when none do. */
export function waitSeconds(info: RateLimitInfo): number {
  if (info.remaining === undefined || info.remaining > 0) return 0;
  return info.resetSeconds ?? 0;
}

/**
 * The most restrictive of several budgets: the one that makes a caller wait longest, then the one with
 * the fewest requests left. Undefined entries are ignored.
 */
export function mostRestrictive(...infos: readonly (RateLimitInfo | undefined)[]): RateLimitInfo | undefined {
  let chosen: RateLimitInfo | undefined;
  for (const info of infos) {
    if (!info) continue;
    if (!chosen) {
      chosen = info;
      continue;
    }
    const wait = waitSeconds(info) - waitSeconds(chosen);
    if (wait > 0) chosen = info;
    else if (
      wait === 0 &&
      (info.remaining ?? Number.POSITIVE_INFINITY) < (chosen.remaining ?? Number.POSITIVE_INFINITY)
    ) {
      chosen = info;
    }
  }
  return chosen;
}

/**
 * Renders a rate-limit state as HTTP response fields for hosts that re-expose it to their own clients:
 * the lower-case trio (`ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`) that many clients read,
 * and the structured `RateLimit` and `RateLimit-Policy` fields of the current IETF draft (RFC 9651 lists).
 *
 * @example
 * ```ts
 * rateLimitHeaders({ limit: 500, remaining: 12, resetSeconds: 30, windowSeconds: 60, policy: 'realm' });
 * // { 'ratelimit-limit': '500', 'ratelimit-remaining': '12', 'ratelimit-reset': '30',
 * //   'RateLimit': '"realm";r=12;t=30', 'RateLimit-Policy': '"realm";q=500;w=60' }
 * ```
 */
export function rateLimitHeaders(info: RateLimitInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  const integer = (value: number | undefined) =>
    value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const limit = integer(info.limit);
  const remaining = integer(info.remaining);
  const reset = integer(info.resetSeconds === undefined ? undefined : Math.ceil(info.resetSeconds));
  const window = integer(info.windowSeconds);
  if (limit !== undefined) headers['ratelimit-limit'] = String(limit);
  if (remaining !== undefined) headers['ratelimit-remaining'] = String(remaining);
  if (reset !== undefined) headers['ratelimit-reset'] = String(reset);
  const name = info.policy !== undefined && POLICY_SYNTAX.test(info.policy) ? info.policy : 'default';
  if (remaining !== undefined || reset !== undefined) {
    const parameters = new Map<string, number>();
    if (remaining !== undefined) parameters.set('r', remaining);
    if (reset !== undefined) parameters.set('t', reset);
    headers.RateLimit = serializeList([[name, parameters]]);
  }
  if (limit !== undefined) {
    const parameters = new Map<string, number>([['q', limit]]);
    if (window !== undefined) parameters.set('w', window);
    headers['RateLimit-Policy'] = serializeList([[name, parameters]]);
  }
  return headers;
}
