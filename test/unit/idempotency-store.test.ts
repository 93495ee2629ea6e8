import { describe, expect, it } from 'vitest';
import {
  assertSameWrite,
  createInFlightRegistry,
  createMemoryIdempotencyStore,
  type IdempotencyOutcome,
} from '../../src/executor/idempotency/index.js';
import {
  ConfigurationError,
  IdempotencyConflictError,
  isLedgerError,
  LedgerError,
  ValidationError,
} from '../../src/http/errors.js';

const FINGERPRINT = 'f'.repeat(43);
const OTHER_FINGERPRINT = 'g'.repeat(43);

function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

describe('memory idempotency store', () => {
  it('claims a new key once and reports the existing record afterwards', async () => {
    const clock = manualClock();
    const store = createMemoryIdempotencyStore({ now: clock.now });
    expect(await store.claim('k1', FINGERPRINT)).toEqual({ claimed: true });
    const second = await store.claim('k1', FINGERPRINT);
    expect(second).toEqual({
      claimed: false,
      record: { key: 'k1', fingerprint: FINGERPRINT, status: 'in_flight', updatedAt: clock.now() },
    });
    expect(await store.get('k1')).toEqual({
      key: 'k1',
      fingerprint: FINGERPRINT,
      status: 'in_flight',
      updatedAt: clock.now(),
    });
    expect(await store.get('missing')).toBeUndefined();
  });

  it('makes exactly one of many concurrent claims win', async () => {
    const store = createMemoryIdempotencyStore();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('k', FINGERPRINT)));
    expect(results.filter((result) => result.claimed)).toHaveLength(1);
  });

  it('records the outcome and replays it to the next claim', async () => {
    const clock = manualClock();
    const store = createMemoryIdempotencyStore({ now: clock.now });
    await store.claim('k1', FINGERPRINT);
    clock.advance(5);
    await store.complete('k1', {
      status: 'succeeded',
      resource: 'invoice',
      entityId: '123',
      effect: 'created',
    });
    const replay = await store.claim('k1', FINGERPRINT);
    expect(replay).toEqual({
      claimed: false,
      record: {
        key: 'k1',
        fingerprint: FINGERPRINT,
        status: 'succeeded',
        resource: 'invoice',
        entityId: '123',
        effect: 'created',
        updatedAt: clock.now(),
      },
    });
  });

  it('keeps metadata only: extra outcome fields never reach the record', async () => {
    const store = createMemoryIdempotencyStore();
    await store.claim('k1', FINGERPRINT);
    const outcome = {
      status: 'succeeded',
      entityId: '9',
      payload: { patientName: 'CANARY-PATIENT' },
    } as IdempotencyOutcome;
    await store.complete('k1', outcome);
    const record = await store.get('k1');
    expect(Object.keys(record ?? {}).sort()).toEqual([
      'entityId',
      'fingerprint',
      'key',
      'status',
      'updatedAt',
    ]);
    expect(JSON.stringify(record)).not.toContain('CANARY');
    expect(Object.isFrozen(record)).toBe(true);
  });

  it('refuses free text and unknown statuses, without echoing them', async () => {
    const store = createMemoryIdempotencyStore();
    await store.claim('k1', FINGERPRINT);
    const error = await store
      .complete('k1', { status: 'succeeded', entityId: 'Jane Doe invoice' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(JSON.stringify(error)).not.toContain('Jane');
    await expect(
      store.complete('k1', { status: 'in_flight' } as unknown as IdempotencyOutcome),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(store.claim('has space', FINGERPRINT)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.claim('k2', '')).rejects.toBeInstanceOf(ValidationError);
  });

  it('lets a reconciled uncertain write be updated', async () => {
    const store = createMemoryIdempotencyStore();
    await store.claim('k1', FINGERPRINT);
    await store.complete('k1', { status: 'uncertain' });
    await store.complete('k1', { status: 'succeeded', entityId: '77' });
    expect(await store.get('k1')).toMatchObject({
      status: 'succeeded',
      entityId: '77',
      fingerprint: FINGERPRINT,
    });
  });

  it('throws internal when completing a key that was never claimed', async () => {
    const store = createMemoryIdempotencyStore();
    const error = await store.complete('nope', { status: 'failed' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('internal');
  });

  it('releases in-flight and failed keys so they can be retried, but never applied or uncertain ones', async () => {
    const store = createMemoryIdempotencyStore();
    await store.claim('in-flight', FINGERPRINT);
    await store.release('in-flight');
    expect(await store.claim('in-flight', FINGERPRINT)).toEqual({ claimed: true });

    await store.claim('failed', FINGERPRINT);
    await store.complete('failed', { status: 'failed' });
    await store.release('failed');
    expect(await store.get('failed')).toBeUndefined();
    expect(await store.claim('failed', FINGERPRINT)).toEqual({ claimed: true });

    for (const status of ['succeeded', 'uncertain'] as const) {
      await store.claim(status, FINGERPRINT);
      await store.complete(status, { status });
      await store.release(status);
      expect((await store.get(status))?.status).toBe(status);
    }
    await expect(store.release('never-seen')).resolves.toBeUndefined();
  });

  it('expires records after the TTL, measured from the last update', async () => {
    const clock = manualClock();
    const store = createMemoryIdempotencyStore({ ttlMs: 1000, now: clock.now });
    await store.claim('k1', FINGERPRINT);
    clock.advance(600);
    await store.complete('k1', { status: 'succeeded', entityId: '1' });
    clock.advance(999);
    expect(await store.get('k1')).toMatchObject({ status: 'succeeded' });
    clock.advance(1);
    expect(await store.get('k1')).toBeUndefined();
    expect(await store.claim('k1', OTHER_FINGERPRINT)).toEqual({ claimed: true });
  });

  it('treats an in-flight record older than the TTL as abandoned', async () => {
    const clock = manualClock();
    const store = createMemoryIdempotencyStore({ ttlMs: 1000, now: clock.now });
    await store.claim('k1', FINGERPRINT);
    clock.advance(1000);
    expect(await store.claim('k1', FINGERPRINT)).toEqual({ claimed: true });
  });

  it('evicts the oldest completed records first and never in-flight ones', async () => {
    const clock = manualClock();
    const store = createMemoryIdempotencyStore({ maxEntries: 3, now: clock.now });
    await store.claim('busy', FINGERPRINT); // oldest of all, but in flight
    clock.advance(1);
    for (const key of ['done-1', 'done-2']) {
      await store.claim(key, FINGERPRINT);
      await store.complete(key, { status: 'succeeded' });
      clock.advance(1);
    }
    await store.claim('new-1', FINGERPRINT);
    expect(await store.get('done-1')).toBeUndefined();
    expect(await store.get('done-2')).toBeDefined();
    expect(await store.get('busy')).toMatchObject({ status: 'in_flight' });

    // With only in-flight records left to evict, the store holds more rather than drop a running write.
    await store.claim('new-2', FINGERPRINT);
    await store.claim('new-3', FINGERPRINT);
    for (const key of ['busy', 'new-1', 'new-2', 'new-3']) {
      expect((await store.get(key))?.status, key).toBe('in_flight');
    }
    expect(await store.get('done-2')).toBeUndefined();
  });

  it('orders eviction by completion time, not claim time', async () => {
    const clock = manualClock();
    const store = createMemoryIdempotencyStore({ maxEntries: 2, now: clock.now });
    await store.claim('a', FINGERPRINT);
    await store.claim('b', FINGERPRINT);
    clock.advance(1);
    await store.complete('b', { status: 'succeeded' });
    clock.advance(1);
    await store.complete('a', { status: 'succeeded' });
    await store.claim('c', FINGERPRINT);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
  });

  it('rejects nonsensical options', () => {
    expect(() => createMemoryIdempotencyStore({ ttlMs: 0 })).toThrow(ConfigurationError);
    expect(() => createMemoryIdempotencyStore({ ttlMs: Number.NaN })).toThrow(ConfigurationError);
    expect(() => createMemoryIdempotencyStore({ maxEntries: 0 })).toThrow(ConfigurationError);
    expect(() => createMemoryIdempotencyStore({ maxEntries: 1.5 })).toThrow(ConfigurationError);
  });
});

describe('assertSameWrite', () => {
  it('passes for the same fingerprint and throws IdempotencyConflictError for another', async () => {
    const store = createMemoryIdempotencyStore();
    await store.claim('caller-key', FINGERPRINT);
    const claim = await store.claim('caller-key', OTHER_FINGERPRINT);
    if (claim.claimed) throw new Error('expected an existing record');
    expect(() => assertSameWrite(claim.record, FINGERPRINT)).not.toThrow();
    let error: unknown;
    try {
      assertSameWrite(claim.record, OTHER_FINGERPRINT, 'caller-key');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect(isLedgerError(error) && error.code).toBe('idempotency_conflict');
    expect(isLedgerError(error) && error.idempotencyKey).toBe('caller-key');
    expect(JSON.stringify(error)).not.toContain(FINGERPRINT);
  });
});

describe('in-flight registry', () => {
  it('runs a task once for 50 concurrent callers with one key and shares its result', async () => {
    const registry = createInFlightRegistry<{ id: string }>();
    let calls = 0;
    let finish: (value: { id: string }) => void = () => {};
    const task = () => {
      calls += 1;
      return new Promise<{ id: string }>((resolve) => {
        finish = resolve;
      });
    };
    const pending = Array.from({ length: 50 }, () => registry.run('k', task));
    expect(registry.size).toBe(1);
    await Promise.resolve(); // let the task start
    finish({ id: 'INV-1' });
    const results = await Promise.all(pending);
    expect(calls).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toEqual({ id: 'INV-1' });
    expect(registry.size).toBe(0);
  });

  it('shares a rejection, including a synchronous throw, and then allows a fresh run', async () => {
    const registry = createInFlightRegistry<string>();
    let calls = 0;
    const failing = (): Promise<string> => {
      calls += 1;
      throw new LedgerError({ code: 'timeout', outcome: 'uncertain' });
    };
    const settled = await Promise.allSettled(Array.from({ length: 50 }, () => registry.run('k', failing)));
    expect(calls).toBe(1);
    const reasons = new Set(
      settled.map((result) => (result.status === 'rejected' ? result.reason : undefined)),
    );
    expect(reasons.size).toBe(1);
    expect([...reasons][0]).toBeInstanceOf(LedgerError);
    expect(registry.size).toBe(0);
    expect(await registry.run('k', async () => 'second')).toBe('second');
  });

  it('runs different keys independently', async () => {
    const registry = createInFlightRegistry<string>();
    const started: string[] = [];
    const results = await Promise.all(
      ['a', 'b', 'c', 'a', 'b', 'c'].map((key) =>
        registry.run(key, async () => {
          started.push(key);
          return `result-${key}`;
        }),
      ),
    );
    expect(started.sort()).toEqual(['a', 'b', 'c']);
    expect(results).toEqual(['result-a', 'result-b', 'result-c', 'result-a', 'result-b', 'result-c']);
  });

  it('starts a new task for a key once the previous one has settled', async () => {
    const registry = createInFlightRegistry<number>();
    let calls = 0;
    const task = async () => {
      calls += 1;
      return calls;
    };
    expect(await registry.run('k', task)).toBe(1);
    expect(await registry.run('k', task)).toBe(2);
  });
});
