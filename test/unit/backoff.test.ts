import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withRetries } from '../../src/http/backoff.js';
import {
  type LedgerError,
  ProviderUnavailableError,
  RateLimitError,
  ValidationError,
} from '../../src/http/errors.js';

describe('withRetries (p-retry as the single retry owner)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries retryable errors and reports attempts', async () => {
    let calls = 0;
    const promise = withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw new ProviderUnavailableError({ httpStatus: 503 });
        return 'ok';
      },
      { canRetry: (error) => error.retryable, random: () => 0.5 },
    );
    await vi.runAllTimersAsync();
    const { value, report } = await promise;
    expect(value).toBe('ok');
    expect(report.attempts).toBe(3);
  });

  it('does not retry what the caller forbids and stamps the attempt count', async () => {
    let calls = 0;
    const error = await withRetries(
      async () => {
        calls += 1;
        throw new ValidationError({});
      },
      { canRetry: (failure) => failure.retryable },
    ).catch((caught: unknown) => caught);
    expect(calls).toBe(1);
    expect((error as LedgerError).attempts).toBe(1);
  });

  it('sends nothing before the time a 429 allowed', async () => {
    const sentAt: number[] = [];
    const promise = withRetries(
      async () => {
        sentAt.push(Date.now());
        if (sentAt.length === 1)
          throw new RateLimitError({ retryAt: new Date(Date.now() + 7_000).toISOString() });
        return 'ok';
      },
      { canRetry: (error) => error.retryable, random: () => 0 },
    );
    await vi.runAllTimersAsync();
    await promise;
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(7_000);
  });

  it('fails at once with retryAt when the server asks for more than the budget', async () => {
    const start = Date.now();
    let calls = 0;
    const error = await withRetries(
      async () => {
        calls += 1;
        throw new RateLimitError({ retryAt: new Date(Date.now() + 120_000).toISOString() });
      },
      { canRetry: (failure) => failure.retryable, policy: { maxWaitMs: 10_000 } },
    ).catch((caught: unknown) => caught);
    expect(calls).toBe(1);
    expect(Date.now()).toBe(start);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAt).toBe(new Date(start + 120_000).toISOString());
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const promise = withRetries(
      async () => {
        throw new ProviderUnavailableError({});
      },
      { canRetry: () => true, signal: controller.signal, random: () => 1, policy: { baseDelayMs: 5_000 } },
    ).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await promise;
    expect((error as LedgerError).code).toBe('aborted');
  });
});
