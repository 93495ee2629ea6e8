import { LedgerError } from './errors.js';
import type { LimiterConfig, LimiterCorrection, LimiterSnapshot, LimiterStore } from './limiter-store.js';
import { memoryLimiterStore } from './limiter-store.js';
import { mostRestrictive, type RateLimitInfo } from './rate-limit-info.js';

export type { LimiterConfig, RateWindow } from './limiter-store.js';

/** Gives permission to send; call the returned function when the request has finished. */
export type Release = () => void;

/** Waits for a slot in one budget, first come first served within a lane, round robin across lanes. */
export interface Limiter {
  /**
   * Resolves when a request may be sent. `lane` separates callers sharing one budget (connections under
   * one app-wide limit), which take turns so a noisy one cannot starve a quiet one.
   */
  acquire(options?: {
    readonly lane?: string | undefined;
    readonly signal?: AbortSignal | undefined;
  }): Promise<Release>;
  /** Applies what the provider's latest response said about the budget. */
  correct(correction: LimiterCorrection): Promise<void>;
  /**
   * Until when the provider paused this budget, as this limiter last heard (a 429's Retry-After); undefined
   * when no pause is pending. Read without the store, so callers can check it on every request.
   */
  pausedUntil(): number | undefined;
  /** The budget's current state. */
  inspect(): Promise<LimiterSnapshot>;
  /** The budget as normalised rate-limit info: the tightest window's remaining requests and reset. */
  status(): Promise<RateLimitInfo | undefined>;
  /** Requests waiting, across lanes. */
  readonly queued: number;
}

/** How often a limiter waiting on concurrency looks at a shared store again. */
const CONCURRENCY_POLL_MS = 250;

interface Waiter {
  readonly resolve: (release: Release) => void;
  readonly reject: (error: LedgerError) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * Creates a proactive limiter over one budget (a connection's provider limits, or an app-wide limit
 * shared by connections): requests wait until every sliding window, the concurrency cap, the provider's
 * reported remaining count and any Retry-After pause allow them, so bursts are spread out instead of
 * meeting 429s.
 */
export function createLimiter(
  config: LimiterConfig,
  options: { readonly key?: string; readonly store?: LimiterStore } = {},
): Limiter {
  const store = options.store ?? memoryLimiterStore();
  const key = options.key ?? 'default';
  const lanes = new Map<string, Waiter[]>();
  let rotation: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumping = false;
  let pumpAgain = false;
  let queued = 0;
  let knownPause: number | undefined;

  function nextLane(): string | undefined {
    // Round robin: the lane served last goes to the back.
    for (let index = 0; index < rotation.length; index += 1) {
      const lane = rotation[index]!;
      if ((lanes.get(lane)?.length ?? 0) > 0) return lane;
    }
    return undefined;
  }

  function rotate(lane: string): void {
    rotation = [...rotation.filter((entry) => entry !== lane), lane];
  }

  function schedule(delay: number): void {
    if (timer !== undefined) return;
    // Waiting on concurrency: a release through this limiter pumps at once, but one through another
    // instance sharing the store (another process) cannot, so look again after a short while.
    const wait = Number.isFinite(delay) ? delay : CONCURRENCY_POLL_MS;
    timer = setTimeout(() => {
      timer = undefined;
      void pump();
    }, wait);
  }

  function clearTimer(): void {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  }

  async function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        for (let lane = nextLane(); lane !== undefined; lane = nextLane()) {
          const decision = await store.acquire(key, config, Date.now());
          if (!decision.granted) {
            schedule(decision.retryInMs);
            break;
          }
          const waiters = lanes.get(lane)!;
          const waiter = waiters.shift();
          rotate(lane);
          if (!waiter) {
            await store.release(key, decision.slot, Date.now());
            continue;
          }
          queued -= 1;
          waiter.signal?.removeEventListener('abort', waiter.onAbort);
          let released = false;
          waiter.resolve(() => {
            if (released) return;
            released = true;
            void store.release(key, decision.slot, Date.now()).then(pump);
          });
        }
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
  }

  return {
    get queued() {
      return queued;
    },
    acquire({ lane = 'default', signal } = {}) {
      if (signal?.aborted) return Promise.reject(new LedgerError({ code: 'aborted' }));
      return new Promise<Release>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const waiters = lanes.get(lane) ?? [];
            const index = waiters.indexOf(waiter);
            if (index >= 0) {
              waiters.splice(index, 1);
              queued -= 1;
            }
            if (queued === 0) clearTimer();
            reject(new LedgerError({ code: 'aborted' }));
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        if (!lanes.has(lane)) {
          lanes.set(lane, []);
          rotation.push(lane);
        }
        lanes.get(lane)!.push(waiter);
        queued += 1;
        void pump();
      });
    },
    async correct(correction) {
      if (correction.pausedUntil !== undefined) {
        knownPause = Math.max(knownPause ?? 0, correction.pausedUntil);
      }
      await store.correct(key, correction, Date.now());
      // A pause may have been lifted or tightened; re-evaluate with a fresh timer.
      clearTimer();
      void pump();
    },
    pausedUntil() {
      if (knownPause !== undefined && knownPause <= Date.now()) knownPause = undefined;
      return knownPause;
    },
    inspect() {
      return store.inspect(key, config, Date.now());
    },
    async status() {
      const now = Date.now();
      const snapshot = await store.inspect(key, config, now);
      const perWindow: RateLimitInfo[] = config.windows.map((window, index) => {
        const freesAt = snapshot.freesAt[index];
        return {
          limit: window.limit,
          remaining: Math.max(0, window.limit - (snapshot.used[index] ?? 0)),
          resetSeconds: freesAt === undefined ? 0 : Math.max(0, Math.ceil((freesAt - now) / 1000)),
          windowSeconds: Math.round(window.windowMs / 1000),
          scope: window.windowMs <= 1_000 ? 'second' : window.windowMs <= 60_000 ? 'minute' : 'day',
          policy: `${key.split(':')[0] ?? 'provider'}-${window.limit}-per-${Math.round(window.windowMs / 1000)}s`,
        };
      });
      if (snapshot.pausedUntil !== undefined) {
        perWindow.push({
          remaining: 0,
          resetSeconds: Math.ceil((snapshot.pausedUntil - now) / 1000),
          scope: 'minute',
        });
      }
      if (snapshot.serverRemaining !== undefined) perWindow.push({ remaining: snapshot.serverRemaining });
      return mostRestrictive(...perWindow);
    },
  };
}
