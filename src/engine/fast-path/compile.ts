import { type AstNode, hasOnlyKnownFields, operandOf, walk } from './ast.js';
import { compileArrayConstructor, compileObjectConstructor } from './constructors.js';
import {
  type CompileNode,
  childEnvironment,
  type Evaluator,
  lookupVariable,
  UNBOUND,
} from './environment.js';
import { FastPathFallback } from './errors.js';
import { applyFilters, compileFilters } from './filter.js';
import { FUNCTION_NAMES, fastFunction } from './functions.js';
import { binaryOperator, negate } from './operators.js';
import { compilePath } from './path.js';
import { collapse } from './sequence.js';
import { isFunction, lookup, toBoolean } from './values.js';

/**
 * Compiles a processed JSONata AST into a synchronous evaluator, or answers undefined when any node is
 * outside the supported subset. Each node compiles to what jsonata.js `evaluate` does for it: the node's
 * own work, then its predicates, then the sequence collapse.
 */
export function compileAst(root: AstNode): Evaluator | undefined {
  const bound = new Set<string>();
  for (const node of walk(root)) {
    if (node.type !== 'bind') continue;
    const target = operandOf(node);
    if (target?.type !== 'variable' || typeof target.value !== 'string') return undefined;
    // Rebinding `$` or `$$` changes what paths mean; JSONata handles that.
    if (target.value === '' || target.value === '$') return undefined;
    bound.add(target.value);
  }
  const compile: CompileNode = (node) => compileNode(node, compile, bound);
  return compile(root);
}

function compileNode(node: AstNode, compile: CompileNode, bound: ReadonlySet<string>): Evaluator | undefined {
  if (!hasOnlyKnownFields(node)) return undefined;
  const core = compileCore(node, compile, bound);
  if (!core) return undefined;
  let evaluator = core;
  if (node.predicate) {
    const filters = compileFilters(node.predicate, compile);
    if (!filters) return undefined;
    evaluator = (input, environment) => applyFilters(filters, core(input, environment), environment);
  } else if (collapseChangesNothing(node)) {
    return core;
  }
  const keepArray = node.keepArray === true;
  const filtered = evaluator;
  return (input, environment) => collapse(filtered(input, environment), keepArray);
}

/**
 * Nodes whose own result is never a sequence (literals, constructors, operators) or is a child's result
 * that was collapsed already (conditions, blocks). Skipping the collapse there saves a call per node; the
 * `[]` flag it would set lands only on sequences of two or more items, where JSONata never reads it.
 */
function collapseChangesNothing(node: AstNode): boolean {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
    case 'binary':
    case 'unary':
    case 'condition':
    case 'block':
      return true;
    default:
      return false;
  }
}

function compileCore(node: AstNode, compile: CompileNode, bound: ReadonlySet<string>): Evaluator | undefined {
  switch (node.type) {
    case 'path':
      return compilePath(node, compile);
    case 'name':
      return typeof node.value === 'string' ? nameStep(node.value) : undefined;
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'variable':
      return compileVariable(node, bound);
    case 'binary': {
      const left = node.lhs && operandOf(node);
      if (!left || !node.rhs) return undefined;
      const leftEvaluator = compile(left);
      const rightEvaluator = compile(node.rhs);
      if (!leftEvaluator || !rightEvaluator) return undefined;
      return binaryOperator(node.value, leftEvaluator, rightEvaluator);
    }
    case 'unary':
      return compileUnary(node, compile);
    case 'condition':
      return compileCondition(node, compile);
    case 'block':
      return compileBlock(node, compile);
    case 'function':
      return compileCall(node, compile, bound);
    default:
      // bind outside a block, regex, lambda, partial, apply (~>), transform, wildcard, descendant, parent,
      // sort and anything newer: JSONata evaluates those.
      return undefined;
  }
}

function nameStep(name: string): Evaluator {
  return (input) => lookup(input, name);
}

function compileVariable(node: AstNode, bound: ReadonlySet<string>): Evaluator | undefined {
  const name = node.value;
  if (typeof name !== 'string') return undefined;
  if (name === '') return (input) => input;
  if (name === '$') return (_input, environment) => environment.root;
  const isFunctionName = FUNCTION_NAMES.has(name);
  // A function used as a value (`$string` without a call) is outside the subset.
  if (isFunctionName && !bound.has(name)) return undefined;
  return (_input, environment) => {
    const value = lookupVariable(environment, name);
    if (value !== UNBOUND) return value;
    // Not bound (yet) here: a function name means the function itself, which JSONata evaluates.
    if (isFunctionName) throw new FastPathFallback();
    return undefined;
  };
}

