/**
 * A queue of transport and server faults that a simulator consults before handling each request, so tests
 * can reproduce the failures the SDK must survive: 5xx, timeouts, resets before and after a write commits,
 * truncated bodies and rate limiting. Provider-neutral: each simulator decides what a fault looks like on
 * its own wire.
 */

/** The failure a simulator should produce instead of (or around) its normal answer. */
export type FaultKind =
  /** Answer with a 5xx and the provider's error body; nothing is applied. */
  | 'server_error'
  /** Hang, then answer 504; nothing is applied. A client with a deadline sees a timeout. */
  | 'timeout'
  /** Drop the connection before anything is applied: the client sees a network error. */
  | 'drop_before_commit'
  /** Apply the request (a write commits), then drop the connection: the client cannot know it succeeded. */
  | 'drop_after_commit'
  /** Answer 200 with a truncated JSON body; nothing is applied. */
  | 'malformed_json'
  /** Answer 429 in the provider's throttling format; nothing is applied. */
  | 'rate_limit';

/** One fault to inject. Unset matchers match every request. */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** Only requests with this HTTP method (case-insensitive). */
  readonly method?: string;
  /** Only requests whose path (including the query string, so `operation=void` works) contains this text. */
  readonly pathIncludes?: string;
  /** How many matching requests the fault fires for: a positive integer or `Infinity`. Default 1. */
  readonly times?: number;
  /** Overrides the HTTP status the simulator would use for this kind. */
  readonly status?: number;
  /**
   * For `timeout`: how long to hang before answering. Default: until the request's `AbortSignal` fires,
   * or 120 s.
   */
  readonly delayMs?: number;
  /** For `rate_limit`: send a `Retry-After` header with this many seconds. */
  readonly retryAfterSeconds?: number;
}

/** What a request is matched on. */
export interface FaultMatch {
  readonly method: string;
  readonly path: string;
}

/** The pending faults of one simulator. */
export interface FaultInjector {
  /** Queues a fault behind the ones already pending. */
  inject(fault: FaultSpec): void;
  /**
   * Returns the oldest pending fault that matches the request and uses up one of its `times`, or
   * `undefined` when none matches.
   */
  take(match: FaultMatch): FaultSpec | undefined;
  /** Drops every pending fault. */
  clear(): void;
  /** How many firings remain across all pending faults (the sum of their remaining `times`). */
  readonly pending: number;
}

interface PendingFault {
  readonly spec: FaultSpec;
  remaining: number;
}

function matches(spec: FaultSpec, match: FaultMatch): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== match.method.toUpperCase()) return false;
  return spec.pathIncludes === undefined || match.path.includes(spec.pathIncludes);
}

function validTimes(times: number): boolean {
  return times === Number.POSITIVE_INFINITY || (Number.isSafeInteger(times) && times >= 1);
}

/**
 * Creates an empty fault injector.
 *
 * @example
 * const faults = createFaultInjector();
 * faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/invoice' });
 * faults.take({ method: 'POST', path: '/v3/company/1/invoice?requestid=k1' }); // the fault, once
 */
export function createFaultInjector(): FaultInjector {
  let queue: PendingFault[] = [];
  return {
    inject(fault) {
      const times = fault.times ?? 1;
      if (!validTimes(times)) throw new RangeError('FaultSpec.times must be a positive integer or Infinity');
      queue.push({ spec: Object.freeze({ ...fault }), remaining: times });
    },
    take(match) {
      const index = queue.findIndex((pending) => matches(pending.spec, match));
      const found = queue[index];
      if (found === undefined) return undefined;
      found.remaining -= 1;
      if (found.remaining <= 0) queue.splice(index, 1);
      return found.spec;
    },
    clear() {
      queue = [];
    },
    get pending() {
      return queue.reduce((total, pending) => total + pending.remaining, 0);
    },
  };
}

/** How long a `timeout` fault hangs when it sets no `delayMs` and the client never aborts. */
export const DEFAULT_TIMEOUT_FAULT_MS = 120_000;

/**
 * Hangs the way a `timeout` fault should: for `fault.delayMs`, or until `signal` aborts (the client gave up)
 * when no delay is set, capped at {@link DEFAULT_TIMEOUT_FAULT_MS}. An abort always ends the wait early.
 * Uses `setTimeout`, so tests that fake timers must advance them.
 */
export function waitForTimeoutFault(fault: FaultSpec, signal: AbortSignal | undefined): Promise<void> {
  const delay = fault.delayMs ?? DEFAULT_TIMEOUT_FAULT_MS;
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, delay);
    signal?.addEventListener('abort', finish, { once: true });
  });
}
