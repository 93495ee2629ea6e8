import type { IntentName, LedgerIntent } from '../intents/index.js';
import { compare } from '../schema/money.js';
import { intentTotal } from './rules.js';

/** Who is asking: the agent, its session and the human on whose authority it acts. */
export interface Actor {
  readonly agentId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly authorizedBy?: string | undefined;
}

/** What an approval hook is shown. The intent is the validated request (it may carry PHI; keep it in-process). */
export interface ApprovalRequest {
  readonly intent: LedgerIntent;
  readonly tenantId: string;
  readonly connectionId: string;
  readonly actor: Actor;
  readonly idempotencyKey: string;
  /** Why approval is needed, for example `amount_over_limit`. */
  readonly reason: string;
}

/** An approval hook's answer: go ahead, refuse, or wait for a human (the result is `pending_approval`). */
export type ApprovalDecision =
  | { readonly decision: 'approved'; readonly approvedBy: string }
  | { readonly decision: 'denied' }
  | { readonly decision: 'pending'; readonly approvalRef?: string | undefined };

/**
 * What a connection's writers may do. Deny by default: an intent not listed in `allow` is refused before
 * any I/O, and a connection with no policy allows nothing.
 *
 * @example
 * ```ts
 * const policy: WritePolicy = {
 *   allow: ['create_invoice', 'record_payment'],
 *   limits: { USD: '5000.00' },
 *   approval: { when: ({ reason }) => reason === 'amount_over_limit', decide: async (request) => queueForHuman(request) },
 * };
 * ```
 */
export interface WritePolicy {
  /** Intents this connection may run. */
  readonly allow: readonly IntentName[];
  /** Largest amount one write may move, per currency. Above it the write needs approval or is denied. */
  readonly limits?: Readonly<Record<string, string>> | undefined;
  /** Intents that always need a human's approval. */
  readonly requireApproval?: readonly IntentName[] | undefined;
  /** Asked when approval is needed. Without it, anything needing approval is denied. */
  readonly approve?: ((request: ApprovalRequest) => Promise<ApprovalDecision>) | undefined;
}

/** The policy's verdict before any I/O. */
export type PolicyVerdict =
  | { readonly verdict: 'allow' }
  | { readonly verdict: 'deny'; readonly reason: string }
  | { readonly verdict: 'needs_approval'; readonly reason: string };

/** Applies allow-list and limits. Pure and synchronous, so denials never touch the network. */
export function evaluatePolicy(policy: WritePolicy | undefined, intent: LedgerIntent): PolicyVerdict {
  if (policy === undefined) return { verdict: 'deny', reason: 'intent_not_allowed' };
  if (!policy.allow.includes(intent.intent)) return { verdict: 'deny', reason: 'intent_not_allowed' };
  if (policy.requireApproval?.includes(intent.intent)) {
    return { verdict: 'needs_approval', reason: 'approval_required' };
  }
  const total = intentTotal(intent);
  const currency = 'currency' in intent ? intent.currency : null;
  if (total !== undefined && currency !== null && policy.limits) {
    const limit = policy.limits[currency];
    if (limit === undefined) return { verdict: 'deny', reason: 'currency_not_allowed' };
    if (compare(total, limit) > 0) return { verdict: 'needs_approval', reason: 'amount_over_limit' };
  }
  return { verdict: 'allow' };
}
