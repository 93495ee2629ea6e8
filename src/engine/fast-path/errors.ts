/**
 * An evaluation error raised by the fast path where JSONata would raise one (a signature violation, a
 * comparison of mismatched types…). It carries JSONata's error code and never the offending value, which
 * may be a patient's data.
 */
export class FastPathError extends Error {
  /** JSONata's error code, such as `T0410` (argument does not match the function signature). */
  readonly code: string;

  constructor(code: string) {
    super(`JSONata evaluation failed (${code})`);
    this.name = 'FastPathError';
    this.code = code;
  }
}

/**
 * Thrown by a fast-path evaluator when the data at hand needs behaviour the fast path does not reproduce
 * (data shaped like a JSONata function, an empty input array that JSONata's grouping would modify). The
 * caller evaluates the same expression with JSONata instead; the result is then JSONata's own.
 */
export class FastPathFallback extends Error {
  constructor() {
    super('Expression needs JSONata evaluation for this input');
    this.name = 'FastPathFallback';
  }
}
