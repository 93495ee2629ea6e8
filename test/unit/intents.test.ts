import { describe, expect, it } from 'vitest';
import { INTENT_NAMES, INTENT_SCHEMAS, intentJsonSchema } from '../../src/intents/index.js';

type JsonSchema = Record<string, unknown>;

/** Walks every object schema in a JSON Schema, yielding it with its path. */
function* objectSchemas(schema: JsonSchema, path = '$'): Generator<[string, JsonSchema]> {
  if (schema.type === 'object') yield [path, schema];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value as Record<string, JsonSchema>))
        yield* objectSchemas(child, `${path}.${name}`);
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      yield* objectSchemas(value as JsonSchema, `${path}[]`);
    } else if (key === 'anyOf' && Array.isArray(value)) {
      for (const option of value as JsonSchema[]) yield* objectSchemas(option, path);
    }
  }
}

describe('intent schemas (strict-first)', () => {
  it.each(INTENT_NAMES)('%s: every key required, no extra keys, no defaults, described', (name) => {
    const schema = intentJsonSchema(name);
    const text = JSON.stringify(schema);
    expect(text).not.toContain('"default"');
    let objects = 0;
    for (const [path, object] of objectSchemas(schema)) {
      objects += 1;
      const properties = Object.keys((object.properties ?? {}) as object);
      expect(object.additionalProperties, path).toBe(false);
      expect([...((object.required ?? []) as string[])].sort(), path).toEqual([...properties].sort());
      for (const property of properties) {
        if (property === 'intent') continue;
        const child = (object.properties as Record<string, JsonSchema>)[property]!;
        const described =
          child.description !== undefined ||
          (child.anyOf as JsonSchema[] | undefined)?.some((option) => option.description);
        expect(described, `${path}.${property} needs a description for the model`).toBeTruthy();
      }
    }
    expect(objects).toBeGreaterThan(0);
  });

  it('the intent field is a literal discriminator matching the name', () => {
    for (const name of INTENT_NAMES) {
      expect(INTENT_SCHEMAS[name].shape.intent.value).toBe(name);
    }
  });
});
