/**
 * JSONata's array flavours, mirrored exactly because its results depend on them: a *sequence* (the
 * result of a path; flattened into enclosing paths, collapsed to its only item or to undefined), a
 * *cons* array (built by an array constructor at the start or end of a path; never flattened), and plain
 * input arrays. JSONata marks them with properties on the array; so does the fast path, so values handed
 * back to JSONata-aware code (and the results themselves) look exactly like JSONata's.
 */
export interface JsonataArray extends Array<unknown> {
  sequence?: boolean;
  keepSingleton?: boolean;
  cons?: boolean;
}

/** An empty sequence. */
export function createSequence(): JsonataArray {
  const sequence: JsonataArray = [];
  sequence.sequence = true;
  return sequence;
}

/** A sequence holding one item (which may be undefined, as JSONata's `createSequence(x)` allows). */
export function singletonSequence(item: unknown): JsonataArray {
  const sequence: JsonataArray = [item];
  sequence.sequence = true;
  return sequence;
}

/** True for a JSONata sequence. */
export function isSequence(value: unknown): value is JsonataArray {
  return Array.isArray(value) && (value as JsonataArray).sequence === true;
}

/** True for an array built by a path-leading or path-trailing array constructor. */
export function isConsArray(value: unknown): boolean {
  return Array.isArray(value) && (value as JsonataArray).cons === true;
}

/** Marks a constructed array as cons, as JSONata does (a non-enumerable flag). */
export function markCons(array: unknown[]): void {
  Object.defineProperty(array, 'cons', { enumerable: false, configurable: false, value: true });
}

/**
 * What JSONata does to every node's result before returning it: a sequence of none is undefined, a
 * sequence of one is that item (unless `[]` asked to keep it an array). Other values pass through.
 */
export function collapse(result: unknown, keepArray: boolean): unknown {
  if (!isSequence(result)) return result;
  if (keepArray) result.keepSingleton = true;
  if (result.length === 0) return undefined;
  if (result.length === 1) return result.keepSingleton ? result : result[0];
  return result;
}

/** JSONata's `$append` as used internally (grouping): concatenation that treats non-arrays as singletons. */
export function append(first: unknown, second: unknown): unknown {
  if (first === undefined) return second;
  if (second === undefined) return first;
  const left = Array.isArray(first) ? first : singletonSequence(first);
  const right = Array.isArray(second) ? second : [second];
  return left.concat(right);
}
