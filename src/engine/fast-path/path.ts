import type { AstNode } from './ast.js';
import type { CompileNode, Environment, Evaluator } from './environment.js';
import { applyFilters, compileFilters, type Filter } from './filter.js';
import { createSequence, isConsArray, isSequence, type JsonataArray, singletonSequence } from './sequence.js';
import { lookup } from './values.js';

interface CompiledStep {
  readonly evaluate: Evaluator;
  readonly stages: readonly Filter[];
}

/**
 * A location path `a.b[pred].{…}` (jsonata.js `evaluatePath` and `evaluateStep`). Each step maps over the
 * previous step's sequence and the results are flattened, except cons arrays; a last step that yields one
 * plain array returns that array itself.
 */
export function compilePath(node: AstNode, compile: CompileNode): Evaluator | undefined {
  const steps = node.steps;
  if (!steps || steps.length === 0) return undefined;
  const first = steps[0]!;
  // An array constructor leading a path is evaluated once against the whole input sequence. Only its plain
  // form is supported: JSONata's handling of one with a predicate (`[a, b][0].x`) is not worth mirroring.
  const consFirst = first.consarray === true;
  if (consFirst && (first.type !== 'unary' || first.value !== '[' || first.predicate || first.stages)) {
    return undefined;
  }
  const compiled: CompiledStep[] = [];
  for (const step of steps) {
    const evaluate = compile(step);
    const stages = step.stages ? compileFilters(step.stages, compile) : [];
    if (!evaluate || !stages) return undefined;
    compiled.push({ evaluate, stages });
  }
  const general = generalPath(
    compiled,
    first.type === 'variable',
    consFirst,
    node.keepSingletonArray === true,
  );
  const fromRoot = isPlainRoot(first) && steps.length > 1;
  const simple = simpleNames(fromRoot ? steps.slice(1) : steps);
  if (simple === undefined) return general;
  return (input, environment) => {
    // Plain `A.B.C` (or `$$.A.B`) over objects: the same answer as the general algorithm, without the
    // sequences. Any array on the way takes the general route.
    // Undefined here stands for the empty sequence the general route would return (both collapse to it).
    let value = fromRoot ? environment.root : input;
    for (const name of simple) {
      if (value === null || typeof value !== 'object') return undefined;
      if (Array.isArray(value)) return general(input, environment);
      value = lookup(value, name);
    }
    return value;
  };
}

/** `$$` with nothing attached. */
function isPlainRoot(step: AstNode): boolean {
  return step.type === 'variable' && step.value === '$' && !step.predicate && !step.stages && !step.keepArray;
}

/** The names of a path made only of plain name steps (no predicates, no `[]`), else undefined. */
function simpleNames(steps: readonly AstNode[]): string[] | undefined {
  const names: string[] = [];
  for (const step of steps) {
    if (step.type !== 'name' || typeof step.value !== 'string') return undefined;
    if (step.stages || step.predicate || step.keepArray) return undefined;
    names.push(step.value);
  }
  return names;
}

function generalPath(
  steps: readonly CompiledStep[],
  absolute: boolean,
  consFirst: boolean,
  keepSingletonArray: boolean,
): Evaluator {
  return (input, environment) => {
    // A path starting at a variable (`$$`, `$x`) does not map over an input array.
    let inputSequence: unknown[] = Array.isArray(input) && !absolute ? input : singletonSequence(input);
    let resultSequence: unknown[] = inputSequence;
    for (let index = 0; index < steps.length; index += 1) {
      const step = steps[index]!;
      resultSequence =
        index === 0 && consFirst
          ? (step.evaluate(inputSequence, environment) as unknown[])
          : evaluateStep(step, inputSequence, environment, index === steps.length - 1);
      if (resultSequence.length === 0) break;
      inputSequence = resultSequence;
    }
    if (keepSingletonArray) {
      if (isConsArray(resultSequence) && !isSequence(resultSequence)) {
        resultSequence = singletonSequence(resultSequence);
      }
      // JSONata also flags plain arrays here, where the flag is never read; input data is left alone.
      if (isSequence(resultSequence)) resultSequence.keepSingleton = true;
    }
    return resultSequence;
  };
}

function evaluateStep(
  step: CompiledStep,
  input: readonly unknown[],
  environment: Environment,
  lastStep: boolean,
): unknown[] {
  const results: unknown[] = [];
  for (const item of input) {
    let value = step.evaluate(item, environment);
    if (step.stages.length > 0) value = applyFilters(step.stages, value, environment);
    if (value !== undefined) results.push(value);
  }
  const only = results[0];
  if (lastStep && results.length === 1 && Array.isArray(only) && !isSequence(only)) return only;
  const sequence: JsonataArray = createSequence();
  for (const value of results) {
    if (!Array.isArray(value) || isConsArray(value)) sequence.push(value);
    else for (const inner of value) sequence.push(inner);
  }
  return sequence;
}
