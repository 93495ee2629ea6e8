import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_IDENTIFIER,
  AuditRecord,
  type AuditRecordInput,
  createAuditRecord,
  memoryAuditSink,
  parseAuditRecord,
} from '../../src/audit/index.js';
import { isLedgerError, ValidationError } from '../../src/http/errors.js';

const base: AuditRecordInput = {
  tenantId: 'clinic-42',
  connectionId: 'qbo-main',
  provider: 'quickbooks',
  actor: { agentId: 'billing-agent', sessionId: 'sess-9', authorizedBy: 'user-17', callId: 'call_abc123' },
  operation: 'intent.create_invoice',
  phase: 'outcome',
  resourceType: 'invoices',
  resourceId: '1042',
  idempotencyKey: 'Jx3kP0_aZ-9qL2mN4bV6cX8zR1tY5wE7uI0oA3sD5fG',
  outcome: 'success',
  httpStatus: 200,
  durationMs: 412,
  attempts: 1,
  rationaleRef: 'trace:run-77/step-3',
  verification: { ok: false, mismatchPaths: ['lines.0.amount', 'dueDate'] },
  approvalRef: 'approval:9f2c',
};

/** Every string field, as [path, a function that puts a value there]. */
const STRING_FIELDS: ReadonlyArray<readonly [string, (value: string) => Record<string, unknown>]> = [
  ['tenantId', (value) => ({ ...base, tenantId: value })],
  ['connectionId', (value) => ({ ...base, connectionId: value })],
  ['provider', (value) => ({ ...base, provider: value })],
  ['actor.agentId', (value) => ({ ...base, actor: { ...base.actor, agentId: value } })],
  ['actor.sessionId', (value) => ({ ...base, actor: { ...base.actor, sessionId: value } })],
  ['actor.authorizedBy', (value) => ({ ...base, actor: { ...base.actor, authorizedBy: value } })],
  ['actor.callId', (value) => ({ ...base, actor: { ...base.actor, callId: value } })],
  ['operation', (value) => ({ ...base, operation: value })],
  ['resourceType', (value) => ({ ...base, resourceType: value })],
  ['resourceId', (value) => ({ ...base, resourceId: value })],
  ['idempotencyKey', (value) => ({ ...base, idempotencyKey: value })],
  ['errorCode', (value) => ({ ...base, errorCode: value })],
  ['rationaleRef', (value) => ({ ...base, rationaleRef: value })],
  ['approvalRef', (value) => ({ ...base, approvalRef: value })],
  [
    'verification.mismatchPaths.1',
    (value) => ({ ...base, verification: { ok: false, mismatchPaths: ['a', value] } }),
  ],
];

const CANARIES = [
  'Test Patient Canary',
  'test.patient.canary@example.com',
  'Patient reported chest pain; billed 250.00 for the visit',
  'Canary\nNewline',
  'Ünïcode-Canary',
  `Canary${'x'.repeat(128)}`,
  '',
];

/** Everything an error exposes when logged or serialised. */
function exposed(error: unknown): string {
  const asError = error as Error;
  return [asError.message, asError.stack, JSON.stringify(error), inspect(error, { depth: 8 })].join('\n');
}

function refusal(input: unknown): unknown {
  try {
    createAuditRecord(input as AuditRecordInput);
  } catch (error) {
    return error;
  }
  throw new Error('expected the record to be refused');
}

