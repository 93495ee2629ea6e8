import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AuditRecord,
  type AuditVerification,
  type ChainEntry,
  chainEntry,
  createAuditRecord,
  fileAuditSink,
  GENESIS_HASH,
  serializeChainEntry,
  verifyAuditLines,
  verifyAuditLog,
  verifyAuditText,
} from '../../src/audit/index.js';
import { isLedgerError, ValidationError } from '../../src/http/errors.js';

const directory = mkdtempSync(join(tmpdir(), 'ledgerbridge-audit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCounter = 0;
function freshPath(): string {
  fileCounter += 1;
  return join(directory, `audit-${fileCounter}.jsonl`);
}

const OUTCOMES = ['success', 'failure', 'denied', 'uncertain', 'replayed'] as const;

function recordFor(index: number): AuditRecord {
  return createAuditRecord({
    tenantId: 'clinic-42',
    connectionId: 'qbo-main',
    provider: 'quickbooks',
    actor: { agentId: 'billing-agent', sessionId: 'sess-9', callId: `call_${index}` },
    operation: index % 2 === 0 ? 'invoices.get' : 'intent.create_invoice',
    phase: 'outcome',
    resourceType: 'invoices',
    resourceId: String(1000 + index),
    outcome: OUTCOMES[index % OUTCOMES.length] ?? 'success',
    httpStatus: 200,
    durationMs: index,
    attempts: 1,
  });
}

function buildChain(count: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  for (let index = 0; index < count; index += 1) entries.push(chainEntry(entries.at(-1), recordFor(index)));
  return entries;
}

function failureOf(result: AuditVerification): { line: number; reason: string } | undefined {
  return result.ok ? undefined : result.failure;
}

/** The same line with one field of its record changed and the stored hash kept. */
function editedLine(line: string, variant: number): string {
  const entry = JSON.parse(line) as { record: Record<string, unknown> & { actor: Record<string, unknown> } };
  const record = entry.record;
  if (variant % 4 === 0) record.outcome = record.outcome === 'success' ? 'failure' : 'success';
  else if (variant % 4 === 1) record.durationMs = Number(record.durationMs) + 1;
  else if (variant % 4 === 2) record.resourceId = 'forged-9999';
  else record.actor.agentId = 'forged-agent';
  return JSON.stringify(entry);
}

describe('fileAuditSink', () => {
  it('writes a chain that verifies, in a 0600 file', async () => {
    const path = freshPath();
    const sink = fileAuditSink({ path, fsync: true });
    const records = [0, 1, 2, 3, 4].map(recordFor);
    for (const record of records) await sink.write(record);
    await sink.close();

    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['seq', 'prev', 'record', 'hash']);
    expect(first).toMatchObject({ seq: 1, prev: GENESIS_HASH, record: records[0] });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const result = await verifyAuditLog({ path });
    expect(result).toEqual({ ok: true, count: 5, lastHash: sink.checkpoint().hash });
    expect(sink.checkpoint().count).toBe(5);
    expect(verifyAuditText(readFileSync(path, 'utf8'))).toEqual(result);
  });

  it('continues the chain across restarts', async () => {
    const path = freshPath();
    const before = fileAuditSink({ path });
    for (const index of [0, 1, 2]) await before.write(recordFor(index));
    await before.close();

    const after = fileAuditSink({ path });
    expect(after.checkpoint()).toEqual(before.checkpoint());
    for (const index of [3, 4]) await after.write(recordFor(index));
    await after.close();

    expect(await verifyAuditLog({ path })).toEqual({ ok: true, count: 5, lastHash: after.checkpoint().hash });
    expect(await verifyAuditLog({ path }, { checkpoint: before.checkpoint() })).toMatchObject({ ok: true });
  });

  it('keeps call order and an unbroken chain under 200 concurrent writes', async () => {
    const path = freshPath();
    const sink = fileAuditSink({ path });
    await Promise.all(Array.from({ length: 200 }, (_, index) => sink.write(recordFor(index))));
    await sink.close();
    expect(await verifyAuditLog({ path })).toMatchObject({ ok: true, count: 200 });
    const durations = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { record: AuditRecord }).record.durationMs);
    expect(durations).toEqual(Array.from({ length: 200 }, (_, index) => index));
  });

  it('rejects (so the SDK fails closed) when the file cannot be written, without naming the path', async () => {
    const missing = join(directory, 'no-such-dir', 'audit.jsonl');
    const sink = fileAuditSink({ path: missing });
    const error = await sink.write(recordFor(0)).catch((caught: unknown) => caught);
    expect(isLedgerError(error)).toBe(true);
    expect(isLedgerError(error) && error.issues).toEqual([{ path: 'audit', code: 'ENOENT' }]);
    expect(JSON.stringify(error)).not.toContain('no-such-dir');
    expect((error as Error).message).not.toContain(directory);

    // Once the cause is fixed the same sink writes again, starting a proper chain.
    mkdirSync(join(directory, 'no-such-dir'));
    await sink.write(recordFor(1));
    await sink.close();
    expect(await verifyAuditLog({ path: missing })).toMatchObject({ ok: true, count: 1 });

    const isDirectory = fileAuditSink({ path: directory });
    await expect(isDirectory.write(recordFor(0))).rejects.toSatisfy(isLedgerError);
  });

  it.skipIf(process.getuid?.() === 0)('rejects when the file is not writable', async () => {
    const path = freshPath();
    writeFileSync(path, '', { mode: 0o400 });
    await expect(fileAuditSink({ path }).write(recordFor(0))).rejects.toSatisfy(isLedgerError);
  });

  it('refuses to extend a log whose last line is partial or forged', async () => {
    const path = freshPath();
    const sink = fileAuditSink({ path });
    await sink.write(recordFor(0));
    await sink.close();
    appendFileSync(path, '{"seq":2,"prev":"00');
    const restarted = fileAuditSink({ path });
    const error = await restarted.write(recordFor(1)).catch((caught: unknown) => caught);
    expect(isLedgerError(error) && error.issues).toEqual([{ path: 'audit', code: 'tail_invalid' }]);
    expect(() => restarted.checkpoint()).toThrow();
    await restarted.close();
  });

  it('validates every record and rejects writes after close', async () => {
    const path = freshPath();
    const sink = fileAuditSink({ path });
    const forged = { ...recordFor(0), resourceId: 'Test Patient Canary' } as AuditRecord;
    await expect(sink.write(forged)).rejects.toBeInstanceOf(ValidationError);
    await sink.close();
    await expect(sink.write(recordFor(0))).rejects.toSatisfy(isLedgerError);
    expect(() => statSync(path)).toThrow();
  });
});

