import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConfigurationError } from '../http/errors.js';
import { AuditRecord } from './audit-record.js';
import { type ChainHead, entryHash, GENESIS_HASH, isChainHash, parseChainLine } from './hash-chain.js';

/** A count and last hash taken from a sink earlier (`fileAuditSink().checkpoint()`) and kept elsewhere. */
export interface AuditCheckpoint {
  readonly count: number;
  readonly hash: string;
}

/** Why verification stopped, with the 1-based line of the file where it did. */
export type AuditVerificationFailureReason =
  /** The line is not a chain entry (not JSON, wrong keys, bad hash syntax, a blank or partial line). */
  | 'malformed'
  /** The entry is intact but its record is not a valid AuditRecord. */
  | 'schema'
  /** `seq` is not one more than the previous entry's: a record was deleted, inserted or moved. */
  | 'sequence'
  /** `prev` is not the previous entry's hash: an earlier entry was replaced or re-hashed. */
  | 'link'
  /** `hash` does not match the entry's content: the entry was edited. */
  | 'hash'
  /** The log has fewer entries than the checkpoint (or the resume point) says it had. */
  | 'truncated'
  /** The entry at the checkpoint's count has another hash: the log was rewritten after the checkpoint. */
  | 'checkpoint_mismatch';

/** The result of {@link verifyAuditLog}. `count` is the number of entries verified (or trusted) as intact. */
export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly count: number;
      readonly failure: { readonly line: number; readonly reason: AuditVerificationFailureReason };
    };

/** Options of {@link verifyAuditLog}. */
export interface AuditVerifyOptions {
  /** Detects truncation and rewrites: the log must reach `count` entries, and entry `count` must have `hash`. */
  readonly checkpoint?: AuditCheckpoint;
  /**
   * Continue from a trusted entry (for example the last one verified yesterday): the first `seq` lines are
   * skipped unread, and the next line must be entry `seq + 1` linked to `hash`. `{ seq: 0, hash: GENESIS_HASH }`
   * is the same as starting from the top.
   */
  readonly resumeFrom?: ChainHead;
}

/**
 * Verifies a hash-chained audit log written by `fileAuditSink`: every entry's hash, its link to the
 * previous entry, its sequence number and its record schema, plus (with a checkpoint) that nothing was cut
 * off or rewritten since the checkpoint was taken. Stops at the first failure.
 *
 * A file is read as a stream, so memory use does not grow with the log.
 *
 * @throws {ConfigurationError} when the options are malformed or the file cannot be read.
 * @example
 * ```ts
 * const result = await verifyAuditLog({ path: 'audit.jsonl' }, { checkpoint: storedCheckpoint });
 * if (!result.ok) alert(`audit log ${result.failure.reason} at line ${result.failure.line}`);
 * ```
 */
export async function verifyAuditLog(
  source: { readonly path: string } | { readonly text: string },
  options: AuditVerifyOptions = {},
): Promise<AuditVerification> {
  if ('text' in source) return verifyAuditText(source.text, options);
  const verifier = new ChainVerifier(options);
  const stream = createReadStream(source.path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      if (!verifier.accept(line)) break;
    }
  } catch {
    throw new ConfigurationError({
      operation: 'audit.verify',
      issues: [{ path: 'path', code: 'unreadable' }],
    });
  } finally {
    lines.close();
    stream.destroy();
  }
  return verifier.finish();
}

/** {@link verifyAuditLog} over the text of a log, synchronously. */
export function verifyAuditText(text: string, options: AuditVerifyOptions = {}): AuditVerification {
  const lines = text.split('\n');
  // The writer ends every entry with a newline, so the last split part is empty in an intact log.
  if (lines.at(-1) === '') lines.pop();
  return verifyAuditLines(lines, options);
}

/**
 * {@link verifyAuditLog} over lines already split (`lines[0]` is line 1), synchronously. With `resumeFrom`
 * the skipped lines are not touched at all, so checking a window near the end of a long log costs only
 * that window.
 */
