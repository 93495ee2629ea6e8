import type { z } from 'zod';
import type { LedgerIntent } from '../../intents/index.js';
import { INTENT_SCHEMAS } from '../../intents/index.js';
import { defineTool, type ToolCall } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import { type ToolResult, toolFailure } from '../tool-result.js';
import type { ToolEnvironment, ToolkitApproval } from '../toolkit-options.js';
import { pendingApproval, writeOutcome } from './write-outcome.js';
import type { WriteToolSpec } from './write-tool-spec.js';

const WRITE_NOTE =
  'Use only ids returned by the read tools; amounts are exact decimal strings such as "125.00"; pass null for anything you do not know. Calling again with identical input never writes twice: it returns the first outcome (status replayed). If the result has status pending_approval, tell the user it waits for a person’s approval.';

const PROPOSE_NOTE =
  'Proposal mode: this checks the request and returns a dry-run plan (status proposed) for a person to review. Nothing is written to the ledger.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function gated(approval: ToolkitApproval | undefined, spec: WriteToolSpec): approval is ToolkitApproval {
  if (approval === undefined) return false;
  const intents = approval.intents ?? 'all';
  return intents === 'all' || intents.includes(spec.intent);
}

/**
 * One write tool for one intent. Its input is the intent schema without the `intent` key: the tool name
 * already says which intent it is, and a model cannot switch intents by passing another.
 */
export function writeTool(environment: ToolEnvironment, spec: WriteToolSpec): LedgerTool {
  const intentSchema = INTENT_SCHEMAS[spec.intent] as unknown as z.ZodObject;
  const inputSchema = intentSchema.omit({ intent: true }).describe(intentSchema.description ?? spec.title);
  const proposing = environment.mode === 'propose';
  return defineTool<unknown>(environment, {
    name: spec.intent,
    kind: 'write',
    description: `${spec.description} ${proposing ? PROPOSE_NOTE : WRITE_NOTE}`,
    inputSchema,
    annotations: {
      title: spec.title,
      readOnlyHint: proposing,
      destructiveHint: !proposing && spec.destructive,
      // Same input, same idempotency key: a repeated call replays the first outcome.
      idempotentHint: true,
      openWorldHint: true,
    },
    // The executor validates the intent (and audits a refusal), so the raw input goes on as it is.
    accept: (input) => ({
      accepted: true,
      input: { ...(isRecord(input) ? input : {}), intent: spec.intent },
    }),
    run: (intent, call) =>
      proposing ? propose(environment, spec, intent, call) : write(environment, spec, intent, call),
  });
}

async function propose(
  environment: ToolEnvironment,
  spec: WriteToolSpec,
  intent: unknown,
  call: ToolCall,
): Promise<ToolResult> {
  const plan = await environment.connection.plan(intent, call.execution);
  await environment.onProposal?.({ tool: spec.intent, plan, callId: call.callId, actor: call.actor });
  return {
    ok: true,
    status: 'proposed',
    intent: spec.intent,
    idempotencyKey: plan.idempotencyKey,
    resource: plan.resource,
    action: plan.action,
    message: 'Dry run only: nothing was written. A person reviews this plan and runs it.',
  };
}

async function write(
  environment: ToolEnvironment,
  spec: WriteToolSpec,
  intent: unknown,
  call: ToolCall,
): Promise<ToolResult> {
  let context = call.execution;
  if (gated(environment.approval, spec)) {
    // Validate (schema, accounting rules, key) before a person is asked to look at anything.
    const plan = await environment.connection.plan(intent, context);
    const decision = await environment.approval.decide({
      tool: spec.intent,
      plan,
      callId: call.callId,
      actor: call.actor,
    });
    if (decision.decision === 'denied') {
      return toolFailure('policy_denied', { reason: 'approval_denied', idempotencyKey: plan.idempotencyKey });
    }
    if (decision.decision === 'pending') {
      return pendingApproval(spec.intent, plan.idempotencyKey, 'approval_required', decision.approvalRef);
    }
    context = { ...context, approval: { approvedBy: decision.approvedBy } };
    // Run exactly what the person approved: the validated intent of the plan they saw.
    intent = plan.intent satisfies LedgerIntent;
  }
  const result = await environment.connection.execute(intent, context);
  return writeOutcome(result, spec.resource, environment.projection);
}
