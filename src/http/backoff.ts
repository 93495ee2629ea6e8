import pRetry from 'p-retry';
import { isLedgerError, LedgerError } from './errors.js';

/** How a call retries. Defaults suit interactive agents: a few quick retries inside a bounded wait. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 3. */
  readonly retries?: number | undefined;
  /** Most total time spent waiting between attempts, in milliseconds. Default 30 000. */
  readonly maxWaitMs?: number | undefined;
  /** First backoff ceiling in milliseconds; doubles each retry (full jitter). Default 250. */
  readonly baseDelayMs?: number | undefined;
  /** Largest backoff ceiling in milliseconds. Default 8 000. */
  readonly maxDelayMs?: number | undefined;
}

/** Counters a call reports on its result or error. */
export interface RetryReport {
  attempts: number;
  waitedMs: number;
}

/** Options for one retried call. */
export interface RetryOptions {
  readonly policy?: RetryPolicy | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Whether this particular failure may be retried (the caller knows if a write carries a key). */
  readonly canRetry: (error: LedgerError) => boolean;
  /** Source of randomness for jitter; replaceable in tests. */
  readonly random?: (() => number) | undefined;
}

const DEFAULTS = { retries: 3, maxWaitMs: 30_000, baseDelayMs: 250, maxDelayMs: 8_000 } as const;

/** How long a call may wait, in total, unless its policy says otherwise. */
export const DEFAULT_MAX_WAIT_MS = DEFAULTS.maxWaitMs;

/**
 * Runs `attempt` with p-retry as the single retry owner. Each wait is the longer of full-jitter
 * exponential backoff and what the provider asked for (`retryAt`). When the provider asks for more than
 * the remaining budget, the call fails at once with a RateLimitError carrying `retryAt` instead of sleeping.
 * Every error that escapes carries the attempt count.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<{ value: T; report: RetryReport }> {
  const policy = resolvePolicy(options.policy);
  const random = options.random ?? Math.random;
  const report: RetryReport = { attempts: 0, waitedMs: 0 };
  try {
    const value: T = await pRetry(
      async (attemptNumber) => {
        report.attempts = attemptNumber;
        return attempt(attemptNumber);
      },
      {
        retries: policy.retries,
        // p-retry's own delay is turned off: the wait is computed (and slept) in onFailedAttempt, where
        // the provider's Retry-After is known.
        minTimeout: 0,
        factor: 1,
        randomize: false,
        ...(options.signal ? { signal: options.signal } : {}),
        shouldRetry: ({ error }) => isLedgerError(error) && options.canRetry(error),
        onFailedAttempt: async ({ error, retriesLeft, attemptNumber }) => {
          if (!isLedgerError(error) || !options.canRetry(error) || retriesLeft <= 0) return;
          const requested = requestedDelay(error);
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
          // Full jitter: on top of a provider's Retry-After the spread is as long as the wait it asked for,
          // so clients throttled together come back spread over the next window, not all at its start.
          const spread = requested > 0 ? requested : ceiling;
          const delay = requested + Math.floor(random() * spread);
          const remaining = policy.maxWaitMs - report.waitedMs;
          if (requested > remaining) {
            // The provider wants more time than the caller's budget: say when, instead of sleeping.
            throw error.with({ attempts: attemptNumber, waitedMs: report.waitedMs });
          }
          const wait = Math.min(delay, remaining);
          report.waitedMs += wait;
          await sleep(wait, options.signal);
        },
      },
    );
    return { value, report };
  } catch (error) {
    throw withAttempts(error, report, options.signal);
  }
}

function requestedDelay(error: LedgerError): number {
  if (error.retryAt === undefined) return 0;
  const at = Date.parse(error.retryAt);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

function withAttempts(error: unknown, report: RetryReport, signal: AbortSignal | undefined): LedgerError {
  const { attempts, waitedMs } = report;
  if (isLedgerError(error)) {
    return error.attempts === attempts && error.waitedMs === waitedMs
      ? error
      : error.with({ attempts, waitedMs });
  }
  if (signal?.aborted) return new LedgerError({ code: 'aborted', attempts, waitedMs });
  return new LedgerError({ code: 'internal', attempts, waitedMs });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LedgerError({ code: 'aborted' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function resolvePolicy(policy: RetryPolicy | undefined): Required<{ [Key in keyof RetryPolicy]: number }> {
  return {
    retries: policy?.retries ?? DEFAULTS.retries,
    maxWaitMs: policy?.maxWaitMs ?? DEFAULTS.maxWaitMs,
    baseDelayMs: policy?.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: policy?.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
}
