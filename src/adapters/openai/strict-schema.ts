import type { ToolInputJsonSchema } from '../../tools/tool.js';
import { checkOpenAiStrictSchema } from './strict-checker.js';
import { allowedKeywords, STRICT_FORMATS, typesOf } from './strict-rules.js';

/** A JSON Schema in OpenAI's strict subset: an object at the root, closed and fully required. */
export interface OpenAiStrictSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required: readonly string[];
  readonly additionalProperties: false;
  readonly [keyword: string]: unknown;
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length limits strict mode cannot express move into the description, so the model still sees them. */
function lengthHint(node: Node): string | undefined {
  const min = typeof node.minLength === 'number' ? node.minLength : undefined;
  const max = typeof node.maxLength === 'number' ? node.maxLength : undefined;
  if (max !== undefined && (min === undefined || min <= 1)) return `At most ${max} characters.`;
  if (max !== undefined && min !== undefined) return `${min} to ${max} characters.`;
  if (min !== undefined && min > 1) return `At least ${min} characters.`;
  return undefined;
}

function withHint(description: unknown, hint: string | undefined): string | undefined {
  const text = typeof description === 'string' ? description : undefined;
  if (hint === undefined) return text;
  return text === undefined ? hint : `${text} ${hint}`;
}

function nullable(node: Node): Node {
  return { anyOf: [node, { type: 'null' }] };
}

function convert(node: unknown, isRoot: boolean): Node {
  if (!isNode(node)) return {};
  const types = typesOf(node);
  const allowed = allowedKeywords(types, isRoot);
  const result: Node = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (!allowed.has(keyword)) continue;
    if (keyword === 'format' && (typeof value !== 'string' || !STRICT_FORMATS.has(value))) continue;
    result[keyword] = value;
  }
  const description = withHint(node.description, lengthHint(node));
  if (description !== undefined) result.description = description;
  if (Array.isArray(node.anyOf)) result.anyOf = node.anyOf.map((branch) => convert(branch, false));
  if (node.items !== undefined) result.items = convert(node.items, false);
  if (isRoot && isNode(node.$defs)) {
    result.$defs = Object.fromEntries(
      Object.entries(node.$defs).map(([name, definition]) => [name, convert(definition, false)]),
    );
  }
  if (types.includes('object')) {
    const properties = isNode(node.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    // Strict mode requires every key; an optional one becomes "required but nullable", which the
    // toolkit's schemas already are (strict-first), so this only matters for hand-written schemas.
    result.properties = Object.fromEntries(
      Object.entries(properties).map(([name, child]) => {
        const converted = convert(child, false);
        return [name, required.has(name) ? converted : nullable(converted)];
      }),
    );
    result.required = Object.keys(properties);
    result.additionalProperties = false;
  }
  return result;
}

/**
 * Converts a tool's JSON Schema to OpenAI's strict subset: drops keywords strict mode does not support
 * (length limits move into the description), closes every object and requires every key. The toolkit
 * still validates the full schema when the call arrives.
 *
 * @throws {TypeError} when the result still breaks a strict rule (a schema shape this converter cannot
 * express, such as a union at the root); the message names rules and paths only.
 */
export function toOpenAiStrictSchema(schema: ToolInputJsonSchema): OpenAiStrictSchema {
  const converted = convert(schema, true) as OpenAiStrictSchema;
  const issues = checkOpenAiStrictSchema(converted);
  if (issues.length > 0) {
    const where = issues.map((issue) => `${issue.path} ${issue.rule}`).join('; ');
    throw new TypeError(`Schema cannot be made strict: ${where}`);
  }
  return converted;
}
