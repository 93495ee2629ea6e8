import { z } from 'zod';

/** Metadata attached to schema fields that can carry protected health information. */
export interface PhiMarking {
  readonly phi: true;
}

/**
 * Registry of every schema node marked as able to carry PHI (a patient's name, contact details, a date of
 * service, free-text descriptions). Used to plant canaries in tests and to project read results down to
 * the minimum necessary for an agent's role.
 */
export const phiRegistry = z.registry<PhiMarking>();

/**
 * Returns a PHI-marked copy of a field schema. The copy matters: shared schemas such as AccountingDate
 * are PHI only where they hold a date of service, not everywhere they are used. Apply `phi` last
 * (after `.describe()`, which also copies) so the mark lands on the schema the entity holds.
 */
export function phi<Schema extends z.ZodType>(schema: Schema): Schema {
  const marked = schema.clone() as Schema;
  phiRegistry.add(marked, { phi: true });
  return marked;
}

/** Sentinel used in paths for "every element of this array". */
export const ARRAY_ELEMENT = '[]';

/**
 * Lists the dotted paths of every PHI-marked field in a schema, with `[]` for array elements, for example
 * `['displayName', 'billingAddress.line1', 'lines.[].description']`.
 */
export function phiPaths(schema: z.ZodType): string[] {
  const paths: string[] = [];
  collectPhiPaths(schema, [], paths);
  return paths;
}

function collectPhiPaths(schema: z.ZodType, prefix: readonly string[], paths: string[]): void {
  if (phiRegistry.has(schema)) {
    paths.push(prefix.join('.'));
    return;
  }
  const inner = unwrap(schema);
  if (inner !== schema) {
    collectPhiPaths(inner, prefix, paths);
    return;
  }
  if (schema instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      collectPhiPaths(child, [...prefix, key], paths);
    }
  } else if (schema instanceof z.ZodArray) {
    collectPhiPaths(schema.element as z.ZodType, [...prefix, ARRAY_ELEMENT], paths);
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodReadonly
  ) {
    return schema.unwrap() as z.ZodType;
  }
  return schema;
}
