/** One budget: at most `limit` requests in any `windowMs` sliding window. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** A budget's known limits. */
export interface LimiterConfig {
  readonly windows: readonly RateWindow[];
  /** Requests in flight at once; undefined for no cap. */
  readonly concurrency?: number | undefined;
}

/** What the provider's latest headers said, as absolute instants. */
export interface LimiterCorrection {
  /** Requests the provider will still accept before `resetAt`. */
  readonly remaining?: number | undefined;
  readonly resetAt?: number | undefined;
  /** Send nothing before this instant (a 429 with Retry-After, or remaining 0). */
  readonly pausedUntil?: number | undefined;
  /**
   * What a provider with rolling windows and no reset time (Xero) reported: `remaining` of `limit` in the
   * `windowMs` window ending now. When that is fewer than this limiter's own count allows (another process
   * shares the budget), the difference is recorded as calls made now, which then age out of the window
   * like real ones: no guessed reset, no whole-window stall.
   */
  readonly rolling?:
    | { readonly remaining: number; readonly limit: number; readonly windowMs: number }
    | undefined;
}

/** The answer to a request for a slot. */
export type SlotDecision =
  | { readonly granted: true; readonly slot: string }
  /** `retryInMs` is Infinity when only a finishing request can free a slot (concurrency). */
  | { readonly granted: false; readonly retryInMs: number };

/**
 * Where limiter state lives. In memory by default; the interface is asynchronous so a shared store (one
 * Redis key per connection, say) can let several host instances share one budget.
 */
export interface LimiterStore {
  /** Atomically grants a slot now (recording it) or says how long to wait. */
  acquire(key: string, config: LimiterConfig, now: number): Promise<SlotDecision>;
  /** A granted request finished; its instant counts against the windows from now on. */
  release(key: string, slot: string, now: number): Promise<void>;
  /** Tightens the budget with what the provider reported. */
  correct(key: string, correction: LimiterCorrection, now: number): Promise<void>;
  /** Current state of one budget (for tests, metrics and the agent-facing rate-limit info). */
  inspect(key: string, config: LimiterConfig, now: number): Promise<LimiterSnapshot>;
}

/** A budget's state at an instant. */
export interface LimiterSnapshot {
  readonly inFlight: number;
  /** For each configured window, requests counted in it now. */
  readonly used: readonly number[];
  /** For each configured window, when its oldest counted request leaves it (undefined when none). */
  readonly freesAt: readonly (number | undefined)[];
  readonly pausedUntil: number | undefined;
  readonly serverRemaining: number | undefined;
}

interface BudgetState {
  // A slot's instant is when its response came back (Infinity while in flight): the provider admitted the
  // request somewhere in between, so counting from completion is the conservative choice.
  readonly slots: Map<string, number>;
  pausedUntil: number | undefined;
  server: { remaining: number; resetAt: number } | undefined;
  /** Calls others made, as the provider's rolling counts revealed them, by window length. */
  readonly foreign: Map<number, number[]>;
}

