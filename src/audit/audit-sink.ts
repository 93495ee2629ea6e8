import type { AuditRecord } from './audit-record.js';

/**
 * Where audit records go. ledgerbridge writes one record per operation (reads, writes, denials; writes
 * record an `attempt` before the provider call and an `outcome` after) and awaits each write.
 *
 * **A sink that throws or rejects makes the SDK fail closed**: when the `attempt` record cannot be written,
 * the provider call does not happen, and the caller gets the error. Sinks should therefore reject only
 * when the record really was not stored, and should not swallow errors to "keep things running".
 *
 * Records hold metadata only ({@link AuditRecord}), so a sink may forward them to a log pipeline, a SIEM or
 * a database without handling PHI; a sink must still not add payload data of its own.
 *
 * @example
 * ```ts
 * const siemSink: AuditSink = { write: (record) => siem.send(JSON.stringify(record)) };
 * ```
 */
export interface AuditSink {
  /** Stores one record. Resolves once the record is stored (or durably queued); rejects otherwise. */
  write(record: AuditRecord): Promise<void>;
  /** Flushes pending writes and releases resources (file handles, connections). */
  close?(): Promise<void>;
}
