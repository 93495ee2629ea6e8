import type { AuditRecord } from '../audit/audit-record.js';
import { createAuditRecord } from '../audit/audit-record.js';
import type { AuditSink } from '../audit/audit-sink.js';
import type { CallOptions, ProviderClient, WriteResult } from '../engine/provider-client.js';
import {
  IdempotencyConflictError,
  isLedgerError,
  LedgerError,
  ValidationError,
  type ValidationIssue,
} from '../http/errors.js';
import { type IntentName, LedgerIntent } from '../intents/index.js';
import { type Command, toCommand } from './commands.js';
import type { ExecutionPlan, ExecutionResult } from './execution-result.js';
import { createInFlightRegistry, type InFlightRegistry } from './idempotency/in-flight.js';
import {
  contentFingerprint,
  deriveIdempotencyKey,
  isValidCallerKey,
  scopedStoreKey,
} from './idempotency/key.js';
import { type IdempotencySecret, resolveTenantSecret } from './idempotency/secrets.js';
import type { IdempotencyStore } from './idempotency/store.js';
import { type Actor, evaluatePolicy, type WritePolicy } from './policy.js';
import { checkReferences } from './references.js';
import { checkAccountingRules } from './rules.js';
import { verifyWrite } from './verification.js';

/** Who is writing, why, and under which key. */
export interface ExecutionContext {
  readonly actor: Actor;
  /** The tenant the caller acts for. When given, it must be the connection's tenant, or the write is denied. */
  readonly tenantId?: string | undefined;
  /** Where the host keeps the agent's reasoning for this write (an id, never the reasoning). */
  readonly rationaleRef?: string | undefined;
  /** A key the caller chose; it wins over the derived one. */
  readonly idempotencyKey?: string | undefined;
  /** The agent framework's tool-call id. */
  readonly callId?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Set by the host when a human approved a pending plan; skips the approval step. */
  readonly approval?: { readonly approvedBy: string; readonly approvalRef?: string | undefined } | undefined;
}

/** Reads the executor makes on a writer's behalf are audited under the same actor. */
function readOptions(context: ExecutionContext): CallOptions {
  return {
    signal: context.signal,
    actor: {
      agentId: context.actor.agentId,
      sessionId: context.actor.sessionId,
      authorizedBy: context.actor.authorizedBy,
      callId: context.callId,
    },
  };
}

/** What an executor needs from its connection. */
export interface ExecutorDependencies {
  readonly client: ProviderClient;
  readonly tenantId: string;
  readonly connectionId: string;
  readonly policy: WritePolicy | undefined;
  readonly audit: AuditSink;
  readonly idempotencySecret: IdempotencySecret;
  readonly idempotencyStore: IdempotencyStore;
  /**
   * Shared by every connection object of one ledger connection, so concurrent calls made through two
   * `connect()` results still de-duplicate in process.
   */
  readonly inFlight?: InFlightRegistry<ExecutionResult> | undefined;
}

/**
 * How long an `in_flight` record from another caller (another process sharing the store, or a crashed
 * attempt) is presumed alive. Within it, a second caller reports `uncertain` rather than sending too.
 */
export const IN_FLIGHT_LEASE_MS = 120_000;

interface Prepared {
  readonly intent: LedgerIntent;
  readonly command: Command;
  readonly key: string;
  readonly storeKey: string;
  readonly fingerprint: string;
}

/**
 * Layer 2: the only way anything writes to a ledger. Validates the intent, applies accounting rules in
 * exact money, enforces policy, mints the idempotency key, records an audit attempt, sends through the
 * adapter, verifies what the provider stored and records the outcome.
 */
