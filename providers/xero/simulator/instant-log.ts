/**
 * Call instants in ascending order, counted per window by binary search. The simulator asks "how many calls
 * in the last minute / day" on every request; filtering a day's worth of instants each time made a busy
 * simulator slower with every call it answered (and skewed benchmarks that run after many calls).
 */

/** Ascending instants with an owner each (a shared app window is fed by several tenants' throttles). */
export interface InstantLog {
  /** Records a call at `at`. Instants after `at` (a test moved the clock back) are dropped first. */
  add(at: number, owner?: object): void;
  /** Calls in the window `(now - windowMs, now]`. */
  count(now: number, windowMs: number): number;
  /**
   * When the window admits another call, given `limit`: the instant of the call that must leave the window
   * first (the `limit`-th newest in it), or undefined when there are fewer than `limit`.
   */
  blocking(now: number, windowMs: number, limit: number): number | undefined;
  /** Forgets instants at or before `before` (they can never count again). */
  prune(before: number): void;
  /** Forgets one owner's calls. */
  forget(owner: object): void;
  clear(): void;
}

/** Index of the first entry whose instant is greater than `value`. */
function firstAfter(instants: readonly number[], value: number): number {
  let low = 0;
  let high = instants.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((instants[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function createInstantLog(): InstantLog {
  let instants: number[] = [];
  let owners: (object | undefined)[] = [];
  const bounds = (now: number, windowMs: number) => ({
    start: firstAfter(instants, now - windowMs),
    end: firstAfter(instants, now),
  });
  return {
    add(at, owner) {
      const end = firstAfter(instants, at);
      if (end < instants.length) {
        instants.length = end;
        owners.length = end;
      }
      instants.push(at);
      owners.push(owner);
    },
    count(now, windowMs) {
      const { start, end } = bounds(now, windowMs);
      return Math.max(0, end - start);
    },
    blocking(now, windowMs, limit) {
      const { start, end } = bounds(now, windowMs);
      return end - start < limit || limit <= 0 ? undefined : instants[end - limit];
    },
    prune(before) {
      const start = firstAfter(instants, before);
      // Splicing on every call would cost as much as the filtering this replaces; drop in batches.
      if (start > 1_024 || start > instants.length / 2) {
        instants = instants.slice(start);
        owners = owners.slice(start);
      }
    },
    forget(owner) {
      const kept = owners.flatMap((candidate, index) => (candidate === owner ? [] : [index]));
      instants = kept.map((index) => instants[index] as number);
      owners = kept.map((index) => owners[index]);
    },
    clear() {
      instants = [];
      owners = [];
    },
  };
}
