import {
  ConfigurationError,
  IdempotencyConflictError,
  LedgerError,
  ValidationError,
} from '../../http/errors.js';

/**
 * Where a write stands: `in_flight` while its one attempt chain runs; `succeeded` or `failed` (certainly not
 * applied) when known; `uncertain` when it may have been applied (timeout after send) and must be
 * reconciled by reading back.
 */
export type IdempotencyStatus = 'in_flight' | 'succeeded' | 'failed' | 'uncertain';

/**
 * What a store keeps about one write. Metadata only, by construction: there is no field a payload could
 * go in, and stores copy just these fields.
 */
export interface IdempotencyRecord {
  readonly key: string;
  /** `contentFingerprint` of the write that claimed the key. */
  readonly fingerprint: string;
  readonly status: IdempotencyStatus;
  /** Resource type of the result, for example `invoice`. */
  readonly resource?: string;
  /** The provider's id of the resulting entity. */
  readonly entityId?: string;
  /** What the write did, for example `created` or `updated`. */
  readonly effect?: string;
  /** Milliseconds since the epoch (store clock) of the claim or the last completion. */
  readonly updatedAt: number;
}

/** The outcome passed to {@link IdempotencyStore.complete}. */
export interface IdempotencyOutcome {
  readonly status: Exclude<IdempotencyStatus, 'in_flight'>;
  readonly resource?: string | undefined;
  readonly entityId?: string | undefined;
  readonly effect?: string | undefined;
}

/** Result of {@link IdempotencyStore.claim}. */
export type IdempotencyClaim =
  | { readonly claimed: true }
  | { readonly claimed: false; readonly record: IdempotencyRecord };

/**
 * Remembers which writes were made under which idempotency key, so a repeated key replays the stored
 * outcome instead of writing again. Implementations must keep metadata only (see {@link IdempotencyRecord})
 * and make `claim` atomic: of two concurrent claims of one key, exactly one gets `claimed: true`.
 * Use `scopedStoreKey` for keys when one store serves several tenants or connections.
 */
export interface IdempotencyStore {
  /** Atomically claims a key: returns { claimed: true } when new (record stored as in_flight), or { claimed: false, record } when a record exists. */
  claim(key: string, fingerprint: string): Promise<IdempotencyClaim>;
  /** Records the outcome of a claimed key. */
  complete(key: string, outcome: IdempotencyOutcome): Promise<void>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Lets a failed (certainly-not-applied) key be retried later by dropping its record. */
  release(key: string): Promise<void>;
}

