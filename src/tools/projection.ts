import { ARRAY_ELEMENT, phiPaths } from '../schema/phi.js';
import { RESOURCE_SCHEMAS, type ResourceName } from '../schema/resources.js';

/**
 * Named sets of PHI-bearing fields an agent role may see. Everything the schema marks as PHI and the role
 * does not list is removed from read results before the model sees them (HIPAA's minimum necessary).
 *
 * - `minimal`: no PHI at all: ids, amounts, statuses, document dates and numbers.
 * - `billing`: what billing work needs to tell records apart: contact names, invoice contact names, line
 *   descriptions and dates of service. No email, phone, address, notes, tax numbers, memos, custom fields
 *   or attachment names.
 * - `full`: every field. For agents a human has decided may see everything.
 */
export const PHI_ROLE_PRESETS = {
  minimal: [],
  billing: [
    'displayName',
    'givenName',
    'familyName',
    'companyName',
    'contactName',
    'lines.description',
    'lines.serviceDate',
  ],
  full: ['*'],
} as const satisfies Record<string, readonly string[]>;

/** A role preset name. */
export type PhiRole = keyof typeof PHI_ROLE_PRESETS;

/**
 * Which PHI-bearing fields read results keep. The preset and `allowPhi` add up.
 *
 * @example
 * ```ts
 * // A billing agent that may also see patients' email addresses (contact and invoice email):
 * const fields: FieldPolicy = { role: 'billing', allowPhi: ['email'] };
 * ```
 */
export interface FieldPolicy {
  /** A preset; default `minimal`. */
  readonly role?: PhiRole | undefined;
  /**
   * More PHI fields to keep. Each entry is a dotted path with array steps left out (`billingAddress.city`,
   * `lines.description`), a path prefix (`billingAddress` keeps the whole address) or a bare field name
   * that matches at any depth (`email` keeps contact and invoice email).
   */
  readonly allowPhi?: readonly string[] | undefined;
}

/** Removes the PHI a policy does not allow from records of each resource. */
export interface Projection {
  /** A copy of `record` without the withheld fields. The input is not modified. */
  project(resource: ResourceName, record: unknown): Record<string, unknown>;
  /** The withheld fields of a resource, as dotted paths without array steps (`billingAddress.line1`). */
  withheld(resource: ResourceName): readonly string[];
}

interface WithheldPath {
  /** Schema path segments, `[]` for array elements. */
  readonly segments: readonly string[];
  /** The same path without array steps, as policies and results name it. */
  readonly name: string;
}

function isAllowed(name: string, allowed: readonly string[]): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return allowed.some(
    (entry) => entry === '*' || entry === name || entry === last || name.startsWith(`${entry}.`),
  );
}

/** True for a plain JSON object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function removePath(value: unknown, segments: readonly string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === ARRAY_ELEMENT) {
    if (Array.isArray(value)) for (const item of value) removePath(item, rest);
    return;
  }
  if (!isRecord(value) || !Object.hasOwn(value, head)) return;
  if (rest.length === 0) {
    delete value[head];
    return;
  }
  const child = value[head];
  removePath(child, rest);
  // An object whose every field was withheld (a billing address) is dropped rather than left as `{}`.
  if (isRecord(child) && Object.keys(child).length === 0) delete value[head];
}

/**
 * Builds the projection of a field policy. The withheld paths are computed once per resource from the
 * schema's PHI markings (configuration, not data).
 */
export function createProjection(policy: FieldPolicy = {}): Projection {
  const allowed = [...PHI_ROLE_PRESETS[policy.role ?? 'minimal'], ...(policy.allowPhi ?? [])];
  const cache = new Map<ResourceName, readonly WithheldPath[]>();
  const withheldPaths = (resource: ResourceName): readonly WithheldPath[] => {
    let paths = cache.get(resource);
    if (paths === undefined) {
      paths = phiPaths(RESOURCE_SCHEMAS[resource])
        .map((path) => {
          const segments = path.split('.');
          return { segments, name: segments.filter((segment) => segment !== ARRAY_ELEMENT).join('.') };
        })
        .filter((path) => !isAllowed(path.name, allowed));
      cache.set(resource, paths);
    }
    return paths;
  };
  return {
    project(resource, record) {
      if (!isRecord(record)) return {};
      // A structured clone, so withholding never touches an object the caller (or the SDK) still holds.
      const copy = structuredClone(record);
      for (const path of withheldPaths(resource)) removePath(copy, path.segments);
      return copy;
    },
    withheld(resource) {
      return withheldPaths(resource).map((path) => path.name);
    },
  };
}
