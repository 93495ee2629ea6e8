import type { Connection } from '../connection/connection.js';
import type { ExecutionPlan } from '../executor/execution-result.js';
import type { Actor, ApprovalDecision } from '../executor/policy.js';
import type { IntentName } from '../intents/index.js';
import type { ResourceName } from '../schema/resources.js';
import type { FieldPolicy, Projection } from './projection.js';
import type { ToolErrorCode } from './tool-result.js';

/**
 * What write tools do:
 * - `read`: there are no write tools, whatever `allow.writes` says;
 * - `propose`: write tools validate and return a dry-run plan (nothing is sent to the ledger);
 * - `write`: write tools run through the connection's executor (policy, idempotency, audit).
 */
export type ToolkitMode = 'read' | 'propose' | 'write';

/**
 * Which tools exist. Deny by default for writes: without `writes` there is no write tool at all. Reads
 * default to every resource, because read results are projected down to the allowed PHI fields anyway;
 * list resources to narrow them.
 */
export interface ToolkitAllow {
  /** Intents the agent may ask for; each becomes one write tool named after it. Default: none. */
  readonly writes?: readonly IntentName[] | undefined;
  /**
   * Resources the agent may read: `list_<resource>` and `get_<record>` tools, plus `find_contact` (with
   * `customers` or `vendors`), `get_invoice_balance` (with `invoices`) and `get_company` (with `company`).
   * Default `'all'`. `get_rate_limit_status` is always present: it reads no ledger data.
   */
  readonly reads?: readonly ResourceName[] | 'all' | undefined;
}

/** What a toolkit-level approval hook is shown. The plan holds the payload: keep it in process. */
export interface ToolApprovalRequest {
  /** The tool the model called (the intent name). */
  readonly tool: string;
  /** The validated intent, its idempotency key and the request it would send. */
  readonly plan: ExecutionPlan;
  /** The framework's tool-call id, as audited. */
  readonly callId: string | undefined;
  readonly actor: Actor;
}

/**
 * A toolkit-level approval gate, in addition to the connection policy's (which sees amount limits and
 * runs after live reference checks). `decide` is asked on every call of a gated tool, after the input has
 * been validated; answer `approved` once a person has approved that `plan.idempotencyKey` (the same input
 * always has the same key), `pending` to tell the model the write waits, `denied` to refuse it.
 */
export interface ToolkitApproval {
  /** Intents that need approval through this hook. Default `'all'` (every write tool). */
  readonly intents?: readonly IntentName[] | 'all' | undefined;
  decide(request: ToolApprovalRequest): Promise<ApprovalDecision>;
}

/** A dry-run plan produced in `propose` mode, handed to the host to review and run later. */
export interface ToolProposal {
  readonly tool: string;
  readonly plan: ExecutionPlan;
  readonly callId: string | undefined;
  readonly actor: Actor;
}

/** What a toolkit reports about each finished tool call: metadata only, never input or output values. */
export interface ToolCallEvent {
  readonly tool: string;
  readonly kind: 'read' | 'write';
  readonly callId: string | undefined;
  readonly ok: boolean;
  /** For writes: `created`, `replayed`, `pending_approval`, `proposed`… */
  readonly status?: string | undefined;
  readonly errorCode?: ToolErrorCode | undefined;
  readonly durationMs: number;
}

/** Options for `createLedgerToolkit`. */
export interface LedgerToolkitOptions {
  /** Which tools exist. Without it there are read tools only. */
  readonly allow?: ToolkitAllow | undefined;
  /** Default `write` (the connection's policy still decides what may run). */
  readonly mode?: ToolkitMode | undefined;
  /** An extra approval gate for write tools. */
  readonly approval?: ToolkitApproval | undefined;
  /** Which PHI fields read results keep. Default: role `minimal`, no PHI. */
  readonly fields?: FieldPolicy | undefined;
  /** Who the agent is, for the audit trail (identifiers only). Per-call `actor` fields override these. */
  readonly actor?: Actor | undefined;
  /** Receives each dry-run plan in `propose` mode. */
  readonly onProposal?: ((proposal: ToolProposal) => void | Promise<void>) | undefined;
  /** Receives metadata about every finished tool call (for metrics and progress displays). */
  readonly observe?: ((event: ToolCallEvent) => void) | undefined;
}

/** What every tool factory is given: the connection and the toolkit's resolved settings. */
export interface ToolEnvironment {
  readonly connection: Connection;
  readonly mode: ToolkitMode;
  readonly projection: Projection;
  readonly actor: Actor;
  readonly approval: ToolkitApproval | undefined;
  readonly onProposal: LedgerToolkitOptions['onProposal'];
  readonly observe: LedgerToolkitOptions['observe'];
}
