/** Small JSON helpers shared by the simulator modules. */

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The array under `key`, or an empty array when it is absent or not an array. */
export function arrayAt(record: Record<string, unknown>, key: string): unknown[] {
  const value = record[key];
  return Array.isArray(value) ? value : [];
}

/** The object under `key`, or undefined. */
export function objectAt(record: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = record[key];
  return isObject(value) ? value : undefined;
}

/** The `value` of a ReferenceType (`{ value, name }`) under `key`, or undefined. */
export function refValue(record: Record<string, unknown>, key: string): string | undefined {
  const value = objectAt(record, key)?.value;
  return typeof value === 'string' ? value : undefined;
}