/** Options for {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** How long a record lives after its claim or last completion, in ms. Default 24 h. */
  readonly ttlMs?: number;
  /** Upper bound on records; beyond it the oldest completed records are evicted. Default 100 000. */
  readonly maxEntries?: number;
  /** The clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_ENTRIES = 100_000;
const TOKEN_SYNTAX = /^[\x21-\x7E]{1,255}$/;
const OUTCOME_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'failed', 'uncertain']);

/**
 * An in-process {@link IdempotencyStore}: de-duplicates within one process and forgets on restart (the
 * provider's own idempotency mechanism still covers a resend). Bounded by `ttlMs` and `maxEntries`.
 *
 * Rules worth knowing:
 * - TTL applies to every record, `in_flight` too: one older than the TTL was abandoned (its owner never
 *   completed it), and keeping it would block the key for good.
 * - `maxEntries` evicts expired records, then the oldest completed ones; it never evicts `in_flight`
 *   records, so with that many writes in flight the store briefly holds more.
 * - `release` drops only `in_flight` and `failed` records. A `succeeded` or `uncertain` write may have been
 *   applied, and dropping it would allow a duplicate; to release an uncertain write once reconciliation
 *   shows it was not applied, `complete` it as `failed` first.
 * - `complete` on a key with no record (never claimed, released or expired) throws code `internal`.
 *
 * @example
 * ```ts
 * const store = createMemoryIdempotencyStore({ ttlMs: 60 * 60 * 1000 });
 * const claim = await store.claim(key, fingerprint);
 * if (!claim.claimed) assertSameWrite(claim.record, fingerprint, key); // then replay claim.record
 * ```
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  if (!(ttlMs > 0)) throw optionInvalid('ttlMs');
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw optionInvalid('maxEntries');

  // Two maps whose insertion order is age order, so sweeping expired records and finding the oldest
  // completed one both start at the front instead of scanning.
  const inFlight = new Map<string, IdempotencyRecord>();
  const completed = new Map<string, IdempotencyRecord>();

  const isExpired = (record: IdempotencyRecord, at: number): boolean => at - record.updatedAt >= ttlMs;

  function sweep(at: number): void {
    for (const map of [inFlight, completed]) {
      for (const [key, record] of map) {
        if (!isExpired(record, at)) break;
        map.delete(key);
      }
    }
  }

  function lookup(key: string, at: number): IdempotencyRecord | undefined {
    const record = inFlight.get(key) ?? completed.get(key);
    if (record === undefined || !isExpired(record, at)) return record;
    inFlight.delete(key);
    completed.delete(key);
    return undefined;
  }

  function evictOverflow(): void {
    for (const key of completed.keys()) {
      if (inFlight.size + completed.size <= maxEntries) return;
      completed.delete(key);
    }
  }

  return {
    async claim(key, fingerprint) {
      checkToken(key, 'key');
      checkToken(fingerprint, 'fingerprint');
      const at = now();
      sweep(at);
      const existing = lookup(key, at);
      if (existing !== undefined) return { claimed: false, record: existing };
      inFlight.set(key, Object.freeze({ key, fingerprint, status: 'in_flight', updatedAt: at }));
      evictOverflow();
      return { claimed: true };
    },

    async complete(key, outcome) {
      checkToken(key, 'key');
      if (!OUTCOME_STATUSES.has(outcome.status)) {
        throw new ValidationError({ issues: [{ path: 'status', code: 'invalid_value' }] });
      }
      const at = now();
      const existing = lookup(key, at);
      if (existing === undefined) {
        throw new LedgerError({ code: 'internal', operation: 'idempotency.complete' });
      }
      // Copy field by field: whatever else the outcome object carries at run time stays out of the store.
      const record: { -readonly [K in keyof IdempotencyRecord]: IdempotencyRecord[K] } = {
        key,
        fingerprint: existing.fingerprint,
        status: outcome.status,
        updatedAt: at,
      };
      for (const field of ['resource', 'entityId', 'effect'] as const) {
        const value = outcome[field];
        if (value === undefined) continue;
        checkToken(value, field);
        record[field] = value;
      }
      inFlight.delete(key);
      completed.delete(key); // re-inserted below so completion order stays age order
      completed.set(key, Object.freeze(record));
    },

    async get(key) {
      return lookup(key, now());
    },

    async release(key) {
      const record = lookup(key, now());
      if (record?.status === 'in_flight' || record?.status === 'failed') {
        inFlight.delete(key);
        completed.delete(key);
      }
    },
  };
}

/**
 * Throws {@link IdempotencyConflictError} when an existing record was made by a different write than the
 * one with `fingerprint`: the key is being reused for other content. The error names the key, never
 * either write's content.
 */
export function assertSameWrite(
  record: IdempotencyRecord,
  fingerprint: string,
  idempotencyKey?: string,
): void {
  if (record.fingerprint !== fingerprint) {
    throw new IdempotencyConflictError({ idempotencyKey: idempotencyKey ?? record.key });
  }
}

// Identifiers only: a value with spaces or non-ASCII text is more likely free text than an id.
function checkToken(value: unknown, path: string): void {
  if (typeof value !== 'string' || !TOKEN_SYNTAX.test(value)) {
    throw new ValidationError({ issues: [{ path, code: 'invalid_format' }] });
  }
}

function optionInvalid(path: string): ConfigurationError {
  return new ConfigurationError({ issues: [{ path, code: 'invalid_value' }] });
}
