import { MAPPING_FUNCTIONS } from '../jsonata-functions.js';
import { FastPathError } from './errors.js';
import { parseSignature, type Signature } from './signature.js';
import { isFunction, lookup, stringify, toBoolean } from './values.js';

/** A function the fast path can call: its implementation and its parsed JSONata signature. */
export interface FastFunction {
  readonly implementation: (...args: unknown[]) => unknown;
  readonly signature: Signature;
}

// After signature validation these hold; the checks keep the types honest without trusting a cast.
function asString(value: unknown): string {
  if (typeof value !== 'string') throw new FastPathError('T0410');
  return value;
}

function asNumber(value: unknown): number {
  if (typeof value !== 'number') throw new FastPathError('T0410');
  return value;
}

// Without surrogate pairs every code unit is a code point, and String#slice normalises indexes exactly as
// Array#slice does, so the string can be sliced directly.
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** jsonata.js `$substring`: by code point, negative start counts from the end. */
function substring(text: unknown, start: unknown, length: unknown): string | undefined {
  if (text === undefined) return undefined;
  const value = asString(text);
  const characters: string | string[] = SURROGATE_PAIR.test(value) ? Array.from(value) : value;
  let from = asNumber(start);
  if (characters.length + from < 0) from = 0;
  if (length !== undefined) {
    const count = asNumber(length);
    if (count <= 0) return '';
    const end = from >= 0 ? from + count : characters.length + from + count;
    return join(characters.slice(from, end));
  }
  return join(characters.slice(from));
}

function join(characters: string | string[]): string {
  return typeof characters === 'string' ? characters : characters.join('');
}

/** jsonata.js `$number`: numbers pass, numeric strings and booleans convert, anything else is D3030. */
function toNumber(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (
      /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/.test(value) &&
      !Number.isNaN(Number.parseFloat(value)) &&
      Number.isFinite(Number(value))
    ) {
      return Number.parseFloat(value);
    }
    if (/^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/.test(value)) return Number(value);
  }
  if (value === true) return 1;
  if (value === false) return 0;
  throw new FastPathError('D3030');
}

function merge(objects: unknown): unknown {
  if (objects === undefined) return undefined;
  const result: Record<string, unknown> = Object.create(null);
  for (const object of objects as unknown[]) {
    if (object === null || typeof object !== 'object') continue;
    for (const key of Object.keys(object)) result[key] = (object as Record<string, unknown>)[key];
  }
  return result;
}

function contains(text: unknown, token: unknown): boolean | undefined {
  if (text === undefined || token === undefined) return undefined;
  // A function token (regex matcher) never reaches here: data cannot carry one and regexes fall back.
  if (typeof token !== 'string' || isFunction(token)) throw new FastPathError('T0410');
  return asString(text).includes(token);
}

function define(implementation: (...args: unknown[]) => unknown, signature: string): FastFunction {
  return { implementation, signature: parseSignature(signature) };
}

const BUILTINS: Readonly<Record<string, FastFunction>> = {
  lookup: define((input, key) => lookup(input, String(key)), '<x-s:x>'),
  lowercase: define((text) => (text === undefined ? undefined : asString(text).toLowerCase()), '<s-:s>'),
  uppercase: define((text) => (text === undefined ? undefined : asString(text).toUpperCase()), '<s-:s>'),
  substring: define(substring, '<s-nn?:s>'),
  string: define((value, prettify) => stringify(value, prettify === true), '<x-b?:s>'),
  number: define(toNumber, '<(nsb)-:n>'),
  exists: define((value) => value !== undefined, '<x:b>'),
  merge: define(merge, '<a<o>:o>'),
  count: define((values) => (values === undefined ? 0 : (values as unknown[]).length), '<a:n>'),
  boolean: define((value) => toBoolean(value), '<x-:b>'),
  not: define((value) => (value === undefined ? undefined : !toBoolean(value)), '<x-:b>'),
  contains: define(contains, '<s-(sf):b>'),
};

const REGISTERED: Readonly<Record<string, FastFunction>> = Object.fromEntries(
  Object.entries(MAPPING_FUNCTIONS).map(([name, definition]) => [
    name,
    define(definition.implementation, definition.signature),
  ]),
);

/** The function a `$name(…)` call reaches, when the fast path supports it. */
export function fastFunction(name: string): FastFunction | undefined {
  return Object.hasOwn(REGISTERED, name)
    ? REGISTERED[name]
    : Object.hasOwn(BUILTINS, name)
      ? BUILTINS[name]
      : undefined;
}

/**
 * Every name JSONata 2.2 binds to a function before evaluation (its built-ins, `$now`, `$millis`) plus
 * ours. A variable with one of these names is a function value, which the fast path does not model.
 */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(MAPPING_FUNCTIONS),
  'now',
  'millis',
  ...'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt power random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse each error assert type sort shuffle distinct encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval toMillis fromMillis clone'.split(
    ' ',
  ),
]);