/** Limiter state in process memory. */
export function memoryLimiterStore(): LimiterStore {
  const budgets = new Map<string, BudgetState>();
  let nextSlot = 0;

  function state(key: string): BudgetState {
    let found = budgets.get(key);
    if (!found) {
      found = { slots: new Map(), pausedUntil: undefined, server: undefined, foreign: new Map() };
      budgets.set(key, found);
    }
    return found;
  }

  function prune(budget: BudgetState, config: LimiterConfig, now: number): void {
    const longest = Math.max(0, ...config.windows.map((window) => window.windowMs));
    for (const [slot, at] of budget.slots) if (at <= now - longest) budget.slots.delete(slot);
    if (budget.pausedUntil !== undefined && budget.pausedUntil <= now) budget.pausedUntil = undefined;
    if (budget.server && budget.server.resetAt <= now) budget.server = undefined;
    for (const [windowMs, instants] of budget.foreign) {
      const live = instants.filter((at) => at > now - windowMs);
      if (live.length === 0) budget.foreign.delete(windowMs);
      else budget.foreign.set(windowMs, live);
    }
  }

  /** Instants counting against one window: this limiter's slots and the calls others were seen to make. */
  function instantsIn(budget: BudgetState, window: RateWindow, now: number): number[] {
    const own = [...budget.slots.values()].filter((at) => at > now - window.windowMs);
    const foreign = (budget.foreign.get(window.windowMs) ?? []).filter((at) => at > now - window.windowMs);
    return [...own, ...foreign];
  }

  function delayFor(budget: BudgetState, config: LimiterConfig, now: number): number {
    const instants = [...budget.slots.values()];
    const inFlight = instants.filter((at) => at === Number.POSITIVE_INFINITY).length;
    if (config.concurrency !== undefined && inFlight >= config.concurrency) return Number.POSITIVE_INFINITY;
    let delay = budget.pausedUntil === undefined ? 0 : budget.pausedUntil - now;
    if (budget.server && budget.server.remaining <= 0) delay = Math.max(delay, budget.server.resetAt - now);
    for (const window of config.windows) {
      const inWindow = instantsIn(budget, window, now).sort((a, b) => a - b);
      if (inWindow.length < window.limit) continue;
      const blocking = inWindow[inWindow.length - window.limit]!;
      // An in-flight slot blocks until it completes and then for a whole window.
      delay = Math.max(
        delay,
        blocking === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : blocking + window.windowMs - now,
      );
    }
    return Math.max(0, delay);
  }

  return {
    async acquire(key, config, now) {
      const budget = state(key);
      prune(budget, config, now);
      const delay = delayFor(budget, config, now);
      if (delay > 0) return { granted: false, retryInMs: delay };
      nextSlot += 1;
      const slot = String(nextSlot);
      budget.slots.set(slot, Number.POSITIVE_INFINITY);
      if (budget.server) budget.server.remaining -= 1;
      return { granted: true, slot };
    },
    async release(key, slot, now) {
      const budget = state(key);
      if (budget.slots.has(slot)) budget.slots.set(slot, now);
    },
    async correct(key, correction, now) {
      const budget = state(key);
      if (correction.pausedUntil !== undefined && correction.pausedUntil > now) {
        budget.pausedUntil = Math.max(budget.pausedUntil ?? 0, correction.pausedUntil);
      }
      if (
        correction.remaining !== undefined &&
        correction.resetAt !== undefined &&
        correction.resetAt > now
      ) {
        // The provider's count wins when it is tighter than what we are tracking; requests still in
        // flight were counted by us but may not be in the provider's number yet.
        const inFlight = [...budget.slots.values()].filter((at) => at === Number.POSITIVE_INFINITY).length;
        const remaining = Math.max(0, correction.remaining - inFlight);
        if (!budget.server || remaining < budget.server.remaining || budget.server.resetAt <= now) {
          budget.server = { remaining, resetAt: correction.resetAt };
        }
      }
      const rolling = correction.rolling;
      if (rolling !== undefined && rolling.windowMs > 0) {
        const window = { limit: rolling.limit, windowMs: rolling.windowMs };
        // Answers can arrive out of order; only a count tighter than ours says something we did not know.
        const unseen = rolling.limit - rolling.remaining - instantsIn(budget, window, now).length;
        if (unseen > 0) {
          const foreign = budget.foreign.get(rolling.windowMs) ?? [];
          for (let call = 0; call < Math.min(unseen, rolling.limit); call += 1) foreign.push(now);
          budget.foreign.set(rolling.windowMs, foreign);
        }
      }
    },
    async inspect(key, config, now) {
      const budget = state(key);
      prune(budget, config, now);
      const instants = [...budget.slots.values()];
      return {
        inFlight: instants.filter((at) => at === Number.POSITIVE_INFINITY).length,
        used: config.windows.map((window) => instantsIn(budget, window, now).length),
        freesAt: config.windows.map((window) => {
          const finished = instantsIn(budget, window, now).filter((at) => Number.isFinite(at));
          return finished.length === 0 ? undefined : Math.min(...finished) + window.windowMs;
        }),
        pausedUntil: budget.pausedUntil,
        serverRemaining: budget.server?.remaining,
      };
    },
  };
}
