/**
 * Evaluates one mapping expression both ways, with the fast path and with JSONata itself, and compares the
 * outcomes: the differential harness behind the fast-path suites of every provider.
 */
import jsonata from 'jsonata';
import { expect } from 'vitest';
import type { FieldMapping } from '../../src/engine/definition.js';
import { compileFastPath, FastPathFallback } from '../../src/engine/fast-path/index.js';
import { registerMappingFunctions } from '../../src/engine/jsonata-functions.js';
import { compileMapping, mappingSource } from '../../src/engine/mapping-compiler.js';

// ---------------------------------------------------------------------------------------------------------
// Harness: evaluate one expression both ways and compare outcomes.
// ---------------------------------------------------------------------------------------------------------

/** What an evaluation came to, in a form two evaluators can be compared by. */
export type Outcome =
  | { readonly threw: false; readonly json: string }
  | { readonly threw: true; readonly rangeError: boolean };

// JSON text erases the difference between JSONata's flagged sequence arrays and plain arrays (and between
// null-prototype and plain objects); `undefined` is kept distinct from `null`.
export function settled(value: unknown): Outcome {
  return { threw: false, json: value === undefined ? '<undefined>' : JSON.stringify(value) };
}

export function failed(error: unknown): Outcome {
  return { threw: true, rangeError: error instanceof RangeError };
}

const jsonataCache = new Map<string, jsonata.Expression>();

export function jsonataFor(text: string): jsonata.Expression {
  let expression = jsonataCache.get(text);
  if (!expression) {
    expression = jsonata(text);
    registerMappingFunctions(expression);
    jsonataCache.set(text, expression);
  }
  return expression;
}

export async function viaJsonata(text: string, input: unknown): Promise<Outcome> {
  try {
    return settled(await jsonataFor(text).evaluate(structuredClone(input)));
  } catch (error) {
    return failed(error);
  }
}

const fastCache = new Map<string, ReturnType<typeof compileFastPath>>();

function fastFor(text: string) {
  if (!fastCache.has(text)) fastCache.set(text, compileFastPath(text));
  return fastCache.get(text);
}

/** The fast path's outcome, or 'fallback' when it hands this input to JSONata. */
export function viaFastPath(text: string, input: unknown): Outcome | 'fallback' {
  const evaluate = fastFor(text);
  if (!evaluate) throw new Error(`not compiled by the fast path: ${text}`);
  try {
    return settled(evaluate(structuredClone(input)));
  } catch (error) {
    if (error instanceof FastPathFallback) return 'fallback';
    return failed(error);
  }
}

export interface Tally {
  compared: number;
  fallbacks: number;
}

export async function expectSameOutcome(text: string, input: unknown, tally?: Tally): Promise<void> {
  const fast = viaFastPath(text, input);
  if (tally) tally.compared += 1;
  if (fast === 'fallback') {
    if (tally) tally.fallbacks += 1;
    return;
  }
  const expected = await viaJsonata(text, input);
  if (JSON.stringify(fast) !== JSON.stringify(expected)) {
    // The expression and input are synthetic test data; printing them is what makes a failure fixable.
    expect({ text, input, fast }).toEqual({ text, input, fast: expected });
  }
}

async function mappingOutcome(evaluate: () => Promise<unknown>): Promise<Outcome & { keys?: string[] }> {
  try {
    const value = await evaluate();
    return { ...settled(value), keys: Object.keys(value as object) };
  } catch (error) {
    return failed(error);
  }
}

/** A whole mapping, compiled (fast path where it can) against JSONata's object constructor: keys, values, order. */
export async function expectSameMapping(mapping: FieldMapping, input: unknown): Promise<void> {
  const whole = jsonataFor(mappingSource(mapping));
  const expected = await mappingOutcome(() => whole.evaluate(structuredClone(input)));
  const actual = await mappingOutcome(() => compileMapping(mapping).evaluate(structuredClone(input)));
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    expect({ input, actual }).toEqual({ input, actual: expected });
  }
}
