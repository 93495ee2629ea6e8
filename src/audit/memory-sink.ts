import { type AuditRecord, parseAuditRecord } from './audit-record.js';
import type { AuditSink } from './audit-sink.js';

/** An {@link AuditSink} that keeps records in memory, for tests and demos. */
export interface MemoryAuditSink extends AuditSink {
  /** Records written so far, oldest first. */
  readonly records: readonly AuditRecord[];
  /** Forgets every record. */
  clear(): void;
}

/**
 * Creates an in-memory audit sink. Each record is validated like the file sink does, so a test that uses
 * this sink fails on a record the production sink would refuse.
 *
 * @example
 * ```ts
 * const audit = memoryAuditSink();
 * const ledger = createLedger({ vault, audit, idempotencySecret });
 * // … after a call:
 * expect(audit.records.map((record) => record.outcome)).toEqual(['pending', 'success']);
 * ```
 */
export function memoryAuditSink(): MemoryAuditSink {
  let records: AuditRecord[] = [];
  return {
    get records(): readonly AuditRecord[] {
      return records;
    },
    async write(record: AuditRecord): Promise<void> {
      records.push(parseAuditRecord(record));
    },
    clear(): void {
      // A fresh array, so a snapshot a test took earlier keeps its contents.
      records = [];
    },
  };
}
