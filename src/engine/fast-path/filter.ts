import type { AstStage } from './ast.js';
import type { CompileNode, Environment } from './environment.js';
import { createSequence, singletonSequence } from './sequence.js';
import { isArrayOfNumbers, isNumeric, toBoolean } from './values.js';

/** One compiled predicate `[…]`: takes a value (or sequence) and returns the filtered sequence. */
export type Filter = (input: unknown, environment: Environment) => unknown;

/**
 * Compiles a list of predicate stages (jsonata.js `evaluateFilter` for each). A literal number selects by
 * index (negative counts from the end); any other predicate is evaluated per item, and a numeric result is
 * an index too, decided per value, otherwise the item stays when the result is truthy.
 */
export function compileFilters(stages: readonly AstStage[], compile: CompileNode): Filter[] | undefined {
  const filters: Filter[] = [];
  for (const stage of stages) {
    const filter = compileFilter(stage, compile);
    if (!filter) return undefined;
    filters.push(filter);
  }
  return filters;
}

/** Applies compiled filters in order. */
export function applyFilters(filters: readonly Filter[], value: unknown, environment: Environment): unknown {
  let result = value;
  for (const filter of filters) result = filter(result, environment);
  return result;
}

function compileFilter(stage: AstStage, compile: CompileNode): Filter | undefined {
  const expression = stage.expr;
  if (stage.type !== 'filter' || expression === undefined) return undefined;
  if (expression.type === 'number') {
    if (typeof expression.value !== 'number') return undefined;
    const index = Math.floor(expression.value);
    return (input) => {
      const items = Array.isArray(input) ? input : singletonSequence(input);
      const item: unknown = items[index < 0 ? items.length + index : index];
      if (item === undefined) return createSequence();
      // JSONata returns a selected array item itself, not a sequence around it.
      if (Array.isArray(item)) return item;
      const result = createSequence();
      result.push(item);
      return result;
    };
  }
  const predicate = compile(expression);
  if (!predicate) return undefined;
  return (input, environment) => {
    const items = Array.isArray(input) ? input : singletonSequence(input);
    const result = createSequence();
    for (let index = 0; index < items.length; index += 1) {
      const item: unknown = items[index];
      let value = predicate(item, environment);
      if (isNumeric(value)) value = [value];
      if (isArrayOfNumbers(value)) {
        for (const position of value) {
          const floored = Math.floor(position);
          if ((floored < 0 ? items.length + floored : floored) === index) result.push(item);
        }
      } else if (toBoolean(value)) {
        result.push(item);
      }
    }
    return result;
  };
}
