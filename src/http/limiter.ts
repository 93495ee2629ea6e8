import { LedgerError } from './errors.js';

/** One budget: at most `limit` requests in any `windowMs` sliding window. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** A provider's known limits for one connection. */
export interface LimiterConfig {
  readonly windows: readonly RateWindow[];
  /** Requests in flight at once; undefined for no cap. */
  readonly concurrency?: number | undefined;
}

/** Gives permission to send; call the returned function when the request has finished. */
export interface Limiter {
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Requests waiting for a slot. */
  readonly queued: number;
}

interface Waiter {
  readonly resolve: (release: () => void) => void;
  readonly reject: (error: LedgerError) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * A proactive per-connection limiter: requests wait (first in, first out) until every sliding window and
 * the concurrency cap allow them, so a burst from an agent is spread out instead of meeting 429s. Each
 * connection has its own, so one clinic's burst never delays another's.
 */
export function createLimiter(config: LimiterConfig): Limiter {
  // A slot counts against the windows from the moment it is granted; its instant is when the response
  // came back (Infinity while in flight). The provider admitted the request somewhere in between, so
  // timing windows from completion is the conservative choice: transit delays cannot make a burst look
  // denser to the provider than it looked to us.
  const slots: { at: number }[] = [];
  const longestWindow = Math.max(0, ...config.windows.map((window) => window.windowMs));
  const waiters: Waiter[] = [];
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Milliseconds until a request may go, 0 when it may go now. */
  /** Milliseconds until a request may go: 0 now, Infinity when only a completion can free a slot. */
  function delayNow(now: number): number {
    for (let index = slots.length - 1; index >= 0; index -= 1) {
      if (slots[index]!.at <= now - longestWindow) slots.splice(index, 1);
    }
    let delay = 0;
    for (const window of config.windows) {
      const inWindow = slots
        .map((slot) => slot.at)
        .filter((at) => at > now - window.windowMs)
        .sort((a, b) => a - b);
      if (inWindow.length >= window.limit) {
        const oldestThatMatters = inWindow[inWindow.length - window.limit]!;
        delay = Math.max(delay, oldestThatMatters + window.windowMs - now);
      }
    }
    return delay;
  }

  function release(slot: { at: number }): void {
    slot.at = Date.now();
    inFlight -= 1;
    pump();
  }

  function pump(): void {
    while (waiters.length > 0) {
      if (config.concurrency !== undefined && inFlight >= config.concurrency) return;
      const now = Date.now();
      const delay = delayNow(now);
      if (delay === Number.POSITIVE_INFINITY) return;
      if (delay > 0) {
        if (timer === undefined) {
          timer = setTimeout(() => {
            timer = undefined;
            pump();
          }, delay);
        }
        return;
      }
      const waiter = waiters.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      const slot = { at: Number.POSITIVE_INFINITY };
      slots.push(slot);
      inFlight += 1;
      let released = false;
      waiter.resolve(() => {
        if (!released) {
          released = true;
          release(slot);
        }
      });
    }
  }

  return {
    get queued() {
      return waiters.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(new LedgerError({ code: 'aborted' }));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            reject(new LedgerError({ code: 'aborted' }));
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        waiters.push(waiter);
        pump();
      });
    },
  };
}