export function createExecutor(dependencies: ExecutorDependencies) {
  const { client, tenantId, connectionId, audit, idempotencyStore: store } = dependencies;
  const provider = client.definition.name;
  const inFlight = dependencies.inFlight ?? createInFlightRegistry<ExecutionResult>();

  /** Store failures become LedgerErrors: a host's store must not leak its own error text. */
  async function guarded<T>(operation: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (isLedgerError(error)) throw error;
      throw new LedgerError({
        code: 'internal',
        provider,
        operation,
        issues: [{ path: 'idempotencyStore', code: 'store_failed' }],
      });
    }
  }

  async function record(
    context: ExecutionContext,
    fields: Omit<AuditRecord, 'id' | 'at' | 'tenantId' | 'connectionId' | 'provider' | 'actor'>,
  ): Promise<AuditRecord> {
    const entry = createAuditRecord({
      ...fields,
      tenantId,
      connectionId,
      provider,
      actor: {
        ...(context.actor.agentId ? { agentId: context.actor.agentId } : {}),
        ...(context.actor.sessionId ? { sessionId: context.actor.sessionId } : {}),
        ...((context.approval?.approvedBy ?? context.actor.authorizedBy)
          ? { authorizedBy: context.approval?.approvedBy ?? context.actor.authorizedBy }
          : {}),
        ...(context.callId ? { callId: context.callId } : {}),
      },
      ...(context.rationaleRef ? { rationaleRef: context.rationaleRef } : {}),
    } as Parameters<typeof createAuditRecord>[0]);
    try {
      await audit.write(entry);
    } catch {
      // Fail closed: an operation that cannot be audited does not happen.
      throw new LedgerError({ code: 'audit_failed', provider, operation: fields.operation });
    }
    return entry;
  }

  async function prepare(input: unknown, context: ExecutionContext, operation: string): Promise<Prepared> {
    const parsed = LedgerIntent.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError({
        provider,
        operation,
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          code: issue.code,
        })),
      });
    }
    const intent = parsed.data;
    const issues = checkAccountingRules(intent);
    if (issues.length > 0)
      throw new ValidationError({ provider, operation: `intent.${intent.intent}`, issues });
    const command = toCommand(intent);
    // The validated intent is the semantic content: same request, same key, whatever the key order or
    // number formatting the model produced (canonical JSON takes care of both).
    const content = intent;
    const secret = await resolveTenantSecret(dependencies.idempotencySecret, tenantId);
    const identity = { secret, tenantId, connectionId, intent: intent.intent, content };
    const fingerprint = contentFingerprint(identity);
    if (context.idempotencyKey !== undefined && !isValidCallerKey(context.idempotencyKey)) {
      throw new ValidationError({
        provider,
        operation,
        issues: [{ path: 'idempotencyKey', code: 'invalid_key' }],
      });
    }
    const key = context.idempotencyKey ?? deriveIdempotencyKey(identity);
    // Stores may be shared between tenants; the store key scopes a caller's key to this connection.
    const storeKey = scopedStoreKey({ tenantId, connectionId, key });
    return { intent, command, key, storeKey, fingerprint };
  }

  async function deny(
    context: ExecutionContext,
    intent: IntentName | 'unknown',
    reason: string,
    key = '',
  ): Promise<ExecutionResult> {
    const entry = await record(context, {
      operation: `intent.${intent}`,
      phase: 'outcome',
      outcome: 'denied',
      errorCode: reason,
      ...(key ? { idempotencyKey: key } : {}),
    });
    return {
      status: 'denied',
      intent: intent as IntentName,
      idempotencyKey: key,
      attempts: 0,
      reason,
      auditId: entry.id,
    };
  }

  async function send(
    prepared: Prepared,
    context: ExecutionContext,
  ): Promise<WriteResult<Record<string, unknown>>> {
    const { command, key } = prepared;
    // The actor rides along so reads the write needs first (a SyncToken) are audited as this agent's.
    const call = { ...readOptions(context), idempotencyKey: key };
    switch (command.action) {
      case 'create':
        return (await client.create(command.resource, command.draft, call)) as WriteResult<
          Record<string, unknown>
        >;
      case 'update':
        return (await client.update(
          command.resource,
          { id: command.id, changes: command.changes },
          call,
        )) as WriteResult<Record<string, unknown>>;
      case 'void':
        return (await client.void(command.resource, { id: command.id }, call)) as WriteResult<
          Record<string, unknown>
        >;
    }
  }

  async function replay(
    prepared: Prepared,
    entityId: string | undefined,
    context: ExecutionContext,
  ): Promise<ExecutionResult> {
    const { command, key, intent } = prepared;
    const entity =
      entityId === undefined
        ? undefined
        : (await client.get(command.resource, entityId, readOptions(context))).entity;
    const entry = await record(context, {
      operation: `intent.${intent.intent}`,
      phase: 'outcome',
      outcome: 'replayed',
      resourceType: command.resource,
      idempotencyKey: key,
      ...(entityId ? { resourceId: entityId } : {}),
    });
    return {
      status: 'replayed',
      intent: intent.intent,
      entity: entity as Record<string, unknown> | undefined,
      entityId,
      idempotencyKey: key,
      attempts: 0,
      auditId: entry.id,
    };
  }

  /** Live reads: a hallucinated id or an allocation above the open balance is refused before any write. */
  async function checkLiveReferences(prepared: Prepared, context: ExecutionContext): Promise<void> {
    const { intent, key } = prepared;
    const operation = `intent.${intent.intent}`;
    const issues: ValidationIssue[] = await checkReferences(client, intent, readOptions(context));
    if (issues.length === 0) return;
    await record(context, {
      operation,
      phase: 'outcome',
      outcome: 'failure',
      errorCode: 'validation_failed',
      idempotencyKey: key,
    });
    throw new ValidationError({ provider, operation, issues, idempotencyKey: key });
  }

  async function write(prepared: Prepared, context: ExecutionContext): Promise<ExecutionResult> {
    const { intent, command, key, storeKey, fingerprint } = prepared;
    const operation = `intent.${intent.intent}`;
    const claim = await guarded(operation, () => store.claim(storeKey, fingerprint));
    if (!claim.claimed && claim.record.fingerprint !== fingerprint) {
      throw new IdempotencyConflictError({ provider, operation, idempotencyKey: key });
    }
    if (!claim.claimed && claim.record.status === 'succeeded')
      return replay(prepared, claim.record.entityId, context);
    if (
      !claim.claimed &&
      claim.record.status === 'in_flight' &&
      Date.now() - claim.record.updatedAt < IN_FLIGHT_LEASE_MS
    ) {
      // Someone else (another process on a shared store) is sending this write right now. Sending too
      // would rely on the provider alone to de-duplicate; report it as not yet known instead.
      const entry = await record(context, {
        operation,
        phase: 'outcome',
        outcome: 'uncertain',
        resourceType: command.resource,
        idempotencyKey: key,
        errorCode: 'write_in_progress',
      });
      return {
        status: 'uncertain',
        intent: intent.intent,
        idempotencyKey: key,
        attempts: 0,
        auditId: entry.id,
        reason: 'write_in_progress',
      };
    }

    const started = performance.now();
    try {
      await record(context, {
        operation,
        phase: 'attempt',
        outcome: 'pending',
        resourceType: command.resource,
        idempotencyKey: key,
        ...(command.action !== 'create' ? { resourceId: command.id } : {}),
      });
    } catch (error) {
      await guarded(operation, () => store.release(storeKey));
      throw error;
    }

    let result: WriteResult<Record<string, unknown>>;
    try {
      result = await send(prepared, context);
    } catch (thrown) {
      const error = isLedgerError(thrown)
        ? thrown
        : new LedgerError({ code: 'internal', provider, operation });
      const uncertain = error.outcome === 'uncertain';
      await guarded(operation, () =>
        uncertain
          ? store.complete(storeKey, { status: 'uncertain', resource: command.resource })
          : store.release(storeKey),
      );
      const entry = await record(context, {
        operation,
        phase: 'outcome',
        outcome: uncertain ? 'uncertain' : 'failure',
        resourceType: command.resource,
        idempotencyKey: key,
        errorCode: error.code,
        durationMs: Math.round(performance.now() - started),
        ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
        ...(error.attempts ? { attempts: error.attempts } : {}),
      });
      if (!uncertain) throw error.with({ idempotencyKey: key });
      return {
        status: 'uncertain',
        intent: intent.intent,
        idempotencyKey: key,
        attempts: error.attempts ?? 1,
        rateLimit: error.rateLimit,
        auditId: entry.id,
        reason: error.code,
        retryAt: error.retryAt,
      };
    }

    const entityId =
      typeof result.entity?.id === 'string'
        ? result.entity.id
        : command.action === 'create'
          ? undefined
          : command.id;
    // The write happened: a store that fails to record it must not turn success into an error (the
    // provider's own key still protects a repeat).
    await store
      .complete(storeKey, {
        status: 'succeeded',
        resource: command.resource,
        effect: result.effect,
        ...(entityId ? { entityId } : {}),
      })
      .catch(() => undefined);
    const verification = verifyWrite(command, result.entity);
    const entry = await record(context, {
      operation,
      phase: 'outcome',
      outcome: 'success',
      resourceType: command.resource,
      idempotencyKey: key,
      durationMs: Math.round(performance.now() - started),
      attempts: result.meta.attempts,
      ...(entityId ? { resourceId: entityId } : {}),
      ...(result.meta.httpStatus ? { httpStatus: result.meta.httpStatus } : {}),
      verification: { ok: verification.ok, mismatchPaths: [...verification.mismatches] },
      ...(context.approval?.approvalRef ? { approvalRef: context.approval.approvalRef } : {}),
    });
    return {
      status: result.effect === 'created' ? 'created' : 'updated',
      intent: intent.intent,
      entity: result.entity,
      entityId,
      effect: result.effect,
      idempotencyKey: key,
      attempts: result.meta.attempts,
      rateLimit: result.meta.rateLimit,
      auditId: entry.id,
      verification,
    };
  }

  async function plan(input: unknown, context: ExecutionContext): Promise<ExecutionPlan> {
    const prepared = await prepare(input, context, 'plan');
    const { command, key, intent } = prepared;
    const request = await client.preview(
      command.resource,
      command.action,
      command.action === 'create'
        ? { draft: command.draft }
        : command.action === 'update'
          ? { id: command.id, draft: command.changes }
          : { id: command.id },
      key,
    );
    return { intent, resource: command.resource, action: command.action, idempotencyKey: key, request };
  }

  return {
    /**
     * Runs one intent end to end. Denials and pending approvals are results, not errors; invalid input is
     * a ValidationError naming paths; a write whose outcome cannot be known is an `uncertain` result to
     * reconcile by calling `execute` again with the same intent (or key).
     */
    async execute(input: unknown, context: ExecutionContext): Promise<ExecutionResult> {
      const claimedIntent =
        typeof input === 'object' &&
        input !== null &&
        typeof (input as { intent?: unknown }).intent === 'string'
          ? (input as { intent: string }).intent
          : 'unknown';
      // Tenant binding comes first: a connection serves only its own tenant, before any I/O.
      if (context.tenantId !== undefined && context.tenantId !== tenantId) {
        return deny(
          context,
          /^[a-z_]{1,40}$/.test(claimedIntent) ? (claimedIntent as IntentName) : 'unknown',
          'tenant_mismatch',
        );
      }
      let prepared: Prepared;
      try {
        prepared = await prepare(
          input,
          context,
          `intent.${/^[a-z_]{1,40}$/.test(claimedIntent) ? claimedIntent : 'unknown'}`,
        );
      } catch (error) {
        if (isLedgerError(error)) {
          await record(context, {
            operation: `intent.${/^[a-z_]{1,40}$/.test(claimedIntent) ? claimedIntent : 'unknown'}`,
            phase: 'outcome',
            outcome: 'failure',
            errorCode: error.code,
          });
        }
        throw error;
      }
      const { intent, key, storeKey } = prepared;
      const verdict = evaluatePolicy(dependencies.policy, intent);
      if (verdict.verdict === 'deny') return deny(context, intent.intent, verdict.reason, key);

      // Keyed by content too: a caller key reused concurrently for other content must meet the conflict
      // check, not share the first call's result.
      return inFlight.run(`${storeKey}:${prepared.fingerprint}`, async () => {
        const existing = await guarded(`intent.${intent.intent}`, () => store.get(storeKey));
        if (existing && existing.fingerprint !== prepared.fingerprint) {
          throw new IdempotencyConflictError({
            provider,
            operation: `intent.${intent.intent}`,
            idempotencyKey: key,
          });
        }
        if (existing?.status === 'succeeded') return replay(prepared, existing.entityId, context);
        // An earlier attempt may have been applied: resend under the same key, which the provider
        // recognises, instead of re-checking balances the first attempt may already have moved.
        const reconciling = existing?.status === 'uncertain' || existing?.status === 'in_flight';
        // References are checked before a human is asked to approve anything.
        if (!reconciling) await checkLiveReferences(prepared, context);
        if (!reconciling && verdict.verdict === 'needs_approval' && !context.approval) {
          const decision = dependencies.policy?.approve
            ? await dependencies.policy.approve({
                intent,
                tenantId,
                connectionId,
                actor: context.actor,
                idempotencyKey: key,
                reason: verdict.reason,
              })
            : { decision: 'denied' as const };
          if (decision.decision === 'denied') return deny(context, intent.intent, verdict.reason, key);
          if (decision.decision === 'pending') {
            const pendingPlan = await plan(intent, context);
            const entry = await record(context, {
              operation: `intent.${intent.intent}`,
              phase: 'outcome',
              outcome: 'pending_approval',
              idempotencyKey: key,
              errorCode: verdict.reason,
              ...(decision.approvalRef ? { approvalRef: decision.approvalRef } : {}),
            });
            return {
              status: 'pending_approval',
              intent: intent.intent,
              idempotencyKey: key,
              attempts: 0,
              reason: verdict.reason,
              plan: pendingPlan,
              auditId: entry.id,
            };
          }
          return write(prepared, { ...context, approval: { approvedBy: decision.approvedBy } });
        }
        return write(prepared, context);
      });
    },

    /** A dry run: validation, rules, policy-free preview of the provider request. No network I/O. */
    plan,
  };
}

/** The executor of one connection. */
export type Executor = ReturnType<typeof createExecutor>;
