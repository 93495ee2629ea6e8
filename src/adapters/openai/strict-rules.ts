/**
 * The subset of JSON Schema OpenAI's strict mode (Structured Outputs, `strict: true` function tools)
 * accepts, as its documentation lists it. Kept conservative: a keyword OpenAI may or may not accept is
 * left out, because a rejected schema fails the whole request while a dropped constraint is still
 * enforced by the toolkit's own validation.
 */

/** Keywords any schema node may carry. */
export const COMMON_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'description',
  'title',
  'enum',
  'const',
  'anyOf',
  '$ref',
]);

/** Extra keywords per JSON type. */
export const TYPE_KEYWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  string: new Set(['pattern', 'format']),
  number: new Set(['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum']),
  integer: new Set(['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum']),
  array: new Set(['items', 'minItems', 'maxItems']),
  object: new Set(['properties', 'required', 'additionalProperties']),
  boolean: new Set(),
  null: new Set(),
};

/** Keywords only the root may carry. */
export const ROOT_KEYWORDS: ReadonlySet<string> = new Set(['$defs']);

/** String formats strict mode understands. */
export const STRICT_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

/** Size limits of one strict schema. */
export const STRICT_LIMITS = {
  /** Object properties across the whole schema. */
  properties: 5000,
  /** Levels of object nesting. */
  depth: 10,
  /** Enum values across all enums. */
  enumValues: 1000,
  /** Characters of all property names, definition names, enum values and const values together. */
  characters: 120_000,
} as const;

/** The JSON types a node declares (`type` may be a string or a list). */
export function typesOf(node: Readonly<Record<string, unknown>>): string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === 'string');
  return [];
}

/** The keywords a node of these types may carry. */
export function allowedKeywords(types: readonly string[], isRoot: boolean): Set<string> {
  const allowed = new Set(COMMON_KEYWORDS);
  for (const type of types) for (const keyword of TYPE_KEYWORDS[type] ?? []) allowed.add(keyword);
  if (isRoot) for (const keyword of ROOT_KEYWORDS) allowed.add(keyword);
  return allowed;
}