export function verifyAuditLines(
  lines: readonly string[],
  options: AuditVerifyOptions = {},
): AuditVerification {
  const verifier = new ChainVerifier(options);
  verifier.lines = Math.min(verifier.toSkip, lines.length);
  for (let index = verifier.lines; index < lines.length; index += 1) {
    if (!verifier.accept(lines[index] ?? '')) break;
  }
  return verifier.finish();
}

/** Consumes lines one by one; shared by the streaming and in-memory front ends. */
class ChainVerifier {
  /** Lines before the resume point, trusted and not read. */
  readonly toSkip: number;
  /** Lines consumed so far, skipped ones included: the current line number. */
  lines = 0;
  private head: ChainHead;
  private failure: { line: number; reason: AuditVerificationFailureReason } | undefined;
  private readonly checkpoint: AuditCheckpoint | undefined;

  constructor(options: AuditVerifyOptions) {
    this.checkpoint = checkedCheckpoint(options.checkpoint, 'checkpoint');
    const resume = options.resumeFrom;
    checkedCheckpoint(resume && { count: resume.seq, hash: resume.hash }, 'resumeFrom');
    this.head = resume ? { seq: resume.seq, hash: resume.hash } : { seq: 0, hash: GENESIS_HASH };
    this.toSkip = this.head.seq;
    if (this.checkpoint?.count === this.head.seq && this.checkpoint.hash !== this.head.hash) {
      // The checkpoint names the resume entry itself, with another hash: one of the two was rewritten.
      this.failure = { line: this.head.seq, reason: 'checkpoint_mismatch' };
    }
  }

  /** Checks one line; false once verification has failed and further lines are irrelevant. */
  accept(text: string): boolean {
    if (this.failure !== undefined) return false;
    this.lines += 1;
    if (this.lines <= this.toSkip) return true;
    const entry = parseChainLine(text);
    if (entry === undefined) return this.fail('malformed');
    if (entry.seq !== this.head.seq + 1) return this.fail('sequence');
    if (entry.prev !== this.head.hash) return this.fail('link');
    if (!hashMatches(entry.seq, entry.prev, entry.record, entry.hash)) return this.fail('hash');
    if (!AuditRecord.safeParse(entry.record).success) return this.fail('schema');
    if (this.checkpoint?.count === entry.seq && this.checkpoint.hash !== entry.hash) {
      return this.fail('checkpoint_mismatch');
    }
    this.head = { seq: entry.seq, hash: entry.hash };
    return true;
  }

  finish(): AuditVerification {
    if (this.failure === undefined) {
      if (this.lines < this.toSkip) {
        // The log is shorter than the trusted resume point.
        return { ok: false, count: this.lines, failure: { line: this.lines + 1, reason: 'truncated' } };
      }
      if (this.checkpoint !== undefined && this.head.seq < this.checkpoint.count) {
        this.failure = { line: this.lines + 1, reason: 'truncated' };
      }
    }
    if (this.failure !== undefined) return { ok: false, count: this.head.seq, failure: this.failure };
    return { ok: true, count: this.head.seq, lastHash: this.head.hash };
  }

  private fail(reason: AuditVerificationFailureReason): false {
    this.failure = { line: this.lines, reason };
    return false;
  }
}

function hashMatches(seq: number, prev: string, record: unknown, hash: string): boolean {
  try {
    return entryHash(seq, prev, record) === hash;
  } catch {
    // Only a record with a non-finite number (JSON `1e400`) cannot be hashed; the writer never makes one.
    return false;
  }
}

function checkedCheckpoint(value: AuditCheckpoint | undefined, path: string): AuditCheckpoint | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value.count) || value.count < 0 || !isChainHash(value.hash)) {
    throw new ConfigurationError({ operation: 'audit.verify', issues: [{ path, code: 'invalid' }] });
  }
  return value;
}