describe('AuditRecord', () => {
  it('accepts realistic read, attempt, outcome and denial records', () => {
    const read = createAuditRecord({
      tenantId: 'clinic-42',
      connectionId: 'xero-main',
      provider: 'xero',
      actor: { agentId: 'ar-agent', callId: 'toolu_01ABC' },
      operation: 'invoices.list',
      phase: 'outcome',
      resourceType: 'invoices',
      outcome: 'success',
      httpStatus: 200,
      durationMs: 88,
      attempts: 1,
    });
    const attempt = createAuditRecord({ ...base, phase: 'attempt', outcome: 'pending' });
    const outcome = createAuditRecord(base);
    const denial = createAuditRecord({
      tenantId: 'clinic-42',
      connectionId: 'ns-main',
      provider: 'netsuite',
      actor: {},
      operation: 'intent.post_journal_entry',
      phase: 'outcome',
      outcome: 'denied',
      errorCode: 'policy_denied',
    });
    const uncertain = createAuditRecord({ ...base, outcome: 'uncertain', errorCode: 'timeout', attempts: 3 });
    for (const record of [read, attempt, outcome, denial, uncertain]) {
      expect(AuditRecord.parse(record)).toEqual(record);
      expect(record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(record.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(new Set([read.id, attempt.id, outcome.id]).size).toBe(3);
  });

  it('keeps a caller-supplied id and time, and returns a frozen record without undefined members', () => {
    const record = createAuditRecord({
      ...base,
      id: '3b241101-e2bb-4255-8caf-4136c566a962',
      at: '2026-03-01T10:15:00.123Z',
    });
    expect(record.id).toBe('3b241101-e2bb-4255-8caf-4136c566a962');
    expect(record.at).toBe('2026-03-01T10:15:00.123Z');
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.actor)).toBe(true);
    expect(Object.isFrozen(record.verification?.mismatchPaths)).toBe(true);
    const sparse = parseAuditRecord({ ...record, resourceId: undefined });
    expect(Object.keys(sparse)).not.toContain('resourceId');
  });

  it('accepts the identifier syntax the SDK produces', () => {
    for (const value of [
      'invoices.get',
      'intent.record_payment',
      'urn:qbo:realm/123',
      'a',
      'x'.repeat(128),
    ]) {
      expect(AUDIT_IDENTIFIER.test(value)).toBe(true);
    }
  });

  it.each(STRING_FIELDS)('refuses free text in %s without echoing it', (path, place) => {
    for (const canary of CANARIES) {
      const error = refusal(place(canary));
      expect(error).toBeInstanceOf(ValidationError);
      expect(isLedgerError(error) && error.issues?.map((issue) => issue.path)).toEqual([path]);
      const text = exposed(error);
      if (canary !== '') expect(text).not.toContain(canary);
      expect(text).not.toContain('Canary');
    }
  });

  it('refuses unknown keys at every level without naming them or their values', () => {
    const inputs = [
      { ...base, patientName: 'Test Patient Canary' },
      { ...base, actor: { ...base.actor, displayName: 'Test Patient Canary' } },
      { ...base, verification: { ok: true, mismatchPaths: [], expected: 'Test Patient Canary' } },
      { ...base, body: { amount: '250.00', memo: 'Test Patient Canary' } },
    ];
    for (const input of inputs) {
      const error = refusal(input);
      expect(error).toBeInstanceOf(ValidationError);
      const text = exposed(error);
      expect(text).not.toContain('Canary');
      for (const key of ['patientName', 'displayName', 'expected', 'memo']) expect(text).not.toContain(key);
    }
  });

  it('refuses out-of-range numbers, unknown enums, bad ids and times', () => {
    const bad: Record<string, unknown>[] = [
      { ...base, httpStatus: 99 },
      { ...base, httpStatus: 600 },
      { ...base, httpStatus: 200.5 },
      { ...base, durationMs: -1 },
      { ...base, durationMs: 1.5 },
      { ...base, attempts: -1 },
      { ...base, outcome: 'ok' },
      { ...base, phase: 'during' },
      { ...base, id: 'not-a-uuid' },
      { ...base, id: '3b241101-e2bb-1255-8caf-4136c566a962' },
      { ...base, at: '2026-03-01T10:15:00Z' },
      { ...base, at: '2026-03-01' },
      {
        ...base,
        verification: { ok: true, mismatchPaths: Array.from({ length: 51 }, (_, index) => `p${index}`) },
      },
      { ...base, actor: undefined },
      { ...base, tenantId: 42 },
    ];
    for (const input of bad) expect(refusal(input)).toBeInstanceOf(ValidationError);
  });

  it('never matches text with spaces or @ (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(' ', '@', '\n', '\t'), fc.string(), (before, bad, after) => {
        expect(AUDIT_IDENTIFIER.test(`${before}${bad}${after}`)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('memoryAuditSink', () => {
  it('keeps validated records in order and clears them', async () => {
    const sink = memoryAuditSink();
    const first = createAuditRecord({ ...base, phase: 'attempt', outcome: 'pending' });
    const second = createAuditRecord(base);
    await sink.write(first);
    await sink.write(second);
    expect(sink.records).toEqual([first, second]);
    const snapshot = sink.records;
    sink.clear();
    expect(sink.records).toEqual([]);
    expect(snapshot).toHaveLength(2);
  });

  it('rejects a record that bypassed createAuditRecord and keeps nothing', async () => {
    const sink = memoryAuditSink();
    const forged = { ...createAuditRecord(base), resourceId: 'Test Patient Canary' } as AuditRecord;
    const error = await sink.write(forged).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(exposed(error)).not.toContain('Canary');
    expect(sink.records).toEqual([]);
  });
});
