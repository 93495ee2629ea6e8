/**
 * A synchronous fast path for JSONata mappings. JSONata 2.x evaluates every AST node asynchronously, which
 * costs tens of microseconds even for a bare field name; most mapping expressions use a small subset of the
 * language that plain closures evaluate with the same results. This module compiles that subset from
 * JSONata's own parse tree and declines everything else, so callers keep JSONata as the mapping language
 * and fall back to it per expression.
 *
 * Supported: field paths with predicates (boolean and numeric index) and `[]`, `$` and `$$`, literals,
 * object and array constructors (also as path steps), conditions, `and`/`or`, comparisons, arithmetic,
 * `&`, `in`, blocks with `$x := …`, and calls to `$decimal`, `$quantity`, `$wire`, `$compact`, `$lookup`,
 * `$lowercase`, `$uppercase`, `$substring`, `$string`, `$number`, `$exists`, `$merge`, `$count`,
 * `$boolean`, `$not` and `$contains` (with a string). Everything else compiles to undefined.
 */
import jsonata from 'jsonata';
import type { AstNode } from './ast.js';
import { compileAst } from './compile.js';
import { rootEnvironment } from './environment.js';
import { FastPathFallback } from './errors.js';

export { FastPathError, FastPathFallback } from './errors.js';

/**
 * Evaluates a compiled expression against one input, synchronously, with JSONata's result. Throws what
 * the registered functions throw (RangeError for amounts a double cannot carry), {@link FastPathError}
 * where JSONata raises an evaluation error, and {@link FastPathFallback} when this input needs JSONata
 * itself (an array as the whole input, or data shaped like a JSONata function).
 */
export type FastEvaluator = (input: unknown) => unknown;

/**
 * Compiles a parsed expression (`jsonata(text).ast()`); undefined when it uses anything outside the subset.
 * The AST is read, never modified.
 */
export function compileFastPathAst(ast: unknown): FastEvaluator | undefined {
  if (ast === null || typeof ast !== 'object') return undefined;
  const evaluator = compileAst(ast as AstNode);
  if (!evaluator) return undefined;
  return (input) => {
    // JSONata wraps a top-level array input in a singleton sequence; that case is left to JSONata.
    if (Array.isArray(input)) throw new FastPathFallback();
    return evaluator(input, rootEnvironment(input));
  };
}

/**
 * Parses `expression` with JSONata (throwing its parse error) and compiles it.
 *
 * @example
 * ```ts
 * const evaluate = compileFastPath('Line[DetailType = "SalesItemLineDetail"].Amount');
 * evaluate?.({ Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10 }] }); // 10
 * ```
 */
export function compileFastPath(expression: string): FastEvaluator | undefined {
  return compileFastPathAst(jsonata(expression).ast());
}
