import { createAuditRecord } from './audit/audit-record.js';
import type { AuditSink } from './audit/audit-sink.js';
import { createCredentialFactory } from './auth/credential-factory.js';
import type { LockProvider } from './auth/lock-provider.js';
import type { ConnectionKey, TokenVault } from './auth/token-vault.js';
import { type Connection, createConnectionReaders } from './connection/connection.js';
import type { ProviderDefinition } from './engine/definition.js';
import { type MappingOverrides, resolveMappings } from './engine/overrides.js';
import type { LedgerProvider } from './engine/provider.js';
import { type CallEvent, createProviderClient } from './engine/provider-client.js';
import type { ExecutionResult } from './executor/execution-result.js';
import { createExecutor } from './executor/executor.js';
import { createInFlightRegistry, type InFlightRegistry } from './executor/idempotency/in-flight.js';
import type { IdempotencySecret } from './executor/idempotency/secrets.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from './executor/idempotency/store.js';
import { validateWritePolicy, type WritePolicy } from './executor/policy.js';
import type { RetryPolicy } from './http/backoff.js';
import { ConfigurationError, LedgerError } from './http/errors.js';
import { createLimiter, type Limiter } from './http/limiter.js';
import { type LimiterStore, memoryLimiterStore } from './http/limiter-store.js';
import { createTransport, type TransportOptions } from './http/transport.js';

/** Options for {@link createLedger}. */
export interface LedgerOptions {
  /** Where connection tokens live. */
  readonly vault: TokenVault;
  /** Where audit records go (one per operation, metadata only). A sink that fails stops the operation. */
  readonly audit: AuditSink;
  /**
   * Secret for idempotency keys: one master secret (≥ 32 bytes) from which each tenant's key is derived,
   * or a function returning each tenant's own secret.
   */
  readonly idempotencySecret: IdempotencySecret;
  /** Keeps key, fingerprint, status and entity id per write. Default: in memory. */
  readonly idempotencyStore?: IdempotencyStore | undefined;
  /** Transport settings shared by every connection of this ledger. */
  readonly transport?: TransportOptions | undefined;
  /** Default retry policy for every call. */
  readonly retry?: RetryPolicy | undefined;
  /** Where rate-limit budgets live. Default: in memory, per ledger. */
  readonly limiterStore?: LimiterStore | undefined;
  /**
   * Serialises token refreshes per connection across the processes that share the vault. Default: this
   * process only. See {@link LockProvider}.
   */
  readonly locks?: LockProvider | undefined;
}

/** Options for {@link Ledger.connect}. */
export interface ConnectOptions extends ConnectionKey {
  /** The provider, from its subpath: `quickbooks({...})`. */
  readonly provider: LedgerProvider;
  /** What writers on this connection may do. Without a policy every write is denied. */
  readonly policy?: WritePolicy | undefined;
  /** Per-connection mapping changes (custom fields). Checked now; a bad one throws ConfigurationError. */
  readonly overrides?: MappingOverrides | undefined;
  /** The provider-side tenant, when the vault record does not carry it. */
  readonly providerTenantId?: string | undefined;
}

/** The entry point: holds shared transport and configuration, and opens connections. */
export interface Ledger {
  connect(options: ConnectOptions): Promise<Connection>;
}

const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Creates a ledger.
 *
 * @example
 * ```ts
 * const ledger = createLedger({ vault, audit: fileAuditSink({ path: 'audit.jsonl' }), idempotencySecret });
 * const books = await ledger.connect({
 *   provider: quickbooks(), tenantId: 'clinic-42', connectionId: 'qbo-main',
 *   policy: { allow: ['create_invoice', 'record_payment'] },
 * });
 * ```
 */
