import type { z } from 'zod';
import { ProviderResponseError, ValidationError, type ValidationIssue } from '../http/errors.js';
import { RESOURCE_SCHEMAS, type ResourceName } from '../schema/resources.js';
import { compileMapping } from './mapping-compiler.js';
import type { EffectiveMappings } from './overrides.js';

/** Converts zod issues to path-only issues: the value that failed is never carried. */
export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
}

/**
 * Maps one raw provider record to the unified entity and validates it. A record that does not fit is a
 * ProviderResponseError naming paths; the record itself goes nowhere.
 */
export async function mapRecord(
  resource: ResourceName,
  mappings: EffectiveMappings,
  record: unknown,
  operation: string,
): Promise<unknown> {
  let mapped: Record<string, unknown>;
  try {
    mapped = await compileMapping(mappings.response).evaluate(record);
  } catch {
    // JSONata errors quote the input value that failed; drop them.
    throw new ProviderResponseError({ operation, issues: [{ path: '', code: 'mapping_failed' }] });
  }
  const parsed = RESOURCE_SCHEMAS[resource].safeParse(mapped);
  if (!parsed.success) throw new ProviderResponseError({ operation, issues: toIssues(parsed.error) });
  return parsed.data;
}

/** Maps a unified draft (or partial draft) to the provider payload, dropping empty objects. */
export async function mapDraft(
  mappings: EffectiveMappings,
  draft: Readonly<Record<string, unknown>>,
  operation: string,
): Promise<Record<string, unknown>> {
  if (!mappings.request) {
    throw new ValidationError({ operation, issues: [{ path: '', code: 'read_only_resource' }] });
  }
  let payload: Record<string, unknown>;
  try {
    payload = await compileMapping(mappings.request).evaluate(draft);
  } catch (error) {
    // $wire throws RangeError for amounts a double cannot carry; the message names no value.
    const code = error instanceof RangeError ? 'amount_not_representable' : 'mapping_failed';
    throw new ValidationError({ operation, issues: [{ path: '', code }] });
  }
  for (const [key, value] of Object.entries(payload)) {
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0
    ) {
      delete payload[key];
    }
  }
  return payload;
}
