import { vi } from 'vitest';

/** The p-th percentile (nearest rank) of some waits. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Moves the fake clock a second at a time, so timers, responses and the limiter interleave as they would. */
export async function runClockFor(ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 1_000) await vi.advanceTimersByTimeAsync(1_000);
}

/** A seeded pseudo-random source (LCG): the same bursts on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
