import { createHash } from 'node:crypto';
import canonicalizeExport from 'canonicalize';
import { LedgerError } from '../http/errors.js';
import type { AuditRecord } from './audit-record.js';

// canonicalize is CommonJS (`module.exports = fn`) but typed as `export default`, which NodeNext reads as
// `exports.default`; at run time the default import is the function itself (same shim as the executor's).
const canonicalize = ((canonicalizeExport as unknown as { default?: unknown }).default ??
  canonicalizeExport) as unknown as (input: unknown) => string | undefined;

/**
 * The hash-chained JSONL format of the file sink. Each line is one entry:
 *
 * ```json
 * {"seq":1,"prev":"000…000","record":{…},"hash":"<sha256 hex>"}
 * ```
 *
 * `seq` counts from 1, so an intact file has `seq` equal to its line number. `prev` is the previous entry's
 * `hash` ({@link GENESIS_HASH} for the first). `hash` is SHA-256 over the RFC 8785 canonical JSON of
 * `{ seq, prev, record }`, so it covers content, not whitespace or key order, and any edit, deletion,
 * insertion or reordering breaks a hash, a link or the sequence.
 */

/** The `prev` of the first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

const HASH_SYNTAX = /^[0-9a-f]{64}$/;

/** The position of an entry in the chain: enough to link the next one or to resume verification. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** One line of the chain. */
export interface ChainEntry {
  readonly seq: number;
  readonly prev: string;
  readonly record: AuditRecord;
  readonly hash: string;
}

/** An entry read back from text: the record is not yet validated against the AuditRecord schema. */
export interface UncheckedChainEntry {
  readonly seq: number;
  readonly prev: string;
  readonly record: unknown;
  readonly hash: string;
}

/**
 * The entry that follows `prev` (or starts a chain when `prev` is undefined). Pure and unvalidated: callers
 * pass records that went through `parseAuditRecord`, as the sinks do.
 */
export function chainEntry(prev: ChainHead | undefined, record: AuditRecord): ChainEntry {
  const seq = prev === undefined ? 1 : prev.seq + 1;
  const prevHash = prev === undefined ? GENESIS_HASH : prev.hash;
  return { seq, prev: prevHash, record, hash: entryHash(seq, prevHash, record) };
}

/** SHA-256 hex of the canonical JSON of `{ seq, prev, record }`. */
export function entryHash(seq: number, prev: string, record: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize({ seq, prev, record });
  } catch {
    // canonicalize throws plain Errors on NaN/Infinity; the library throws only LedgerErrors.
    canonical = undefined;
  }
  if (canonical === undefined) {
    throw new LedgerError({
      code: 'internal',
      operation: 'audit.chain',
      issues: [{ path: 'record', code: 'not_canonicalizable' }],
    });
  }
  return createHash('sha256').update(canonical).digest('hex');
}

/** The JSONL line of an entry, without the trailing newline. */
export function serializeChainEntry(entry: ChainEntry): string {
  return JSON.stringify({ seq: entry.seq, prev: entry.prev, record: entry.record, hash: entry.hash });
}

/**
 * Reads one line as an entry shape (exactly the keys `seq`, `prev`, `record`, `hash`, with hex hashes), or
 * undefined when the line is not one. Hashes and the record schema are checked by the verifier.
 */
export function parseChainLine(line: string): UncheckedChainEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 4) return undefined;
  const { seq, prev, record, hash } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  if (typeof prev !== 'string' || !HASH_SYNTAX.test(prev)) return undefined;
  if (typeof hash !== 'string' || !HASH_SYNTAX.test(hash)) return undefined;
  if (record === undefined) return undefined;
  return { seq, prev, record, hash };
}

/** True for a 64-character lowercase hex SHA-256 digest. */
export function isChainHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_SYNTAX.test(value);
}
