import jsonata from 'jsonata';
import type { FieldMapping } from './definition.js';
import { registerMappingFunctions } from './jsonata-functions.js';

/** A field mapping compiled into one JSONata object constructor. */
export interface CompiledMapping {
  /** Applies the mapping to one source object; undefined fields are left out. */
  evaluate(source: unknown): Promise<Record<string, unknown>>;
}

const CACHE_LIMIT = 512;
// Configuration only: keyed by mapping text, never by payload. Bounded so hosts with many distinct
// per-connection overrides cannot grow it without limit.
const compiledCache = new Map<string, CompiledMapping>();

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
  const source = mappingSource(mapping);
  const cached = compiledCache.get(source);
  if (cached) {
    compiledCache.delete(source);
    compiledCache.set(source, cached);
    return cached;
  }
  const compiled = compileExpression(source);
  compiledCache.set(source, compiled);
  if (compiledCache.size > CACHE_LIMIT) {
    const oldest = compiledCache.keys().next().value;
    if (oldest !== undefined) compiledCache.delete(oldest);
  }
  return compiled;
}

function compileExpression(source: string): CompiledMapping {
  const expression = jsonata(source);
  registerMappingFunctions(expression);
  return {
    async evaluate(input) {
      const result: unknown = await expression.evaluate(input);
      return result !== null && typeof result === 'object' && !Array.isArray(result)
        ? (result as Record<string, unknown>)
        : {};
    },
  };
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