describe('verifyAuditLog', () => {
  const entries = buildChain(10_000);
  const lines = entries.map(serializeChainEntry);
  const last = entries.at(-1) as ChainEntry;
  const checkpoint = { count: last.seq, hash: last.hash };

  it('accepts the intact chain, from the top and from any resume point', () => {
    expect(verifyAuditLines(lines, { checkpoint })).toEqual({ ok: true, count: 10_000, lastHash: last.hash });
    // Resuming skips the trusted prefix without reading it, which is what keeps the tamper sweep fast.
    for (const index of [4_999, 9_998, 9_999]) {
      const entry = entries[index] as ChainEntry;
      expect(verifyAuditLines(lines, { checkpoint, resumeFrom: entry })).toMatchObject({
        ok: true,
        count: 10_000,
      });
    }
  });

  it('detects every single-record edit, deletion, insertion and swap in a 10,000-record chain', () => {
    const started = performance.now();
    const missed: string[] = [];
    let checked = 0;
    const expectFailure = (kind: string, index: number, options: object, reason: string, line: number) => {
      checked += 1;
      const failure = failureOf(verifyAuditLines(lines, options));
      if (failure?.reason !== reason || failure.line !== line)
        missed.push(`${kind}@${index}:${failure?.reason}`);
    };
    for (let index = 0; index < lines.length; index += 1) {
      const original = lines[index] as string;
      const previous = index === 0 ? { seq: 0, hash: GENESIS_HASH } : (entries[index - 1] as ChainEntry);
      const options = { checkpoint, resumeFrom: previous };

      lines[index] = editedLine(original, index);
      expectFailure('edit', index, options, 'hash', index + 1);
      lines[index] = original;

      lines.splice(index, 1);
      const isLast = index === lines.length;
      expectFailure('delete', index, options, isLast ? 'truncated' : 'sequence', index + 1);
      lines.splice(index, 0, original);

      lines.splice(index + 1, 0, original);
      expectFailure('insert', index, options, 'sequence', index + 2);
      lines.splice(index + 1, 1);

      if (index + 1 < lines.length) {
        const next = lines[index + 1] as string;
        lines[index] = next;
        lines[index + 1] = original;
        expectFailure('swap', index, options, 'sequence', index + 1);
        lines[index] = original;
        lines[index + 1] = next;
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(
      `audit chain: ${checked} single-record tampers checked in ${seconds}s, ${missed.length} missed`,
    );
    expect(missed).toEqual([]);
    expect(checked).toBe(4 * 10_000 - 1);
    expect(verifyAuditLines(lines, { checkpoint })).toMatchObject({ ok: true });
  });

  it('detects a lost tail or a rewritten tail only with a checkpoint', () => {
    const withoutLast = lines.slice(0, -1);
    expect(verifyAuditLines(withoutLast)).toMatchObject({ ok: true, count: 9_999 });
    expect(failureOf(verifyAuditLines(withoutLast, { checkpoint }))).toEqual({
      line: 10_000,
      reason: 'truncated',
    });
    const resumeFrom = entries[8_999] as ChainEntry;

    const truncated = lines.slice(0, 9_000);
    expect(failureOf(verifyAuditLines(truncated, { checkpoint }))).toEqual({
      line: 9_001,
      reason: 'truncated',
    });
    expect(failureOf(verifyAuditText('', { checkpoint }))).toEqual({ line: 1, reason: 'truncated' });

    // A writer who re-hashes everything after entry 9,000 leaves a chain that is internally consistent.
    const rewritten = entries.slice(0, 9_000);
    for (let index = 9_000; index < 10_000; index += 1) {
      rewritten.push(chainEntry(rewritten.at(-1), { ...recordFor(index), outcome: 'success' }));
    }
    const rewrittenLines = rewritten.map(serializeChainEntry);
    expect(verifyAuditLines(rewrittenLines, { resumeFrom })).toMatchObject({ ok: true, count: 10_000 });
    expect(failureOf(verifyAuditLines(rewrittenLines, { checkpoint, resumeFrom }))).toEqual({
      line: 10_000,
      reason: 'checkpoint_mismatch',
    });
    // A log cut short of the resume point itself is truncated too.
    expect(failureOf(verifyAuditLines(lines.slice(0, 100), { resumeFrom }))).toEqual({
      line: 101,
      reason: 'truncated',
    });
  });

  it('reports malformed lines and well-chained records that fail the schema', async () => {
    const few = lines.slice(0, 3);
    expect(failureOf(verifyAuditLines([few[0] ?? '', '', few[1] ?? '']))).toEqual({
      line: 2,
      reason: 'malformed',
    });
    expect(failureOf(verifyAuditText(`${few.join('\n')}\n{"seq":4,"prev"`))).toEqual({
      line: 4,
      reason: 'malformed',
    });
    const extraKey = JSON.stringify({ ...(JSON.parse(few[0] ?? '') as object), note: 'x' });
    expect(failureOf(verifyAuditLines([extraKey]))).toEqual({ line: 1, reason: 'malformed' });

    const freeText = { ...recordFor(0), resourceId: 'Test Patient Canary' } as AuditRecord;
    const smuggled = [chainEntry(undefined, freeText)].map(serializeChainEntry);
    expect(failureOf(verifyAuditLines(smuggled))).toEqual({ line: 1, reason: 'schema' });

    const path = freshPath();
    writeFileSync(path, `${few.join('\n')}\n`);
    expect(await verifyAuditLog({ path })).toEqual(verifyAuditLines(few));
    expect(await verifyAuditLog({ text: `${few.join('\n')}\n` })).toEqual(verifyAuditLines(few));
    await expect(verifyAuditLog({ path: join(directory, 'absent.jsonl') })).rejects.toSatisfy(isLedgerError);
    expect(() => verifyAuditLines(few, { checkpoint: { count: -1, hash: 'x' } })).toThrow();
  });

  it('detects a random tamper anywhere (property)', () => {
    const small = entries.slice(0, 100);
    const smallLines = small.map(serializeChainEntry);
    const smallLast = small.at(-1) as ChainEntry;
    const smallCheckpoint = { count: smallLast.seq, hash: smallLast.hash };
    const kinds = ['edit', 'rehash', 'delete', 'duplicate', 'swap', 'move', 'truncate'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.nat({ max: 99 }),
        fc.nat({ max: 99 }),
        fc.nat(),
        (kind, first, second, variant) => {
          const tampered = [...smallLines];
          const original = tampered[first] as string;
          if (kind === 'edit') tampered[first] = editedLine(original, variant);
          if (kind === 'rehash') {
            // Edit a record and recompute its own hash: the next entry's link (or the checkpoint) breaks.
            const entry = small[first] as ChainEntry;
            const forged = {
              ...entry.record,
              durationMs: (entry.record.durationMs ?? 0) + 1 + (variant % 50),
            };
            tampered[first] = serializeChainEntry(
              chainEntry(first === 0 ? undefined : small[first - 1], forged),
            );
          }
          if (kind === 'delete') tampered.splice(first, 1);
          if (kind === 'duplicate') tampered.splice(second, 0, original);
          if (kind === 'swap') {
            fc.pre(first !== second);
            tampered[first] = tampered[second] as string;
            tampered[second] = original;
          }
          if (kind === 'move') {
            fc.pre(first !== second);
            tampered.splice(first, 1);
            tampered.splice(second, 0, original);
          }
          if (kind === 'truncate') tampered.length = first;
          expect(verifyAuditLines(tampered, { checkpoint: smallCheckpoint }).ok).toBe(false);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
