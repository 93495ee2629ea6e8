/**
 * QBO's per-realm throttle: at most 10 requests in any second and 500 in any minute. Sliding windows over
 * the instants of admitted requests, read from `Date.now()` by the caller so fake timers control it.
 */

/** Per-realm request limits; `false` turns throttling off. */
export type ThrottleLimits = { perMinute: number; perSecond: number } | false;

/** QBO's documented limits for the Accounting API. */
export const QUICKBOOKS_THROTTLE_LIMITS = { perMinute: 500, perSecond: 10 } as const;

export interface Throttle {
  /** Admits (and counts) a request, or returns false when it would exceed a limit. */
  admit(realmId: string, now: number): boolean;
  /** Forgets every counted request. */
  reset(): void;
}

const SECOND = 1_000;
const MINUTE = 60_000;

export function createThrottle(limits: ThrottleLimits): Throttle {
  const admitted = new Map<string, number[]>();
  return {
    admit(realmId, now) {
      if (limits === false) return true;
      // Instants after `now` mean a test moved the clock back; they cannot count against the new present.
      const recent = (admitted.get(realmId) ?? []).filter((at) => at > now - MINUTE && at <= now);
      const lastSecond = recent.filter((at) => at > now - SECOND).length;
      const allowed = lastSecond < limits.perSecond && recent.length < limits.perMinute;
      if (allowed) recent.push(now);
      admitted.set(realmId, recent);
      return allowed;
    },
    reset() {
      admitted.clear();
    },
  };
}
