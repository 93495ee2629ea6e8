/**
 * Xero's `where` filter text, built only from constants and GUIDs: Xero's where values travel in the URL
 * query, so nothing that could be PHI (a name, an email) may ever go into one (DESIGN invariant 8).
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TOKEN = /^[A-Z][A-Z0-9_-]{0,40}$/;

/** Xero's record identifiers are GUIDs. */
export const XERO_GUID_SYNTAX = GUID;

/** True when `value` is a GUID. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** `Field=="CONSTANT"` for an enum constant such as `ACCREC`; refuses anything else. */
export function equalsToken(field: string, value: string): string {
  if (!TOKEN.test(value)) throw new RangeError('Only enum constants may appear in a Xero where filter');
  return `${field}=="${value}"`;
}

/** `Field==true` or `Field==false`. */
export function equalsBoolean(field: string, value: boolean): string {
  return `${field}==${value}`;
}

/** `Field==Guid("…")`; refuses anything that is not a GUID. */
export function equalsGuid(field: string, id: string): string {
  if (!isGuid(id)) throw new RangeError('Only GUIDs may appear in a Xero where filter');
  return `${field}==Guid("${id.toLowerCase()}")`;
}

/** Conditions joined with OR, parenthesised so they combine safely with AND. */
export function anyOf(conditions: readonly string[]): string {
  return conditions.length === 1 ? (conditions[0] ?? '') : `(${conditions.join(' OR ')})`;
}

/** Conditions joined with AND; undefined when there are none. */
export function allOf(conditions: readonly string[]): string | undefined {
  return conditions.length === 0 ? undefined : conditions.join(' AND ');
}
