import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { isLedgerError, LedgerError } from '../http/errors.js';
import { type AuditRecord, parseAuditRecord } from './audit-record.js';
import type { AuditSink } from './audit-sink.js';
import {
  type ChainHead,
  chainEntry,
  entryHash,
  GENESIS_HASH,
  parseChainLine,
  serializeChainEntry,
} from './hash-chain.js';
import type { AuditCheckpoint } from './verify.js';

/** Options of {@link fileAuditSink}. */
export interface FileAuditSinkOptions {
  /** The JSONL file to append to. Created with mode 0o600 when missing; one writer (process) per file. */
  readonly path: string;
  /** fsync after every record, so an acknowledged record survives a power loss. Slower; off by default. */
  readonly fsync?: boolean;
}

/** A hash-chained file {@link AuditSink}. */
export interface FileAuditSink extends AuditSink {
  /**
   * The number of records in the file and the hash of the last one, after the writes that have resolved.
   * Store it somewhere the log's writer cannot rewrite, and pass it to `verifyAuditLog` later to detect
   * truncation or a rewritten tail.
   */
  checkpoint(): AuditCheckpoint;
  /** Waits for queued writes, then closes the file. Later writes reject. */
  close(): Promise<void>;
}

/**
 * Creates an audit sink that appends each record as one line of a hash-chained JSONL file (see
 * `hash-chain.ts` for the format), verifiable with `verifyAuditLog`.
 *
 * - Writes are serialised in call order, so concurrent operations still produce one unbroken chain.
 * - The first write reads the file's last entry and continues its chain, across process restarts.
 * - A write that fails rejects, so the SDK fails closed. A file whose last line is partial or invalid
 *   (a crash mid-write, an edit) is refused rather than extended: an operator must look at it first.
 *
 * @example
 * ```ts
 * const audit = fileAuditSink({ path: '/var/log/ledgerbridge/audit.jsonl', fsync: true });
 * const ledger = createLedger({ vault, audit, idempotencySecret });
 * // nightly: store audit.checkpoint() elsewhere; later verifyAuditLog({ path }, { checkpoint })
 * ```
 */
export function fileAuditSink(options: FileAuditSinkOptions): FileAuditSink {
  const { path, fsync = false } = options;
  let head: ChainHead | undefined;
  let handle: FileHandle | undefined;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  async function append(record: AuditRecord): Promise<void> {
    try {
      head ??= readChainHead(path);
      handle ??= await open(path, 'a', 0o600);
      const entry = chainEntry(head, record);
      await handle.appendFile(`${serializeChainEntry(entry)}\n`, 'utf8');
      if (fsync) await handle.sync();
      head = { seq: entry.seq, hash: entry.hash };
    } catch (error) {
      // After a failure the file's tail is unknown (nothing, a partial line, or the whole line), so forget
      // what we knew: the next write re-reads the tail, continuing an intact chain or refusing a broken one.
      head = undefined;
      const failed = handle;
      handle = undefined;
      await failed?.close().catch(() => undefined);
      throw isLedgerError(error) ? error : writeFailed(error);
    }
  }

  return {
    write(record: AuditRecord): Promise<void> {
      if (closed) return Promise.reject(sinkError('sink_closed'));
      let checked: AuditRecord;
      try {
        checked = parseAuditRecord(record);
      } catch (error) {
        return Promise.reject(error);
      }
      const written = queue.then(() => append(checked));
      // The queue keeps order only; each caller sees its own write's failure.
      queue = written.catch(() => undefined);
      return written;
    },
    checkpoint(): AuditCheckpoint {
      head ??= readChainHead(path);
      return { count: head.seq, hash: head.hash };
    },
    async close(): Promise<void> {
      closed = true;
      await queue;
      const last = handle;
      handle = undefined;
      await last?.close();
    },
  };
}

const TAIL_CHUNK = 64 * 1024;

/**
 * The last entry of an existing log, or the genesis head for a missing or empty file. Reads only the tail.
 * Synchronous because it runs once per sink (and `checkpoint()` is synchronous); the read is a few KiB.
 */
function readChainHead(path: string): ChainHead {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { seq: 0, hash: GENESIS_HASH };
    throw writeFailed(error);
  }
  if (size === 0) return { seq: 0, hash: GENESIS_HASH };
  const line = readLastLine(path, size);
  const entry = line === undefined ? undefined : parseChainLine(line);
  if (entry === undefined || entryHash(entry.seq, entry.prev, entry.record) !== entry.hash) {
    throw sinkError('tail_invalid');
  }
  return { seq: entry.seq, hash: entry.hash };
}

/** The last newline-terminated line, or undefined when the file does not end with a newline. */
function readLastLine(path: string, size: number): string | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw writeFailed(error);
  }
  try {
    // Grow the window from the end until it holds a whole line; entries are a few KiB at most.
    for (let length = Math.min(size, TAIL_CHUNK); ; length = Math.min(size, length * 2)) {
      const buffer = Buffer.alloc(length);
      readSync(descriptor, buffer, 0, length, size - length);
      if (buffer[length - 1] !== 0x0a) return undefined;
      const start = buffer.lastIndexOf(0x0a, length - 2) + 1;
      if (start > 0 || length === size) return buffer.toString('utf8', start, length - 1);
    }
  } finally {
    closeSync(descriptor);
  }
}

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

// Node's fs messages include the file path; only the errno token (ENOENT, EACCES, ENOSPC) is kept.
function writeFailed(error: unknown): LedgerError {
  const code = errorCode(error);
  return sinkError(code !== undefined && /^E[A-Z0-9]{1,31}$/.test(code) ? code : 'write_failed');
}

function sinkError(code: string): LedgerError {
  return new LedgerError({ code: 'internal', operation: 'audit.write', issues: [{ path: 'audit', code }] });
}
