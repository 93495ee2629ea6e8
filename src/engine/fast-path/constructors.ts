import { type AstNode, type AstPair, pairsOf } from './ast.js';
import type { CompileNode, Environment, Evaluator } from './environment.js';
import { FastPathError, FastPathFallback } from './errors.js';
import { append, markCons, singletonSequence } from './sequence.js';

/**
 * An array constructor `[a, b, …]` (jsonata.js `evaluateUnary` for `[`): each item's value is appended,
 * so a sequence or array value is spliced in, except an item that is itself an array constructor, which
 * nests. As the first or last step of a path it is marked cons, so paths do not flatten it.
 */
export function compileArrayConstructor(node: AstNode, compile: CompileNode): Evaluator | undefined {
  const items = node.expressions;
  if (!items) return undefined;
  const evaluators: Evaluator[] = [];
  for (const item of items) {
    const evaluator = compile(item);
    if (!evaluator) return undefined;
    evaluators.push(evaluator);
  }
  const nests = items.map((item) => item.value === '[');
  const cons = node.consarray === true;
  return (input, environment) => {
    const result: unknown[] = [];
    for (let index = 0; index < evaluators.length; index += 1) {
      const value = evaluators[index]!(input, environment);
      if (value === undefined) continue;
      // `$append(result, value)` without the copy: same items, same order.
      if (nests[index] || !Array.isArray(value)) result.push(value);
      else for (const inner of value) result.push(inner);
    }
    if (cons) markCons(result);
    return result;
  };
}

interface CompiledPair {
  readonly key: Evaluator;
  readonly value: Evaluator;
}

interface Group {
  data: unknown;
  readonly pair: number;
}

// JSONata reserves these keys for its own function objects.
const RESERVED_KEYS = new Set(['_jsonata_lambda', '_jsonata_function']);

/**
 * An object constructor `{ key: value, … }` (jsonata.js `evaluateGroupExpression`). Over one context value
 * each key is evaluated once; over an array context the items are grouped by key and each value is
 * evaluated against its group, exactly as JSONata does. `Line.{…}` is the per-item form: the path hands
 * the constructor one line at a time.
 */
export function compileObjectConstructor(node: AstNode, compile: CompileNode): Evaluator | undefined {
  const astPairs = pairsOf(node);
  if (!astPairs) return undefined;
  const pairs: CompiledPair[] = [];
  for (const [keyNode, valueNode] of astPairs) {
    const key = compile(keyNode);
    const value = compile(valueNode);
    if (!key || !value) return undefined;
    pairs.push({ key, value });
  }
  const grouped = (input: unknown[], environment: Environment) => group(pairs, input, environment);
  const literal = literalKeys(astPairs);
  if (literal === undefined) {
    return (input, environment) =>
      grouped(Array.isArray(input) ? input : singletonSequence(input), environment);
  }
  // Keys that are string literals: one context value makes one group per pair, so the groups can be laid
  // out at compile time, in the order JSONata's `Object.keys(groups)` visits them.
  const order = Object.keys(Object.fromEntries(literal.map((key, index) => [key, index])));
  const slots = order.map((key) => ({ key, value: pairs[literal.indexOf(key)]!.value }));
  return (input, environment) => {
    if (Array.isArray(input)) return grouped(input, environment);
    const result: Record<string, unknown> = Object.create(null);
    for (const slot of slots) {
      const value = slot.value(input, environment);
      if (value !== undefined) result[slot.key] = value;
    }
    return result;
  };
}

/** The keys when every key is a plain string literal, distinct and not reserved. */
function literalKeys(pairs: readonly AstPair[]): string[] | undefined {
  const keys: string[] = [];
  for (const [key] of pairs) {
    if (key.type !== 'string' || typeof key.value !== 'string') return undefined;
    if (key.predicate !== undefined || key.keepArray === true) return undefined;
    // Duplicates and reserved names are errors in JSONata; let the general form raise them.
    if (keys.includes(key.value) || RESERVED_KEYS.has(key.value)) return undefined;
    keys.push(key.value);
  }
  return keys;
}

function group(pairs: readonly CompiledPair[], input: unknown[], environment: Environment): unknown {
  // JSONata pushes `undefined` into an empty input array (possibly the caller's data) to build a literal
  // object; the fast path does not modify input, so it hands such a case to JSONata.
  if (input.length === 0) throw new FastPathFallback();
  const groups: Record<string, Group> = Object.create(null);
  for (const item of input) {
    for (let index = 0; index < pairs.length; index += 1) {
      const key = pairs[index]!.key(item, environment);
      if (key === undefined) continue;
      if (typeof key !== 'string') throw new FastPathError('T1003');
      if (RESERVED_KEYS.has(key)) throw new FastPathError('D1013');
      const existing = Object.hasOwn(groups, key) ? groups[key] : undefined;
      if (existing) {
        if (existing.pair !== index) throw new FastPathError('D1009');
        existing.data = append(existing.data, item);
      } else {
        groups[key] = { data: item, pair: index };
      }
    }
  }
  const result: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(groups)) {
    const entry = groups[key]!;
    const value = pairs[entry.pair]!.value(entry.data, environment);
    if (value !== undefined) result[key] = value;
  }
  return result;
}
