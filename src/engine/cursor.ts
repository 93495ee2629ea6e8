import { createHash } from 'node:crypto';
import { ValidationError } from '../http/errors.js';
import type { ListFilter, PageState } from './definition.js';

const CURSOR_VERSION = 1;

/**
 * Cursors are opaque to callers: the provider's page state plus a fingerprint of the resource and filter
 * they belong to. The filter itself is not inside (it may hold a name), so a continuing call passes the
 * same filter again and a cursor cannot be replayed against a different query.
 */
export function encodeCursor(resource: string, filter: ListFilter, state: PageState): string {
  const json = JSON.stringify({ v: CURSOR_VERSION, f: fingerprint(resource, filter), s: state });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Reads a cursor back, refusing one that is malformed or belongs to another resource or filter. */
export function decodeCursor(
  cursor: string,
  resource: string,
  filter: ListFilter,
  operation: string,
): PageState {
  const invalid = () =>
    new ValidationError({ operation, issues: [{ path: 'cursor', code: 'invalid_cursor' }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { v?: unknown }).v !== CURSOR_VERSION ||
    (parsed as { f?: unknown }).f !== fingerprint(resource, filter)
  ) {
    throw invalid();
  }
  const state = (parsed as { s?: unknown }).s;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) throw invalid();
  for (const value of Object.values(state)) {
    if (typeof value !== 'string' && typeof value !== 'number') throw invalid();
  }
  return state as PageState;
}

/** Filters whose values can carry PHI: a cursor binds to the fact that they were set, not to the value. */
const VALUE_FREE_FILTERS = new Set(['nameStartsWith']);

function fingerprint(resource: string, filter: ListFilter): string {
  // An unkeyed hash of a short name prefix could be confirmed by guessing, so such values stay out.
  const ordered = Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, VALUE_FREE_FILTERS.has(name) ? true : value])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
  return createHash('sha256')
    .update(JSON.stringify([resource, ordered]))
    .digest('base64url')
    .slice(0, 16);
}
