import type { ValidationIssue } from '../http/errors.js';
import { INTENT_NAMES, type IntentName, type LedgerIntent } from '../intents/index.js';
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
 *   // Above the limit (or for intents in requireApproval) a human decides; 'pending' parks the write.
 *   approve: async (request) => ({ decision: 'pending', approvalRef: await queueForHuman(request) }),
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

const CURRENCY = /^[A-Z]{3}$/;
const LIMIT = /^(0|[1-9]\d{0,17})(\.\d{1,10})?$/;

/**
 * Checks a policy when a connection is opened, so a malformed limit or an unknown intent is a
 * ConfigurationError then, not a crash in the middle of a write.
 */
export function validateWritePolicy(policy: WritePolicy | undefined): ValidationIssue[] {
  if (policy === undefined) return [];
  const issues: ValidationIssue[] = [];
  const known = new Set<string>(INTENT_NAMES);
  const checkNames = (names: readonly string[] | undefined, field: string) =>
    (names ?? []).forEach((name, index) => {
      if (!known.has(name)) issues.push({ path: `policy.${field}.${index}`, code: 'unknown_intent' });
    });
  if (!Array.isArray(policy.allow)) issues.push({ path: 'policy.allow', code: 'required' });
  else checkNames(policy.allow, 'allow');
  checkNames(policy.requireApproval, 'requireApproval');
  for (const [currency, limit] of Object.entries(policy.limits ?? {})) {
    if (!CURRENCY.test(currency)) issues.push({ path: 'policy.limits', code: 'invalid_currency' });
    else if (typeof limit !== 'string' || !LIMIT.test(limit))
      issues.push({ path: `policy.limits.${currency}`, code: 'invalid_amount' });
  }
  if (policy.approve !== undefined && typeof policy.approve !== 'function') {
    issues.push({ path: 'policy.approve', code: 'not_a_function' });
  }
  return issues;
}
