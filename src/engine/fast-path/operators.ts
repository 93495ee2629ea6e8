import type { Evaluator } from './environment.js';
import { FastPathError } from './errors.js';
import { isDeepEqual, isNumeric, stringify, toBoolean } from './values.js';

/** jsonata.js `evaluateEqualityExpression`: undefined on either side is false; otherwise deep equality. */
function equals(left: unknown, right: unknown): boolean {
  if (left === undefined || right === undefined) return false;
  return isDeepEqual(left, right);
}

/**
 * jsonata.js `evaluateComparisonExpression`: strings with strings, numbers with numbers, undefined when a
 * side is missing, and an error for anything else.
 */
function compare(left: unknown, right: unknown, operator: string): boolean | undefined {
  const leftType = typeof left;
  const rightType = typeof right;
  const leftComparable = leftType === 'undefined' || leftType === 'string' || leftType === 'number';
  const rightComparable = rightType === 'undefined' || rightType === 'string' || rightType === 'number';
  if (!leftComparable || !rightComparable) throw new FastPathError('T2010');
  if (leftType === 'undefined' || rightType === 'undefined') return undefined;
  if (leftType !== rightType) throw new FastPathError('T2009');
  const a = left as string | number;
  const b = right as string | number;
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/** jsonata.js `evaluateNumericExpression`. */
function arithmetic(left: unknown, right: unknown, operator: string): number | undefined {
  if (left !== undefined && !isNumeric(left)) throw new FastPathError('T2001');
  if (right !== undefined && !isNumeric(right)) throw new FastPathError('T2002');
  if (left === undefined || right === undefined) return undefined;
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    default:
      return left % right;
  }
}

/** jsonata.js `evaluateIncludesExpression`: strict equality against the right side's items. */
function includes(left: unknown, right: unknown): boolean {
  if (left === undefined || right === undefined) return false;
  const items = Array.isArray(right) ? right : [right];
  for (const item of items) if (item === left) return true;
  return false;
}

function concatenate(left: unknown, right: unknown): string {
  return (
    (left === undefined ? '' : (stringify(left) ?? '')) +
    (right === undefined ? '' : (stringify(right) ?? ''))
  );
}

// jsonata.js `boolize`: undefined counts as false for `and` and `or`.
function truthy(value: unknown): boolean {
  return toBoolean(value) === true;
}

/** A binary operator over compiled operands, or undefined for operators outside the subset (`..`). */
export function binaryOperator(operator: unknown, left: Evaluator, right: Evaluator): Evaluator | undefined {
  switch (operator) {
    case 'and':
      return (input, environment) => truthy(left(input, environment)) && truthy(right(input, environment));
    case 'or':
      return (input, environment) => truthy(left(input, environment)) || truthy(right(input, environment));
    case '=':
      return (input, environment) => equals(left(input, environment), right(input, environment));
    case '!=':
      return (input, environment) => {
        const a = left(input, environment);
        const b = right(input, environment);
        return a === undefined || b === undefined ? false : !isDeepEqual(a, b);
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (input, environment) => compare(left(input, environment), right(input, environment), operator);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return (input, environment) =>
        arithmetic(left(input, environment), right(input, environment), operator);
    case '&':
      return (input, environment) => concatenate(left(input, environment), right(input, environment));
    case 'in':
      return (input, environment) => includes(left(input, environment), right(input, environment));
    default:
      return undefined;
  }
}

/** Unary minus (jsonata.js `evaluateUnary` for `-`). */
export function negate(operand: Evaluator): Evaluator {
  return (input, environment) => {
    const value = operand(input, environment);
    if (value === undefined) return undefined;
    if (isNumeric(value)) return -value;
    throw new FastPathError('D1002');
  };
}
