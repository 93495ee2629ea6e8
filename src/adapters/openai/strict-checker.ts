import { allowedKeywords, STRICT_FORMATS, STRICT_LIMITS, typesOf } from './strict-rules.js';

/** Which strict-mode rule a schema breaks. */
export type OpenAiStrictRule =
  | 'root_not_object'
  | 'root_is_union'
  | 'not_a_schema'
  | 'missing_type'
  | 'additional_properties_not_false'
  | 'property_not_required'
  | 'unsupported_keyword'
  | 'unsupported_format'
  | 'too_deep'
  | 'too_many_properties'
  | 'too_many_enum_values'
  | 'too_many_characters';

/** One broken rule, at a JSON Pointer into the schema. Never carries schema values. */
export interface OpenAiStrictIssue {
  readonly path: string;
  readonly rule: OpenAiStrictRule;
  /** The offending keyword, for `unsupported_keyword`. */
  readonly keyword?: string | undefined;
}

type Node = Readonly<Record<string, unknown>>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pointer(path: readonly string[]): string {
  return path.length === 0
    ? '/'
    : `/${path.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/**
 * Checks a schema against OpenAI's strict-mode rules: an object root that is not a union,
 * `additionalProperties: false` and every property required on every object, only supported keywords
 * and formats, a type on every node, and the documented size limits. An empty list means it passes.
 *
 * @example
 * ```ts
 * checkOpenAiStrictSchema({ type: 'object', properties: { a: { type: 'string', minLength: 1 } }, required: ['a'], additionalProperties: false });
 * // [{ path: '/properties/a', rule: 'unsupported_keyword', keyword: 'minLength' }]
 * ```
 */
export function checkOpenAiStrictSchema(schema: unknown): OpenAiStrictIssue[] {
  const issues: OpenAiStrictIssue[] = [];
  const totals = { properties: 0, enumValues: 0, characters: 0 };
  if (!isNode(schema) || !typesOf(schema).includes('object')) {
    issues.push({ path: '/', rule: 'root_not_object' });
  }
  if (isNode(schema) && schema.anyOf !== undefined) issues.push({ path: '/', rule: 'root_is_union' });

  const visit = (node: unknown, path: string[], depth: number, isRoot: boolean): void => {
    if (!isNode(node)) {
      issues.push({ path: pointer(path), rule: 'not_a_schema' });
      return;
    }
    const types = typesOf(node);
    if (types.length === 0 && node.anyOf === undefined && node.$ref === undefined) {
      issues.push({ path: pointer(path), rule: 'missing_type' });
    }
    const allowed = allowedKeywords(types, isRoot);
    for (const keyword of Object.keys(node)) {
      if (!allowed.has(keyword)) issues.push({ path: pointer(path), rule: 'unsupported_keyword', keyword });
    }
    if (typeof node.format === 'string' && !STRICT_FORMATS.has(node.format)) {
      issues.push({ path: pointer(path), rule: 'unsupported_format' });
    }
    if (Array.isArray(node.enum)) {
      totals.enumValues += node.enum.length;
      for (const value of node.enum) totals.characters += String(value).length;
    }
    if (node.const !== undefined) totals.characters += String(node.const).length;

    const nestedDepth = types.includes('object') ? depth + 1 : depth;
    if (types.includes('object')) {
      if (nestedDepth > STRICT_LIMITS.depth) issues.push({ path: pointer(path), rule: 'too_deep' });
      if (node.additionalProperties !== false) {
        issues.push({ path: pointer(path), rule: 'additional_properties_not_false' });
      }
      const properties = isNode(node.properties) ? node.properties : {};
      const required = Array.isArray(node.required) ? node.required : [];
      for (const [name, child] of Object.entries(properties)) {
        totals.properties += 1;
        totals.characters += name.length;
        if (!required.includes(name)) {
          issues.push({ path: pointer([...path, 'properties', name]), rule: 'property_not_required' });
        }
        visit(child, [...path, 'properties', name], nestedDepth, false);
      }
    }
    if (node.items !== undefined) visit(node.items, [...path, 'items'], nestedDepth, false);
    if (Array.isArray(node.anyOf)) {
      node.anyOf.forEach((branch, index) => {
        visit(branch, [...path, 'anyOf', String(index)], depth, false);
      });
    }
    if (isRoot && isNode(node.$defs)) {
      for (const [name, definition] of Object.entries(node.$defs)) {
        totals.characters += name.length;
        visit(definition, ['$defs', name], 0, false);
      }
    }
  };
  visit(schema, [], 0, true);

  if (totals.properties > STRICT_LIMITS.properties) issues.push({ path: '/', rule: 'too_many_properties' });
  if (totals.enumValues > STRICT_LIMITS.enumValues) issues.push({ path: '/', rule: 'too_many_enum_values' });
  if (totals.characters > STRICT_LIMITS.characters) issues.push({ path: '/', rule: 'too_many_characters' });
  return issues;
}