function compileUnary(node: AstNode, compile: CompileNode): Evaluator | undefined {
  switch (node.value) {
    case '[':
      return compileArrayConstructor(node, compile);
    case '{':
      return compileObjectConstructor(node, compile);
    case '-': {
      const operand = node.expression && compile(node.expression);
      return operand ? negate(operand) : undefined;
    }
    default:
      return undefined;
  }
}

/** `a ? b : c` and `a ? b` (jsonata.js `evaluateCondition`): `$boolean` decides; no else is undefined. */
function compileCondition(node: AstNode, compile: CompileNode): Evaluator | undefined {
  if (!node.condition || !node.then) return undefined;
  const condition = compile(node.condition);
  const then = compile(node.then);
  const otherwise = node.else === undefined ? undefined : compile(node.else);
  if (!condition || !then || (node.else !== undefined && !otherwise)) return undefined;
  return (input, environment) =>
    toBoolean(condition(input, environment))
      ? then(input, environment)
      : otherwise
        ? otherwise(input, environment)
        : undefined;
}

/**
 * `( e1; e2; … )` (jsonata.js `evaluateBlock`): the last expression's value. A block whose expressions bind
 * variables gets its own frame per evaluation, as JSONata's does.
 */
function compileBlock(node: AstNode, compile: CompileNode): Evaluator | undefined {
  const expressions = node.expressions;
  if (!expressions || expressions.length === 0) return expressions ? () => undefined : undefined;
  const evaluators: Evaluator[] = [];
  let binds = false;
  for (const expression of expressions) {
    const evaluator = expression.type === 'bind' ? compileBind(expression, compile) : compile(expression);
    if (!evaluator) return undefined;
    binds ||= expression.type === 'bind';
    evaluators.push(evaluator);
  }
  if (evaluators.length === 1 && !binds) return evaluators[0];
  return (input, environment) => {
    const frame = binds ? childEnvironment(environment) : environment;
    let result: unknown;
    for (const evaluator of evaluators) result = evaluator(input, frame);
    return result;
  };
}

/** `$name := expr` as a direct child of a block: binds into the block's frame and yields the value. */
function compileBind(node: AstNode, compile: CompileNode): Evaluator | undefined {
  if (!hasOnlyKnownFields(node) || node.predicate || node.keepArray) return undefined;
  const target = operandOf(node);
  const name = target?.value;
  if (!target || !hasOnlyKnownFields(target) || typeof name !== 'string' || !node.rhs) return undefined;
  const value = compile(node.rhs);
  if (!value) return undefined;
  return (input, environment) => {
    const result = value(input, environment);
    environment.variables?.set(name, result);
    return result;
  };
}

/**
 * `$name(args…)` for a supported function (jsonata.js `evaluateFunction`): arguments are evaluated in
 * order, checked against the function's signature (with the context value standing in for a missing `-`
 * argument), and the implementation is called.
 */
function compileCall(node: AstNode, compile: CompileNode, bound: ReadonlySet<string>): Evaluator | undefined {
  const procedure = node.procedure;
  if (!procedure || !node.arguments || procedure.type !== 'variable' || typeof procedure.value !== 'string') {
    return undefined;
  }
  if (!hasOnlyKnownFields(procedure) || procedure.predicate || procedure.keepArray) return undefined;
  // A name the expression also binds may be a value, not the function, when called.
  if (bound.has(procedure.value)) return undefined;
  const definition = fastFunction(procedure.value);
  if (!definition) return undefined;
  const argumentEvaluators: Evaluator[] = [];
  for (const argument of node.arguments) {
    const evaluator = compile(argument);
    if (!evaluator) return undefined;
    argumentEvaluators.push(evaluator);
  }
  const { implementation, signature } = definition;
  return (input, environment) => {
    const args: unknown[] = [];
    for (const evaluator of argumentEvaluators) {
      const value = evaluator(input, environment);
      // JSONata wraps function-valued arguments in closures; data that looks like one goes to JSONata.
      if (isFunction(value)) throw new FastPathFallback();
      args.push(value);
    }
    return implementation(...signature.validate(args, input));
  };
}
