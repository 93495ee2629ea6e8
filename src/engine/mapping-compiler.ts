import jsonata from 'jsonata';
import type { FieldMapping } from './definition.js';
import { compileFastPathAst, type FastEvaluator, FastPathFallback } from './fast-path/index.js';
import { registerMappingFunctions } from './jsonata-functions.js';

/**
 * A compiled field mapping. Its result is exactly what the JSONata object constructor
 * `{"field": (expression), …}` gives: same keys, values and key order.
 */
export interface CompiledMapping {
  /** Applies the mapping to one source object; undefined fields are left out. */
  evaluate(source: unknown): Promise<Record<string, unknown>>;
}

const CACHE_LIMIT = 512;
// Configuration only: keyed by mapping text, never by payload. Bounded so hosts with many distinct
// per-connection overrides cannot grow it without limit.
const compiledCache = new Map<string, CompiledMapping>();
// The same mapping object (a provider definition's, or a connection's resolved one) is compiled on every
// record; remembering it by identity skips rebuilding and hashing its source text each time. Weak, so it
// lives only as long as the configuration object does. Mapping objects are treated as immutable.
const compiledByIdentity = new WeakMap<FieldMapping, CompiledMapping>();

/** The JSONata source of a mapping: `{"field": (expression), …}`. */
export function mappingSource(mapping: FieldMapping): string {
  const fields = Object.entries(mapping).map(
    ([field, expression]) => `${JSON.stringify(field)}: (${expression})`,
  );
  return `{${fields.join(', ')}}`;
}

/**
 * Compiles a mapping once per distinct text and caches it. Throws JSONata's own error when the text does
 * not parse; callers that accept host-written expressions check each one first (see overrides).
 */
export function compileMapping(mapping: FieldMapping): CompiledMapping {
  const known = compiledByIdentity.get(mapping);
  if (known) return known;
  const source = mappingSource(mapping);
  const cached = compiledCache.get(source);
  if (cached) {
    compiledCache.delete(source);
    compiledCache.set(source, cached);
    compiledByIdentity.set(mapping, cached);
    return cached;
  }
  const compiled = compileFields(mapping, source);
  compiledByIdentity.set(mapping, compiled);
  compiledCache.set(source, compiled);
  if (compiledCache.size > CACHE_LIMIT) {
    const oldest = compiledCache.keys().next().value;
    if (oldest !== undefined) compiledCache.delete(oldest);
  }
  return compiled;
}

interface CompiledField {
  readonly name: string;
  /** The synchronous evaluator, when the expression is inside the fast path's subset. */
  readonly fast: FastEvaluator | undefined;
  /** JSONata itself, for expressions (or inputs) the fast path leaves to it. */
  readonly jsonata: jsonata.Expression;
}

/** Parses `(expression)` as JSONata with the mapping functions registered. */
function jsonataExpression(text: string): jsonata.Expression {
  const expression = jsonata(text);
  registerMappingFunctions(expression);
  return expression;
}

/**
 * Each field is compiled on its own: to a synchronous evaluator when the fast path supports it, otherwise
 * to JSONata, so one exotic override does not slow down the rest of the mapping.
 */
function compileFields(mapping: FieldMapping, source: string): CompiledMapping {
  const fields: CompiledField[] = Object.entries(mapping).map(([name, text]) => {
    const expression = jsonataExpression(`(${text})`);
    return { name, fast: compileFastPathAst(expression.ast()), jsonata: expression };
  });
  let whole: jsonata.Expression | undefined;
  return {
    async evaluate(input) {
      if (Array.isArray(input)) {
        // JSONata evaluates a constructor's fields against an array input differently from a lone
        // expression's; the whole constructor keeps that exact.
        whole ??= jsonataExpression(source);
        return asRecord(await whole.evaluate(input));
      }
      const values: unknown[] = new Array(fields.length);
      let pending: Promise<void>[] | undefined;
      fields.forEach((field, index) => {
        const value = field.fast ? evaluateFast(field.fast, input) : FALLBACK;
        if (value === FALLBACK) {
          pending ??= [];
          pending.push(
            field.jsonata.evaluate(input).then((result: unknown) => {
              values[index] = result;
            }),
          );
        } else {
          values[index] = value;
        }
      });
      if (pending) await Promise.all(pending);
      // Null prototype, as JSONata's constructor builds it: a field named `__proto__` stays a field.
      const result: Record<string, unknown> = Object.create(null);
      fields.forEach((field, index) => {
        if (values[index] !== undefined) result[field.name] = values[index];
      });
      return result;
    },
  };
}

const FALLBACK: unique symbol = Symbol('fallback');

function evaluateFast(evaluator: FastEvaluator, input: unknown): unknown {
  try {
    return evaluator(input);
  } catch (error) {
    if (error instanceof FastPathFallback) return FALLBACK;
    throw error;
  }
}

function asRecord(result: unknown): Record<string, unknown> {
  return result !== null && typeof result === 'object' && !Array.isArray(result)
    ? (result as Record<string, unknown>)
    : {};
}

/** Parses one expression, returning false instead of throwing; the error text is never surfaced. */
export function isValidExpression(expression: string): boolean {
  try {
    jsonata(`(${expression})`);
    return true;
  } catch {
    return false;
  }
}

/** Number of cached compiled mappings (for tests that prove the cache holds configuration only). */
export function compiledMappingCount(): number {
  return compiledCache.size;
}