export function createLedger(options: LedgerOptions): Ledger {
  const transport = createTransport(options.transport);
  // One store per ledger by default, so a key written through one connection object is known to another
  // object for the same connection.
  const idempotencyStore = options.idempotencyStore ?? createMemoryIdempotencyStore();
  const credentialsFor = createCredentialFactory(options);
  const limiterStore = options.limiterStore ?? memoryLimiterStore();
  // App-wide budgets are shared by every connection to the same provider through this ledger.
  const appLimiters = new Map<string, Limiter>();
  const appLimiter = (definition: ProviderDefinition): Limiter | undefined => {
    if (!definition.appRateLimits) return undefined;
    let limiter = appLimiters.get(definition.name);
    if (!limiter) {
      limiter = createLimiter(definition.appRateLimits, {
        key: `${definition.name}:app`,
        store: limiterStore,
      });
      appLimiters.set(definition.name, limiter);
    }
    return limiter;
  };
  // One limiter and one in-flight registry per connection, however often the host calls connect():
  // state that lived in each connect() result would be lost (or doubled) across them.
  const connectionLimiters = new Map<string, Limiter>();
  const inFlightByConnection = new Map<string, InFlightRegistry<ExecutionResult>>();
  const once = <T>(map: Map<string, T>, key: string, create: () => T): T => {
    let found = map.get(key);
    if (found === undefined) {
      found = create();
      map.set(key, found);
    }
    return found;
  };
  return {
    async connect(connect) {
      checkIdentifiers(connect);
      const policyIssues = validateWritePolicy(connect.policy);
      if (policyIssues.length > 0) {
        throw new ConfigurationError({ operation: 'connect', issues: policyIssues });
      }
      const { definition } = connect.provider;
      const mappings = resolveMappings(definition, connect.overrides);
      const key: ConnectionKey = { tenantId: connect.tenantId, connectionId: connect.connectionId };
      const laneKey = `${definition.name}:${key.tenantId}:${key.connectionId}`;
      const client = createProviderClient({
        definition,
        transport,
        mappings,
        limiter: definition.rateLimits
          ? once(connectionLimiters, laneKey, () =>
              createLimiter(definition.rateLimits!, { key: laneKey, store: limiterStore }),
            )
          : undefined,
        sharedLimiter: appLimiter(definition),
        lane: laneKey,
        retry: options.retry,
        credentials: credentialsFor(connect.provider, key, connect.providerTenantId),
        observe: (event) => auditRead(options.audit, key, event),
      });
      const executor = createExecutor({
        client,
        ...key,
        policy: connect.policy,
        audit: options.audit,
        idempotencySecret: options.idempotencySecret,
        idempotencyStore,
        inFlight: once(inFlightByConnection, laneKey, () => createInFlightRegistry<ExecutionResult>()),
      });
      return {
        ...key,
        provider: definition.name,
        ...createConnectionReaders(client),
        execute: executor.execute,
        plan: executor.plan,
      };
    },
  };
}

/** Reads are audited as they finish; writes are audited by the executor (attempt and outcome). */
async function auditRead(sink: AuditSink, key: ConnectionKey, event: CallEvent): Promise<void> {
  if (event.action !== 'list' && event.action !== 'get') return;
  const record = createAuditRecord({
    tenantId: key.tenantId,
    connectionId: key.connectionId,
    provider: event.provider,
    // Only the actor fields that are set; the audit schema refuses undefined members.
    actor: Object.fromEntries(Object.entries(event.actor).filter(([, value]) => value !== undefined)),
    operation: `${event.resource}.${event.action}`,
    phase: 'outcome',
    outcome: event.outcome === 'success' ? 'success' : 'failure',
    resourceType: event.resource,
    durationMs: event.durationMs,
    attempts: event.meta.attempts,
    ...(event.resourceId ? { resourceId: event.resourceId } : {}),
    ...(event.meta.httpStatus ? { httpStatus: event.meta.httpStatus } : {}),
    ...(event.errorCode ? { errorCode: event.errorCode } : {}),
  });
  try {
    await sink.write(record);
  } catch {
    throw new LedgerError({ code: 'audit_failed', provider: event.provider, operation: record.operation });
  }
}

function checkIdentifiers(connect: ConnectOptions): void {
  const issues = (['tenantId', 'connectionId'] as const)
    .filter((field) => typeof connect[field] !== 'string' || !IDENTIFIER.test(connect[field]))
    .map((field) => ({ path: field, code: 'invalid_identifier' }));
  if (issues.length > 0) throw new ConfigurationError({ operation: 'connect', issues });
}
