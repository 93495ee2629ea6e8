import { FastPathError } from './errors.js';
import { createSequence, type JsonataArray } from './sequence.js';

/**
 * JSONata's `isFunction`. It also answers true for a plain object carrying `_jsonata_function: true` or
 * `_jsonata_lambda: true`, so data shaped like that is treated as a function, as JSONata treats it.
 */
export function isFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return record._jsonata_function === true || record._jsonata_lambda === true;
}

/** JSONata's `isNumeric`: a number that is not NaN; an infinite number is an error (D1001). */
export function isNumeric(value: unknown): value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) throw new FastPathError('D1001');
  return true;
}

/** JSONata's `isArrayOfNumbers`; like JSONata it checks every item (so an infinite item always throws). */
export function isArrayOfNumbers(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  let all = true;
  for (const item of value) if (!isNumeric(item)) all = false;
  return all;
}

/**
 * JSONata's `$boolean`: undefined stays undefined; empty string, 0, null, empty array and empty object are
 * false; an array is true when any item is.
 */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    // A singleton array takes its item's value, undefined included, exactly as JSONata does.
    if (value.length === 1) return toBoolean(value[0]);
    let any = false;
    // Every item is visited, as JSONata's filter does, so errors surface the same way.
    for (const item of value) if (toBoolean(item)) any = true;
    return any;
  }
  if (typeof value === 'string') return value.length > 0;
  if (isNumeric(value)) return value !== 0;
  if (value !== null && typeof value === 'object' && !isFunction(value)) return Object.keys(value).length > 0;
  return value === true;
}

/** JSONata's deep equality behind `=` and `!=`. */
export function isDeepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return false;
    for (let index = 0; index < left.length; index += 1) {
      if (!isDeepEqual(left[index], right[index])) return false;
    }
    return true;
  }
  // JSONata compares own property names (arrays included, with `length` and its flags) here.
  const leftKeys = Object.getOwnPropertyNames(left).sort();
  const rightKeys = Object.getOwnPropertyNames(right).sort();
  if (leftKeys.length !== rightKeys.length) return false;
  for (let index = 0; index < leftKeys.length; index += 1) {
    if (leftKeys[index] !== rightKeys[index]) return false;
  }
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  for (const key of leftKeys) if (!isDeepEqual(leftRecord[key], rightRecord[key])) return false;
  return true;
}

/**
 * JSONata's field lookup (`name` steps and `$lookup`): an own property of an object; over an array, the
 * sequence of every item's value, flattening array values one level.
 */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result: JsonataArray = createSequence();
    for (const item of input) {
      const value = lookup(item, key);
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const inner of value) result.push(inner);
      else result.push(value);
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && Object.hasOwn(input, key) && !isFunction(input)) {
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}

// JSONata prints non-integers at 15 significant digits, so 0.1 + 0.2 is "0.3".
function numberReplacer(_key: string, value: unknown): unknown {
  if (value !== undefined && value !== null && isNumeric(value)) {
    return Number.isInteger(value) ? value : Number(value.toPrecision(15));
  }
  return value && isFunction(value) ? '' : value;
}

/** JSONata's `$string` (and the `&` operator's cast). */
export function stringify(value: unknown, prettify = false): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isFunction(value)) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new FastPathError('D3001');
  return JSON.stringify(value, numberReplacer, prettify ? 2 : 0);
}
