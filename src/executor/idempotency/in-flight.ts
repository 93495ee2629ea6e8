/** Shares one running task between concurrent callers with the same key. */
export interface InFlightRegistry<T> {
  /**
   * Runs `task` under `key`, unless a task with that key is already running, in which case its promise is
   * returned instead and `task` is not called. All callers get the same outcome, resolved or rejected (and
   * the same result object, so treat it as read-only). The entry is removed once the task settles, so a
   * later call runs again.
   */
  run(key: string, task: () => Promise<T>): Promise<T>;
  /** How many tasks are running. */
  readonly size: number;
}

/**
 * Creates an {@link InFlightRegistry}: the in-process half of write de-duplication (the idempotency store
 * is the other half), so that concurrent identical writes make exactly one upstream request.
 *
 * @example
 * ```ts
 * const inFlight = createInFlightRegistry<WriteResult>();
 * const result = await inFlight.run(idempotencyKey, () => send(command));
 * ```
 */
export function createInFlightRegistry<T>(): InFlightRegistry<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(key, task) {
      const existing = running.get(key);
      if (existing !== undefined) return existing;
      // The task starts in a microtask, after the entry is registered, so that a synchronous throw from
      // `task` becomes the shared rejection (and still removes the entry) rather than escaping run().
      const shared: Promise<T> = Promise.resolve()
        .then(task)
        .finally(() => {
          if (running.get(key) === shared) running.delete(key);
        });
      running.set(key, shared);
      return shared;
    },
    get size() {
      return running.size;
    },
  };
}
