/**
 * Xero's limits: per tenant 60 calls in any minute, 5,000 in any 24 hours and 5 in flight at once; per app
 * 10,000 in any minute across tenants. Sliding windows over admitted calls, read from `Date.now()` by the
 * caller so fake timers control them. A rejected call does not count. The app's minute lives in an
 * {@link AppWindow}: the simulator's own, or one shared with other tenants' simulators through `createXeroApp`.
 */
import { type AppWindow, createAppWindow, XERO_APP_PER_MINUTE } from './app.js';
import { createInstantLog, type InstantLog } from './instant-log.js';

/** Which limit a 429 names in `X-Rate-Limit-Problem`. */
export type XeroRateLimitProblem = 'minute' | 'day' | 'appminute' | 'concurrent';

/** Limits a simulator enforces; see `XeroSimulatorOptions.throttle`. */
export interface XeroThrottleLimits {
  /** Calls per tenant in any minute. */
  readonly perMinute: number;
  /** Calls per tenant in any 24 hours. */
  readonly perDay: number;
  /** Calls per tenant in flight at once. */
  readonly concurrent: number;
  /** Calls per app in any minute; with a shared `app`, set it on `createXeroApp` instead. */
  readonly appPerMinute: number;
}

/** Xero's documented limits. */
export const XERO_THROTTLE_LIMITS: XeroThrottleLimits = {
  perMinute: 60,
  perDay: 5_000,
  concurrent: 5,
  appPerMinute: XERO_APP_PER_MINUTE,
};

/** What the three limit headers say. */
export interface RemainingCalls {
  readonly minute: number;
  readonly day: number;
  readonly appMinute: number;
}

export type Admission =
  | { readonly admitted: true; readonly release: () => void; readonly remaining: RemainingCalls }
  | {
      readonly admitted: false;
      readonly problem: XeroRateLimitProblem;
      readonly retryAfterSeconds: number;
      readonly remaining: RemainingCalls;
    };

export interface Throttle {
  admit(tenantId: string, now: number): Admission;
  remaining(tenantId: string, now: number): RemainingCalls;
  /** Forgets the tenants' calls and this throttle's share of the app minute; other tenants' shares stay. */
  reset(): void;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * `false` counts calls for the headers (against Xero's own limits) but never refuses one; a partial object
 * overrides some limits (a test of the day limit sets `perDay: 3`). `app` is a window shared with other
 * tenants' throttles; without it the throttle keeps an app minute of its own.
 */
export function createThrottle(option: Partial<XeroThrottleLimits> | false, app?: AppWindow): Throttle {
  if (app && option !== false && option.appPerMinute !== undefined) {
    // Two app limits for one shared window would be ambiguous; the app's own is the one its tenants share.
    throw new TypeError(
      'createXeroSimulator: with `app`, set appPerMinute on createXeroApp, not on throttle',
    );
  }
  const enforce = option !== false;
  const limits = { ...XERO_THROTTLE_LIMITS, ...(option === false ? {} : option) };
  const tenants = new Map<string, { calls: InstantLog; inFlight: number }>();
  const appWindow = app ?? createAppWindow(limits.appPerMinute);
  // Marks this throttle's calls in a shared window, so `reset()` takes back these and no other tenant's.
  const owner = {};

  const tenant = (id: string) => {
    let found = tenants.get(id);
    if (!found) {
      found = { calls: createInstantLog(), inFlight: 0 };
      tenants.set(id, found);
    }
    return found;
  };
  const remaining = (id: string, now: number): RemainingCalls => {
    const { calls } = tenant(id);
    return {
      minute: Math.max(0, limits.perMinute - calls.count(now, MINUTE)),
      day: Math.max(0, limits.perDay - calls.count(now, DAY)),
      appMinute: Math.max(0, appWindow.limit - appWindow.count(now)),
    };
  };
  /** Seconds until `blocking` leaves its window: Retry-After, at least 1. */
  const waitSeconds = (blocking: number | undefined, window: number, now: number) =>
    Math.max(1, Math.ceil(((blocking ?? now) + window - now) / 1000));

  return {
    remaining,
    admit(id, now) {
      const state = tenant(id);
      state.calls.prune(now - DAY);
      const before = remaining(id, now);
      let refusal: { problem: XeroRateLimitProblem; retryAfterSeconds: number } | undefined;
      if (enforce) {
        if (before.day === 0) {
          refusal = {
            problem: 'day',
            retryAfterSeconds: waitSeconds(state.calls.blocking(now, DAY, limits.perDay), DAY, now),
          };
        } else if (before.appMinute === 0) {
          refusal = {
            problem: 'appminute',
            retryAfterSeconds: waitSeconds(appWindow.blocking(now), MINUTE, now),
          };
        } else if (before.minute === 0) {
          refusal = {
            problem: 'minute',
            retryAfterSeconds: waitSeconds(state.calls.blocking(now, MINUTE, limits.perMinute), MINUTE, now),
          };
        } else if (state.inFlight >= limits.concurrent) {
          refusal = { problem: 'concurrent', retryAfterSeconds: 1 };
        }
      }
      if (refusal) return { admitted: false, ...refusal, remaining: before };
      state.calls.add(now);
      appWindow.record(now, owner);
      state.inFlight += 1;
      let released = false;
      return {
        admitted: true,
        remaining: remaining(id, now),
        release() {
          if (released) return;
          released = true;
          state.inFlight -= 1;
        },
      };
    },
    reset() {
      tenants.clear();
      appWindow.forget(owner);
    },
  };
}
