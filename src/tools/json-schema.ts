import { z } from 'zod';
import type { ToolInputJsonSchema } from './tool.js';

/**
 * The JSON Schema of a tool's zod input schema: draft 2020-12 vocabulary without the `$schema` keyword
 * (frameworks embed it in their own documents), and with `required` always present so an input with no
 * fields is still a complete strict object.
 */
export function toolInputJsonSchema(schema: z.ZodType): ToolInputJsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
  }) as Record<string, unknown>;
  if (json.type !== 'object' || json.additionalProperties !== false) {
    // Every tool input is a strict object by construction; anything else is a bug in a tool definition.
    throw new TypeError('A tool input schema must be a strict object');
  }
  return {
    ...json,
    type: 'object',
    properties: (json.properties ?? {}) as Record<string, unknown>,
    required: (json.required ?? []) as string[],
    additionalProperties: false,
  };
}
