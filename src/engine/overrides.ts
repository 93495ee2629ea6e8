import type { z } from 'zod';
import { ConfigurationError, type ValidationIssue } from '../http/errors.js';
import { isResourceName, RESOURCE_SCHEMAS, type ResourceName } from '../schema/resources.js';
import type { FieldMapping, ProviderDefinition } from './definition.js';
import { isValidExpression } from './mapping-compiler.js';

/**
 * Per-connection mapping changes for one resource, written as JSONata. Added at `connect` time, so a host
 * can map custom fields (an NPI number, a diagnosis-code field) without code changes.
 *
 * @example
 * ```ts
 * { invoices: { fields: { 'customFields.npi': 'CustomField[Name="NPI"].StringValue' } } }
 * ```
 */
export interface ResourceOverrides {
  /**
   * Unified fields to add or replace, each a JSONata expression over the provider record. Keys are
   * top-level unified field names or `customFields.<name>`.
   */
  readonly fields?: Readonly<Record<string, string>> | undefined;
  /** Provider payload fields to add or replace on writes, each a JSONata expression over the draft. */
  readonly request?: Readonly<Record<string, string>> | undefined;
}

/** Overrides keyed by resource name. */
export type MappingOverrides = Readonly<Partial<Record<ResourceName, ResourceOverrides>>>;

/** The mappings a connection actually uses, after its overrides. */
export interface EffectiveMappings {
  readonly response: FieldMapping;
  readonly request: FieldMapping | undefined;
}

const CUSTOM_FIELD_PREFIX = 'customFields.';
const CUSTOM_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Checks a connection's overrides against the provider definition and merges them into its mappings.
 * Every problem is reported at once, as a ConfigurationError naming resource and field (never the
 * expression text, which a host may have written with sample data in it).
 */
export function resolveMappings(
  definition: ProviderDefinition,
  overrides: MappingOverrides | undefined,
): ReadonlyMap<ResourceName, EffectiveMappings> {
  const issues: ValidationIssue[] = [];
  const resolved = new Map<ResourceName, EffectiveMappings>();
  for (const resourceName of Object.keys(overrides ?? {})) {
    if (!isResourceName(resourceName) || definition.resources[resourceName] === undefined) {
      issues.push({ path: `overrides.${resourceName}`, code: 'unknown_resource' });
    }
  }
  for (const [name, resource] of Object.entries(definition.resources)) {
    if (!resource || !isResourceName(name)) continue;
    const override = overrides?.[name];
    const response = mergeResponseFields(name, resource.response, override?.fields, issues);
    const request = mergeRequestFields(name, resource.request, override?.request, issues);
    resolved.set(name, { response, request });
  }
  if (issues.length > 0) {
    throw new ConfigurationError({ provider: definition.name, operation: 'connect', issues });
  }
  return resolved;
}

function mergeResponseFields(
  resource: ResourceName,
  base: FieldMapping,
  fields: Readonly<Record<string, string>> | undefined,
  issues: ValidationIssue[],
): FieldMapping {
  if (!fields) return base;
  const known = Object.keys((RESOURCE_SCHEMAS[resource] as z.ZodObject).shape);
  const merged: Record<string, string> = { ...base };
  const customFields: Record<string, string> = {};
  for (const [field, expression] of Object.entries(fields)) {
    const path = `overrides.${resource}.fields.${field}`;
    if (!checkExpression(expression, path, issues)) continue;
    if (field.startsWith(CUSTOM_FIELD_PREFIX)) {
      const name = field.slice(CUSTOM_FIELD_PREFIX.length);
      if (CUSTOM_FIELD_NAME.test(name)) customFields[name] = expression;
      else issues.push({ path, code: 'invalid_custom_field_name' });
    } else if (known.includes(field) && field !== 'customFields') {
      merged[field] = expression;
    } else {
      issues.push({ path, code: 'unknown_field' });
    }
  }
  if (Object.keys(customFields).length > 0) {
    const added = Object.entries(customFields)
      .map(([name, expression]) => `${JSON.stringify(name)}: (${expression})`)
      .join(', ');
    merged.customFields = `$merge([(${base.customFields ?? '{}'}), {${added}}])`;
  }
  return merged;
}

function mergeRequestFields(
  resource: ResourceName,
  base: FieldMapping | undefined,
  fields: Readonly<Record<string, string>> | undefined,
  issues: ValidationIssue[],
): FieldMapping | undefined {
  if (!fields) return base;
  if (!base) {
    issues.push({ path: `overrides.${resource}.request`, code: 'read_only_resource' });
    return base;
  }
  const merged: Record<string, string> = { ...base };
  for (const [field, expression] of Object.entries(fields)) {
    const path = `overrides.${resource}.request.${field}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(field)) {
      issues.push({ path, code: 'invalid_field_name' });
    } else if (checkExpression(expression, path, issues)) {
      merged[field] = expression;
    }
  }
  return merged;
}

function checkExpression(expression: unknown, path: string, issues: ValidationIssue[]): boolean {
  if (typeof expression !== 'string' || expression.trim() === '') {
    issues.push({ path, code: 'expression_required' });
    return false;
  }
  if (!isValidExpression(expression)) {
    issues.push({ path, code: 'invalid_jsonata' });
    return false;
  }
  return true;
}
