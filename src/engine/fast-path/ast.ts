/**
 * The parts of JSONata's processed AST (`jsonata(text).ast()`) that the fast path reads. The parser is
 * the source of truth; these types only name the fields, and every node is checked for fields the fast
 * path does not understand before it is compiled.
 */
export interface AstNode {
  readonly type: string;
  readonly value?: unknown;
  readonly position?: number;
  /** Path steps (`type: 'path'`). */
  readonly steps?: readonly AstNode[];
  /** Array-constructor items and block expressions. */
  readonly expressions?: readonly AstNode[];
  /** Operand of unary minus. */
  readonly expression?: AstNode;
  /** Binary operand, bind target, or the key/value pairs of an object constructor. */
  readonly lhs?: AstNode | readonly (readonly [AstNode, AstNode])[];
  readonly rhs?: AstNode;
  /** Predicates on a path step, applied after each item is evaluated. */
  readonly stages?: readonly AstStage[];
  /** Predicates on any other node, applied to its result. */
  readonly predicate?: readonly AstStage[];
  readonly procedure?: AstNode;
  readonly arguments?: readonly AstNode[];
  readonly condition?: AstNode;
  readonly then?: AstNode;
  readonly else?: AstNode;
  /** `[]` after a step: keep a singleton result as an array. */
  readonly keepArray?: boolean;
  readonly keepSingletonArray?: boolean;
  /** An array constructor that is the first or last step of a path. */
  readonly consarray?: boolean;
}

/** A predicate stage: `[expr]` on a step. */
export interface AstStage {
  readonly type: string;
  readonly expr?: AstNode;
}

/** A key/value pair of an object constructor. */
export type AstPair = readonly [AstNode, AstNode];

// Fields the fast path knows the meaning of. Anything else (focus `@`, index `#`, parent `%` ancestry,
// group-by `{}` after a path, tuple streams, lambda bodies, transforms…) makes it fall back to JSONata.
const KNOWN_FIELDS = new Set([
  'type',
  'value',
  'position',
  'steps',
  'expressions',
  'expression',
  'lhs',
  'rhs',
  'stages',
  'predicate',
  'procedure',
  'arguments',
  'condition',
  'then',
  'else',
  'keepArray',
  'keepSingletonArray',
  'consarray',
  'name',
]);

/** True when every field set on the node is one the fast path understands. */
export function hasOnlyKnownFields(node: AstNode): boolean {
  for (const [field, value] of Object.entries(node)) {
    if (value !== undefined && !KNOWN_FIELDS.has(field)) return false;
  }
  return true;
}

/** The object-constructor pairs of a node, or undefined when `lhs` is not a list of pairs. */
export function pairsOf(node: AstNode): readonly AstPair[] | undefined {
  const lhs = node.lhs;
  if (!Array.isArray(lhs)) return undefined;
  for (const pair of lhs) if (!Array.isArray(pair) || pair.length !== 2) return undefined;
  return lhs as readonly AstPair[];
}

/** The single-node `lhs` of a binary or bind node. */
export function operandOf(node: AstNode): AstNode | undefined {
  const lhs = node.lhs;
  return lhs === undefined || Array.isArray(lhs) ? undefined : (lhs as AstNode);
}

/** Every node below (and including) `node`, for whole-expression scans such as finding variable binds. */
export function* walk(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string') yield record as unknown as AstNode;
  for (const value of Object.values(record)) {
    if (value !== null && typeof value === 'object') yield* walk(value);
  }
}
