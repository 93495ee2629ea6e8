import type { AstNode } from './ast.js';

/**
 * Variable scope during one evaluation. JSONata creates a frame per block evaluation and binds `$x := …`
 * into the nearest one; the fast path accepts binds only as direct children of a block, so a block that
 * binds gets a frame and every other node shares its parent's.
 */
export interface Environment {
  /** The record being mapped: what `$$` means everywhere in the expression. */
  readonly root: unknown;
  readonly variables: Map<string, unknown> | undefined;
  readonly parent: Environment | undefined;
}

/** The outermost environment for one evaluation. */
export function rootEnvironment(root: unknown): Environment {
  return { root, variables: undefined, parent: undefined };
}

/** A new frame for a block that binds variables. */
export function childEnvironment(parent: Environment): Environment {
  return { root: parent.root, variables: new Map(), parent };
}

/** What {@link lookupVariable} answers when no frame binds the name. */
export const UNBOUND: unique symbol = Symbol('unbound');

/** The value bound to `name` in the nearest frame that binds it (undefined-valued binds shadow too). */
export function lookupVariable(environment: Environment, name: string): unknown {
  for (let frame: Environment | undefined = environment; frame; frame = frame.parent) {
    if (frame.variables?.has(name)) return frame.variables.get(name);
  }
  return UNBOUND;
}

/** A compiled expression: JSONata's `evaluate(expr, input, environment)` as a synchronous closure. */
export type Evaluator = (input: unknown, environment: Environment) => unknown;

/** Compiles one AST node, or answers undefined when it is outside the fast path's subset. */
export type CompileNode = (node: AstNode) => Evaluator | undefined;
