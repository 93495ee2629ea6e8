import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../http/errors.js';

/**
 * The syntax every string in an {@link AuditRecord} must have: 1–128 characters of letters, digits and
 * `_ . : / -`. No spaces and no `@`, so a name, an email address or a sentence cannot be written into an
 * audit record by mistake (DESIGN invariant 7).
 */
export const AUDIT_IDENTIFIER = /^[A-Za-z0-9_.:/-]{1,128}$/;

const Identifier = z.string().regex(AUDIT_IDENTIFIER);

/** Who asked for the operation. Every field is a reference, never a display name. */
export const AuditActor = z.strictObject({
  /** The host's id for the agent that made the call. */
  agentId: Identifier.optional(),
  /** The agent session or conversation the call belongs to. */
  sessionId: Identifier.optional(),
  /** The host's id for the human who authorised the agent (never their name or email). */
  authorizedBy: Identifier.optional(),
  /** The agent framework's tool-call id, to join the audit trail with the agent transcript. */
  callId: Identifier.optional(),
});
export type AuditActor = z.infer<typeof AuditActor>;

/** Whether a post-write read-back matched what was sent; mismatches are named by path only. */
export const AuditVerificationResult = z.strictObject({
  ok: z.boolean(),
  mismatchPaths: z.array(Identifier).max(50),
});
export type AuditVerificationResult = z.infer<typeof AuditVerificationResult>;

/** Where a record sits in a write: `attempt` before the provider call, `outcome` after (reads: outcome only). */
export const AuditPhase = z.enum(['attempt', 'outcome']);
export type AuditPhase = z.infer<typeof AuditPhase>;

/** What happened. `pending` belongs to an `attempt` record; the rest to `outcome` records. */
export const AuditOutcome = z.enum([
  'pending',
  'success',
  'failure',
  'denied',
  'uncertain',
  'pending_approval',
  'replayed',
]);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/**
 * One audit record: metadata about one operation (a read, a write attempt or outcome, a denial) and nothing
 * else. The object is strict, so a field outside this allow-list is refused, and every string is
 * {@link AUDIT_IDENTIFIER} syntax, so payload text (names, amounts, dates of service, descriptions) cannot
 * be carried in an allowed field either.
 *
 * @example
 * ```json
 * { "id": "6f1c…", "at": "2026-03-01T10:15:00.123Z", "tenantId": "clinic-42", "connectionId": "qbo-main",
 *   "provider": "quickbooks", "actor": { "agentId": "billing-agent", "callId": "call_9" },
 *   "operation": "intent.record_payment", "phase": "outcome", "resourceType": "payments",
 *   "resourceId": "1042", "outcome": "success", "httpStatus": 200, "durationMs": 412, "attempts": 1 }
 * ```
 */
export const AuditRecord = z.strictObject({
  /** A random UUID v4 naming this record. */
  id: z.uuidv4(),
  /** When the record was made: RFC 3339 UTC with milliseconds, as `Date#toISOString` writes it. */
  at: z.iso.datetime({ precision: 3 }),
  tenantId: Identifier,
  connectionId: Identifier,
  provider: Identifier,
  actor: AuditActor,
  /** `intent.<name>` for executor writes, `<resource>.<action>` for reads and direct calls. */
  operation: Identifier,
  phase: AuditPhase,
  resourceType: Identifier.optional(),
  /** The provider's record id (an opaque reference, not a description of the record). */
  resourceId: Identifier.optional(),
  idempotencyKey: Identifier.optional(),
  outcome: AuditOutcome,
  httpStatus: z.int().min(100).max(599).optional(),
  /** A {@link LedgerError} code or a token-syntax provider code. */
  errorCode: Identifier.optional(),
  durationMs: z.int().min(0).optional(),
  attempts: z.int().min(0).optional(),
  /** Where the host keeps the agent's reasoning for this call. The reasoning itself never goes here. */
  rationaleRef: Identifier.optional(),
  verification: AuditVerificationResult.optional(),
  /** The host's reference to the approval that released a held write. */
  approvalRef: Identifier.optional(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The fields a caller supplies to {@link createAuditRecord}; `id` and `at` are filled in when absent. */
export type AuditRecordInput = Omit<AuditRecord, 'id' | 'at'> & Partial<Pick<AuditRecord, 'id' | 'at'>>;

/**
 * Builds a validated, frozen audit record, minting `id` (UUID v4) and `at` (now) unless given.
 *
 * @throws {ValidationError} when a field is missing, unknown or not identifier syntax. The error names
 * paths and issue kinds only, never the refused value, so a patient name passed by mistake goes nowhere.
 * @example
 * ```ts
 * const record = createAuditRecord({ tenantId: 'clinic-42', connectionId: 'qbo-main', provider: 'quickbooks',
 *   actor: { agentId: 'billing-agent' }, operation: 'invoices.get', phase: 'outcome', outcome: 'success' });
 * ```
 */
export function createAuditRecord(fields: AuditRecordInput): AuditRecord {
  return parseAuditRecord({ id: randomUUID(), at: new Date().toISOString(), ...fields });
}

/**
 * Validates an arbitrary value as an {@link AuditRecord} and returns a frozen copy without `undefined`
 * members (so the JSON written and the hash computed describe the same object). Sinks call this on every
 * write, so a record that bypassed {@link createAuditRecord} is still checked.
 *
 * @throws {ValidationError} naming paths only.
 */
export function parseAuditRecord(value: unknown): AuditRecord {
  const parsed = AuditRecord.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError({ operation: 'audit.record', issues: toPathIssues(parsed.error) });
  }
  return deepFreezeDefined(parsed.data);
}

// Only the path and the kind of each issue survive: zod's messages and `keys` lists can echo input.
function toPathIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
}

function deepFreezeDefined<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(deepFreezeDefined)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) copy[key] = deepFreezeDefined(member);
  }
  return Object.freeze(copy) as T;
}
