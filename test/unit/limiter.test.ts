import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withRetries } from '../../src/http/backoff.js';
import { RateLimitError } from '../../src/http/errors.js';
import { createLimiter } from '../../src/http/limiter.js';
import { memoryLimiterStore } from '../../src/http/limiter-store.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('jittered retries after a 429', () => {
  it('100 clients told to wait 10 s come back spread over at least half of the next window, none early', async () => {
    const start = Date.now();
    const retriedAt: number[] = [];
    const clients = Array.from({ length: 100 }, () => {
      let calls = 0;
      return withRetries(
        async () => {
          calls += 1;
          if (calls === 1) throw new RateLimitError({ retryAt: new Date(start + 10_000).toISOString() });
          retriedAt.push(Date.now() - start);
          return 'ok';
        },
        { canRetry: (error) => error.retryable },
      );
    });
    await vi.runAllTimersAsync();
    await Promise.all(clients);
    expect(Math.min(...retriedAt)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...retriedAt) - Math.min(...retriedAt)).toBeGreaterThanOrEqual(5_000);
  });
});

describe('proactive limiter', () => {
  it('never grants more than a window allows and spaces the rest out', async () => {
    const limiter = createLimiter({ windows: [{ limit: 10, windowMs: 1_000 }] });
    const grantedAt: number[] = [];
    const start = Date.now();
    const requests = Array.from({ length: 35 }, async () => {
      const release = await limiter.acquire();
      grantedAt.push(Date.now() - start);
      release();
    });
    await vi.runAllTimersAsync();
    await Promise.all(requests);
    grantedAt.sort((a, b) => a - b);
    for (let index = 10; index < grantedAt.length; index += 1) {
      expect(grantedAt[index]! - grantedAt[index - 10]!).toBeGreaterThanOrEqual(1_000);
    }
    expect(grantedAt.at(-1)).toBeLessThan(4_000);
  });

  it('caps concurrency and serves waiters as slots free up', async () => {
    const limiter = createLimiter({ windows: [], concurrency: 3 });
    let inFlight = 0;
    let peak = 0;
    const requests = Array.from({ length: 12 }, async () => {
      const release = await limiter.acquire();
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight -= 1;
      release();
    });
    await vi.runAllTimersAsync();
    await Promise.all(requests);
    expect(peak).toBe(3);
  });

  it('pauses everything until a Retry-After passes, and follows the provider’s remaining count', async () => {
    const limiter = createLimiter({ windows: [{ limit: 100, windowMs: 60_000 }] });
    const start = Date.now();
    await limiter.correct({ pausedUntil: start + 7_000 });
    const paused = limiter.acquire().then((release) => {
      release();
      return Date.now() - start;
    });
    await vi.runAllTimersAsync();
    expect(await paused).toBeGreaterThanOrEqual(7_000);

    await limiter.correct({ remaining: 2, resetAt: Date.now() + 30_000 });
    const grants: number[] = [];
    const base = Date.now();
    const burst = Array.from({ length: 4 }, async () => {
      const release = await limiter.acquire();
      grants.push(Date.now() - base);
      release();
    });
    await vi.runAllTimersAsync();
    await Promise.all(burst);
    expect(grants.filter((at) => at < 30_000)).toHaveLength(2);
    expect((await limiter.inspect()).inFlight).toBe(0);
  });

  it('serves lanes of a shared budget in turn, so a noisy connection cannot starve a quiet one', async () => {
    const shared = createLimiter(
      { windows: [{ limit: 10, windowMs: 1_000 }] },
      { store: memoryLimiterStore(), key: 'app' },
    );
    const order: string[] = [];
    const noisy = Array.from({ length: 50 }, async () => {
      const release = await shared.acquire({ lane: 'noisy' });
      order.push('noisy');
      release();
    });
    const quiet = Array.from({ length: 5 }, async () => {
      const release = await shared.acquire({ lane: 'quiet' });
      order.push('quiet');
      release();
    });
    await vi.runAllTimersAsync();
    await Promise.all([...noisy, ...quiet]);
    // All five quiet requests are served within the first 10 grants, not after the 50 noisy ones.
    expect(order.slice(0, 10).filter((lane) => lane === 'quiet')).toHaveLength(5);
  });

  it('an aborted waiter leaves the queue', async () => {
    const limiter = createLimiter({ windows: [], concurrency: 1 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire({ signal: controller.signal });
    expect(limiter.queued).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
    expect(limiter.queued).toBe(0);
    first();
  });
});
