import { LedgerError } from '../http/errors.js';

/** A held lock; release it exactly once. */
export interface HeldLock {
  release(): Promise<void>;
}

/** Options for {@link LockProvider.acquire}. */
export interface LockOptions {
  /**
   * How long the holder may keep the lock before a distributed implementation may expire it (a lease), so
   * a crashed process cannot block a connection for ever. Hold it well under this.
   */
  readonly leaseMs: number;
  /** Gives up waiting when aborted. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Mutual exclusion by name, across every process that refreshes the same connections. The refresh manager
 * takes one lock per connection around "re-read the vault → refresh → store", so two processes never spend
 * the same rotating refresh token. The default, {@link createMemoryLockProvider}, covers one process; for
 * several, implement this over the database or cache the processes share (a Postgres advisory lock, a Redis
 * `SET NX PX` lease, a DynamoDB conditional write).
 *
 * @example
 * ```ts
 * const locks: LockProvider = {
 *   async acquire(name, { leaseMs }) {
 *     const token = await redisLock.acquire(`lock:${name}`, leaseMs);
 *     return { release: () => redisLock.release(`lock:${name}`, token) };
 *   },
 * };
 * ```
 */
export interface LockProvider {
  /** Resolves once the lock named `name` is held by the caller. */
  acquire(name: string, options: LockOptions): Promise<HeldLock>;
}

/**
 * An in-process {@link LockProvider}: a FIFO queue per name. Leases are not enforced, since a holder in the
 * same process cannot crash without the process going with it.
 */
export function createMemoryLockProvider(): LockProvider {
  const tails = new Map<string, Promise<void>>();
  return {
    async acquire(name, options) {
      options.signal?.throwIfAborted();
      const previous = tails.get(name) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => mine);
      tails.set(name, tail);
      await waitUnlessAborted(previous, options.signal, () => {
        // Our turn must still pass along the queue even though we no longer want it.
        void previous.then(release);
      });
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          release();
          if (tails.get(name) === tail) tails.delete(name);
        },
      };
    },
  };
}

function waitUnlessAborted(
  turn: Promise<void>,
  signal: AbortSignal | undefined,
  onAbort: () => void,
): Promise<void> {
  if (!signal) return turn;
  return new Promise<void>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(new LedgerError({ code: 'aborted', operation: 'auth.lock' }));
    };
    signal.addEventListener('abort', abort, { once: true });
    turn.then(() => {
      signal.removeEventListener('abort', abort);
      if (!signal.aborted) resolve();
    });
  });
}
