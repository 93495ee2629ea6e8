import canonicalizeExport from 'canonicalize';
import { isLedgerError, ValidationError } from '../../http/errors.js';

// canonicalize is CommonJS (`module.exports = fn`) but its typings say `export default`, which NodeNext
// reads as `exports.default`. At run time (Node ESM, vitest, the tsup CJS build) the default import is the
// function itself; the `.default` fallback covers bundlers that follow the typings instead.
const canonicalize = ((canonicalizeExport as unknown as { default?: unknown }).default ??
  canonicalizeExport) as unknown as (input: unknown) => string | undefined;

/**
 * Serialises a JSON value as RFC 8785 (JSON Canonicalization Scheme) text: object keys sorted by UTF-16
 * code units, no whitespace, ECMAScript number formatting. Equal JSON values always give equal strings,
 * whatever their key order or number spelling (`1.0`, `1e0`, `1`).
 *
 * Input is held to what JSON can carry without loss, because a lossy encoding would let two different
 * writes share an idempotency key (and the second would be "replayed" instead of sent):
 * - allowed: `null`, booleans, finite numbers, well-formed strings, arrays, plain objects (prototype
 *   `Object.prototype` or `null`), and any object with a `toJSON` method (such as `Date`), whose result
 *   is checked in turn;
 * - object properties whose value is `undefined` are left out, as `JSON.stringify` does, so an absent
 *   optional field and an `undefined` one mean the same;
 * - everything else is rejected: `undefined` at the root or in an array, `bigint`, `NaN`, `±Infinity`,
 *   functions, symbols, cycles, strings with lone surrogates (not I-JSON, which RFC 8785 requires),
 *   invalid dates, and objects such as `Map`, `Set`, typed arrays or class instances without `toJSON`
 *   (JSON would turn them into `{}` or index maps).
 *
 * @throws {ValidationError} with one issue `{ path: '', code: 'not_canonicalizable' }`. The path is left
 *   empty on purpose: object keys can themselves be payload data, so the error names neither keys nor
 *   values.
 *
 * @example
 * ```ts
 * canonicalJson({ b: [1, 2.0], a: 1.0 }); // '{"a":1,"b":[1,2]}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    // canonicalize alone would emit `undefined` for functions inside objects, `{}` for a Map and overflow
    // the stack on cycles, so it only ever sees a tree that toJsonTree has already checked and copied.
    text = canonicalize(toJsonTree(value, '', []));
  } catch (error) {
    // Errors thrown from toJSON methods or getters may quote payload values: never pass them on.
    if (isLedgerError(error)) throw error;
    throw notCanonicalizable();
  }
  if (typeof text !== 'string') throw notCanonicalizable();
  return text;
}

type JsonTree = null | boolean | number | string | JsonTree[] | { [key: string]: JsonTree };

/** Matches a UTF-16 surrogate that is not part of a pair (in `u` mode pairs count as one code point). */
const LONE_SURROGATE = /\p{Surrogate}/u;

function toJsonTree(value: unknown, key: string, ancestors: object[]): JsonTree {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw notCanonicalizable();
    return value;
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw notCanonicalizable();
    return value;
  }
  if (typeof value !== 'object') throw notCanonicalizable(); // undefined, bigint, function, symbol
  if (ancestors.includes(value)) throw notCanonicalizable();
  // An invalid Date's toJSON returns null, which would make it indistinguishable from an absent date.
  if (value instanceof Date && Number.isNaN(value.getTime())) throw notCanonicalizable();

  const toJson: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') {
    ancestors.push(value);
    const replaced = toJsonTree(toJson.call(value, key), key, ancestors);
    ancestors.pop();
    return replaced;
  }

  ancestors.push(value);
  let tree: JsonTree;
  if (Array.isArray(value)) {
    // Array.from visits holes as `undefined` (rejected); `map` would skip them and canonicalize would
    // then drop them silently, so `[1, , 2]` and `[1, 2]` would share a key.
    tree = Array.from(value as unknown[], (item, index) => toJsonTree(item, String(index), ancestors));
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw notCanonicalizable();
    // A null-prototype copy keeps an own `__proto__` key as data instead of reassigning the prototype.
    const copy: { [key: string]: JsonTree } = Object.create(null);
    for (const [property, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(property)) throw notCanonicalizable();
      if (item === undefined) continue;
      copy[property] = toJsonTree(item, property, ancestors);
    }
    tree = copy;
  }
  ancestors.pop();
  return tree;
}

function notCanonicalizable(): ValidationError {
  return new ValidationError({ issues: [{ path: '', code: 'not_canonicalizable' }] });
}
