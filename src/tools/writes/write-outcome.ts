import type { ExecutionResult } from '../../executor/execution-result.js';
import type { IntentName } from '../../intents/index.js';
import type { ResourceName } from '../../schema/resources.js';
import type { Projection } from '../projection.js';
import { type ToolResult, type ToolSuccess, toolFailure } from '../tool-result.js';

/** What the model is told while a write waits for a person. */
const PENDING_MESSAGE =
  'Nothing has been written yet: a person must approve this write first. Tell the user it is waiting for approval; do not call again until they say it was approved.';

/** `{ ok: true, status: 'pending_approval', … }`: the write waits for a person. */
export function pendingApproval(
  intent: IntentName,
  idempotencyKey: string,
  reason: string | undefined,
  approvalRef: string | undefined,
): ToolSuccess {
  return {
    ok: true,
    status: 'pending_approval',
    intent,
    idempotencyKey,
    reason: reason ?? 'approval_required',
    approvalRef: approvalRef ?? null,
    message: PENDING_MESSAGE,
  };
}

/**
 * Turns an executor result into what the model sees. Successes carry the record as now stored, projected
 * to the allowed fields; denials and uncertain outcomes are failures with a code the model can act on.
 */
export function writeOutcome(
  result: ExecutionResult,
  resource: ResourceName,
  projection: Projection,
): ToolResult {
  switch (result.status) {
    case 'created':
    case 'updated':
    case 'replayed':
      return {
        ok: true,
        status: result.status,
        intent: result.intent,
        entityId: result.entityId ?? null,
        idempotencyKey: result.idempotencyKey,
        attempts: result.attempts,
        verification: result.verification
          ? { ok: result.verification.ok, mismatches: [...result.verification.mismatches] }
          : null,
        record: result.entity ? projection.project(resource, result.entity) : null,
        withheldFields: projection.withheld(resource),
        ...(result.rateLimit ? { rateLimit: result.rateLimit } : {}),
      };
    case 'pending_approval':
      // The plan stays with the host (it holds the payload); the model only needs to know it waits.
      return pendingApproval(result.intent, result.idempotencyKey, result.reason, undefined);
    case 'denied':
      return toolFailure('policy_denied', { reason: result.reason, idempotencyKey: result.idempotencyKey });
    case 'uncertain':
      return toolFailure('write_uncertain', {
        retryable: true,
        retryAt: result.retryAt,
        reason: result.reason,
        idempotencyKey: result.idempotencyKey,
        rateLimit: result.rateLimit,
      });
  }
}
