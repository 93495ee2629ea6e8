import { describe, expect, it } from 'vitest';
import { createInstantLog } from '../../providers/xero/simulator/instant-log.js';

/** The same questions answered by filtering every instant, as the simulator used to. */
function naiveCount(instants: readonly number[], now: number, windowMs: number): number {
  return instants.filter((at) => at > now - windowMs && at <= now).length;
}

describe('the simulator’s call log', () => {
  it('counts windows and finds the blocking call exactly as filtering would, through 20,000 calls', () => {
    const log = createInstantLog();
    const kept: number[] = [];
    let now = 0;
    for (let call = 0; call < 20_000; call += 1) {
      now += (call * 7919) % 13; // uneven gaps, some zero (several calls in one millisecond)
      log.prune(now - 1_000);
      log.add(now);
      kept.push(now);
      if (call % 97 === 0) {
        for (const window of [10, 60, 1_000]) {
          expect(log.count(now, window)).toBe(naiveCount(kept, now, window));
          const inWindow = kept.filter((at) => at > now - window && at <= now);
          expect(log.blocking(now, window, 5)).toBe(inWindow.length < 5 ? undefined : inWindow.at(-5));
        }
      }
    }
  });

  it('drops calls “from the future” when a test moves the clock back', () => {
    const log = createInstantLog();
    for (const at of [100, 200, 300]) log.add(at);
    expect(log.count(250, 1_000)).toBe(2);
    log.add(150);
    expect(log.count(10_000, 100_000)).toBe(2);
  });

  it('forgets one owner’s calls and keeps the others’', () => {
    const log = createInstantLog();
    const clinic = {};
    const dental = {};
    log.add(1, clinic);
    log.add(2, dental);
    log.add(3, clinic);
    log.forget(clinic);
    expect(log.count(3, 10)).toBe(1);
    expect(log.blocking(3, 10, 1)).toBe(2);
  });
});
