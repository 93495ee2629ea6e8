import type { RequestPreview } from '../engine/provider-client.js';
import type { RateLimitInfo } from '../http/rate-limit-info.js';
import type { IntentName, LedgerIntent } from '../intents/index.js';
import type { Verification } from './verification.js';

/** What happened to a write. */
export type ExecutionStatus =
  | 'created'
  | 'updated'
  | 'replayed'
  | 'uncertain'
  | 'pending_approval'
  | 'denied';

/**
 * A dry run: the validated intent, the key it will write under, and the request the provider would
 * receive. Produced without any network call. Hosts hold it in memory (it carries the payload) and pass it
 * back to `execute` once a human approves.
 */
export interface ExecutionPlan {
  readonly intent: LedgerIntent;
  readonly resource: string;
  readonly action: 'create' | 'update' | 'void';
  readonly idempotencyKey: string;
  readonly request: RequestPreview;
}

/** The outcome of `execute`. Every field except `entity` and `plan` is metadata and safe to log. */
export interface ExecutionResult {
  readonly status: ExecutionStatus;
  readonly intent: IntentName;
  /** The record as the provider now holds it, in the unified schema. */
  readonly entity?: Readonly<Record<string, unknown>> | undefined;
  readonly entityId?: string | undefined;
  /** What the provider did: created, updated, voided, deactivated. */
  readonly effect?: string | undefined;
  readonly idempotencyKey: string;
  readonly attempts: number;
  readonly rateLimit?: RateLimitInfo | undefined;
  /** Id of the audit record of this outcome. */
  readonly auditId?: string | undefined;
  /** How the stored record compares with the request (created records only). */
  readonly verification?: Verification | undefined;
  /** Why a write was denied or is waiting, as a code (`intent_not_allowed`, `amount_over_limit`). */
  readonly reason?: string | undefined;
  /** For `pending_approval`: the plan to approve and run later. */
  readonly plan?: ExecutionPlan | undefined;
  /** For `uncertain`: when to try reconciling again, if the provider said. */
  readonly retryAt?: string | undefined;
}
