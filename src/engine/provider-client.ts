import { DEFAULT_MAX_WAIT_MS, type RetryPolicy, withRetries } from '../http/backoff.js';
import {
  isLedgerError,
  LedgerError,
  ProviderResponseError,
  RateLimitError,
  UnsupportedOperationError,
  ValidationError,
} from '../http/errors.js';
import { createLimiter, type Limiter } from '../http/limiter.js';
import type { RateLimitInfo } from '../http/rate-limit-info.js';
import { errorForStatus } from '../http/status-errors.js';
import type { HttpResponse, Transport } from '../http/transport.js';
import { DRAFT_SCHEMAS, type WritableResourceName } from '../schema/drafts.js';
import type { EntityOf, ResourceName } from '../schema/resources.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type {
  ConnectionTarget,
  ListFilter,
  PageState,
  ProviderDefinition,
  RequestSpec,
  ResourceDefinition,
  WriteInput,
  WriteOperation,
} from './definition.js';
import type { EffectiveMappings } from './overrides.js';
import { mapDraft, mapRecord, toIssues } from './record-mapper.js';
import { buildHttpRequest } from './request-builder.js';

/** Where the engine gets a usable access token for a connection. */
export interface CredentialSource {
  /** A valid (refreshed if needed) access token and the provider tenant it serves. */
  current(signal?: AbortSignal): Promise<{ readonly accessToken: string; readonly target: ConnectionTarget }>;
  /**
   * Called once per call when the provider rejected `accessToken` with 401 (revoked early, clock skew).
   * Resolves true when a different token is now available, and the call is sent once more.
   */
  afterRejection?(accessToken: string, signal?: AbortSignal): Promise<boolean>;
}

/** What every call reports, success or failure. */
export interface CallMetadata {
  readonly attempts: number;
  readonly waitedMs: number;
  readonly httpStatus?: number | undefined;
  readonly rateLimit?: RateLimitInfo | undefined;
  readonly providerRequestId?: string | undefined;
  readonly idempotencyKey?: string | undefined;
}

/** Who is reading or writing, for the audit trail (identifiers only). */
export interface CallActor {
  readonly agentId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly authorizedBy?: string | undefined;
  /** The agent framework's tool-call id. */
  readonly callId?: string | undefined;
}

/** A finished call, as seen by observers (the audit trail): metadata only, never payloads. */
export interface CallEvent {
  readonly provider: string;
  readonly actor: CallActor;
  readonly resource: ResourceName;
  readonly action: WriteAction | 'list' | 'get';
  readonly resourceId?: string | undefined;
  readonly outcome: 'success' | 'failure' | 'uncertain';
  readonly errorCode?: string | undefined;
  readonly durationMs: number;
  readonly meta: CallMetadata;
}

/** One page of a list. */
export interface Page<Entity> {
  readonly items: Entity[];
  /** Pass back with the same filter to read the next page; undefined on the last page. */
  readonly nextCursor: string | undefined;
  readonly meta: CallMetadata;
}

/** The write actions a provider may support. */
export type WriteAction = 'create' | 'update' | 'delete' | 'void' | 'upload';

/** The outcome of a provider-level write. */
export interface WriteResult<Entity> {
  /** The record as the provider returned it, mapped to the unified schema (absent for deletes). */
  readonly entity: Entity | undefined;
  readonly effect: NonNullable<WriteOperation['effect']>;
  readonly meta: CallMetadata;
}

/** The request a write would send, for a dry run. `body` is the mapped provider payload. */
export interface RequestPreview {
  readonly method: string;
  /** Path relative to the connection's API root. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  /** Who is asking; recorded in the audit trail. */
  readonly actor?: CallActor | undefined;
}

/** Options for a write: the idempotency key the executor minted for this logical write. */
export interface WriteOptions extends CallOptions {
  readonly idempotencyKey?: string | undefined;
}

/** Options for one page. */
export interface PageOptions extends CallOptions {
  readonly cursor?: string | undefined;
  readonly pageSize?: number | undefined;
}

/** Settings for a provider client. */
export interface ProviderClientOptions {
  readonly definition: ProviderDefinition;
  readonly credentials: CredentialSource;
  readonly transport: Transport;
  readonly mappings: ReadonlyMap<ResourceName, EffectiveMappings>;
  readonly retry?: RetryPolicy | undefined;
  /** This connection's limiter; default: one built from the definition's `rateLimits`. */
  readonly limiter?: Limiter | undefined;
  /** A budget shared with other connections (an app-wide limit), served fairly by `lane`. */
  readonly sharedLimiter?: Limiter | undefined;
  /** This connection's lane in the shared limiter. */
  readonly lane?: string | undefined;
  /** Receives every finished call; a rejection fails the call (the audit trail fails closed). */
  readonly observe?: ((event: CallEvent) => void | Promise<void>) | undefined;
}

interface RawCall {
  readonly body: unknown;
  readonly response: HttpResponse;
  readonly meta: CallMetadata;
}

/**
 * Runs a provider definition: builds requests, sends them through the transport with one retry owner,
 * classifies failures and maps records. Writes here are unvalidated by business rules; only the executor
 * (Layer 2) reaches them from the public API.
 */
export function createProviderClient(options: ProviderClientOptions) {
  const { definition, transport, credentials } = options;
  const limiter =
    options.limiter ?? (definition.rateLimits ? createLimiter(definition.rateLimits) : undefined);

  /** Feeds what the provider reported back into the limiters, so the next request waits if it must. */
  async function correctLimiter(
    rateLimit: RateLimitInfo | undefined,
    retryAt: string | undefined,
    response?: HttpResponse,
  ): Promise<void> {
    if (!limiter && !options.sharedLimiter) return;
    const now = Date.now();
    // An app-wide budget (Xero's appminute) pauses every connection of the app, not just this one.
    const owner = rateLimit?.scope === 'app' && options.sharedLimiter ? options.sharedLimiter : limiter;
    const pausedUntil = retryAt === undefined ? undefined : Date.parse(retryAt);
    const resetAt = rateLimit?.resetSeconds === undefined ? undefined : now + rateLimit.resetSeconds * 1000;
    if (
      owner &&
      (pausedUntil !== undefined || (rateLimit?.remaining !== undefined && resetAt !== undefined))
    ) {
      await owner.correct({
        ...(pausedUntil !== undefined && !Number.isNaN(pausedUntil) ? { pausedUntil } : {}),
        ...(rateLimit?.remaining !== undefined && resetAt !== undefined
          ? { remaining: rateLimit.remaining, resetAt }
          : {}),
      });
    }
    // Rolling windows without a reset (Xero): each budget's remaining count tells its own limiter what other
    // processes sharing the budget have used.
    const budgets =
      response && definition.parseRateLimitBudgets ? definition.parseRateLimitBudgets(response) : [];
    for (const budget of budgets) {
      if (budget.remaining === undefined || budget.limit === undefined || budget.windowSeconds === undefined)
        continue;
      if (budget.resetSeconds !== undefined) continue;
      const target = budget.scope === 'app' ? options.sharedLimiter : limiter;
      const config = budget.scope === 'app' ? definition.appRateLimits : definition.rateLimits;
      const windowMs = budget.windowSeconds * 1000;
      // Only windows the limiter enforces; a count for one it does not (Xero's day) has nowhere to go.
      if (!target || !config?.windows.some((window) => window.windowMs === windowMs)) continue;
      await target.correct({ rolling: { remaining: budget.remaining, limit: budget.limit, windowMs } });
    }
  }

  /**
   * Fails at once, with when to come back, when the provider has paused this budget for longer than the
   * caller may wait (a day limit's Retry-After), instead of queueing the call for hours.
   */
  function refuseLongPause(): void {
    const maxWaitMs = options.retry?.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    for (const budget of [limiter, options.sharedLimiter]) {
      const pausedUntil = budget?.pausedUntil();
      const now = Date.now();
      if (pausedUntil !== undefined && pausedUntil - now > maxWaitMs) {
        throw new RateLimitError({
          retryAt: new Date(pausedUntil).toISOString(),
          rateLimit: { remaining: 0, resetSeconds: Math.ceil((pausedUntil - now) / 1000) },
        });
      }
    }
  }

  function resourceOf(resource: ResourceName, operation: string): ResourceDefinition {
    const found = definition.resources[resource];
    if (!found) throw new UnsupportedOperationError({ provider: definition.name, operation });
    return found;
  }

  function mappingsOf(resource: ResourceName): EffectiveMappings {
    const found = options.mappings.get(resource);
    if (!found) throw new UnsupportedOperationError({ provider: definition.name, operation: resource });
    return found;
  }

  async function send(
    resource: ResourceName,
    action: CallEvent['action'],
    spec: RequestSpec,
    call: WriteOptions & { readonly isWrite: boolean; readonly resourceId?: string | undefined },
  ): Promise<RawCall> {
    const operation = `${resource}.${action}`;
    const started = performance.now();
    const keyed =
      call.isWrite && call.idempotencyKey ? definition.applyIdempotencyKey(spec, call.idempotencyKey) : spec;
    let last: { response?: HttpResponse; rateLimit?: RateLimitInfo | undefined } = {};
    const emit = async (outcome: CallEvent['outcome'], meta: CallMetadata, errorCode?: string) =>
      options.observe?.({
        provider: definition.name,
        actor: call.actor ?? {},
        resource,
        action,
        resourceId: call.resourceId,
        outcome,
        errorCode,
        durationMs: Math.round(performance.now() - started),
        meta,
      });
    // A 401 means the request was not processed, so one resend after a token refresh is safe even for a
    // write without an idempotency key.
    let renewedAfterRejection = false;
    // Once any attempt of a write may have been applied, the call stays uncertain whatever later attempts
    // say: a 429 on the resend does not undo a commit the dropped first attempt may have made. That includes
    // a write the provider confirmed but whose answer the caller's abort then discarded.
    let mayHaveApplied = false;

    const attemptOnce = async (): Promise<{ response: HttpResponse; body: unknown }> => {
      const { accessToken, target } = await credentials.current(call.signal);
      const request = buildHttpRequest(definition, keyed, target, accessToken);
      let response: HttpResponse;
      refuseLongPause();
      const release = limiter ? await limiter.acquire({ signal: call.signal }) : undefined;
      const releaseShared = options.sharedLimiter
        ? await options.sharedLimiter
            .acquire({ lane: options.lane, signal: call.signal })
            .catch((error: unknown) => {
              release?.();
              throw error;
            })
        : undefined;
      let rateLimit: RateLimitInfo | undefined;
      let failure: LedgerError | undefined;
      try {
        // An abort before anything was sent is certain: nothing reached the provider.
        if (call.signal?.aborted) throw new LedgerError({ code: 'aborted' });
        response = await transport.send(request, call.signal).catch((error: unknown) => {
          throw classifyTransportFailure(error, call.isWrite);
        });
        rateLimit = definition.parseRateLimit(response);
        failure =
          response.status >= 400
            ? (definition.parseError(response, { operation, isWrite: call.isWrite }) ??
              errorForStatus(response.status))
            : undefined;
        // Before the slot is released: the next request in the queue must see what this answer said.
        await correctLimiter(failure?.rateLimit ?? rateLimit, failure?.retryAt, response);
      } finally {
        release?.();
        releaseShared?.();
      }
      last = { response, rateLimit };
      if (failure) {
        if (response.status === 401 && !renewedAfterRejection && credentials.afterRejection) {
          renewedAfterRejection = await credentials.afterRejection(accessToken, call.signal);
          if (renewedAfterRejection) throw failure.with({ httpStatus: 401, retryable: true });
        }
        throw failure.with({
          httpStatus: response.status,
          providerRequestId: definition.requestId(response),
          rateLimit: failure.rateLimit ?? rateLimit,
          outcome: call.isWrite && response.status >= 500 ? 'uncertain' : failure.outcome,
        });
      }
      if (call.isWrite) mayHaveApplied = true;
      return { response, body: parseBody(response, operation, call.isWrite) };
    };

    try {
      const { value, report } = await withRetries(
        async () => {
          try {
            return await attemptOnce();
          } catch (error) {
            if (isLedgerError(error) && error.outcome === 'uncertain') mayHaveApplied = true;
            throw error;
          }
        },
        {
          policy: options.retry,
          signal: call.signal,
          // A write is retried only under its idempotency key, so the provider can recognise the resend.
          canRetry: (error) =>
            error.retryable &&
            (!call.isWrite || call.idempotencyKey !== undefined || error.code === 'authentication_failed'),
        },
      );
      const meta: CallMetadata = {
        attempts: report.attempts,
        waitedMs: report.waitedMs,
        httpStatus: value.response.status,
        rateLimit: last.rateLimit,
        providerRequestId: definition.requestId(value.response),
        idempotencyKey: call.idempotencyKey,
      };
      await emit('success', meta);
      return { ...value, meta };
    } catch (thrown) {
      const error = isLedgerError(thrown) ? thrown : new LedgerError({ code: 'internal' });
      const final = error.with({
        provider: definition.name,
        operation,
        idempotencyKey: call.idempotencyKey,
        rateLimit: error.rateLimit ?? last.rateLimit,
        ...(call.isWrite && mayHaveApplied ? { outcome: 'uncertain' as const } : {}),
      });
      await emit(final.outcome === 'uncertain' ? 'uncertain' : 'failure', metaOf(final), final.code);
      throw final;
    }
  }

  async function listPage<Resource extends ResourceName>(
    resource: Resource,
    filter: ListFilter = {},
    page: PageOptions = {},
  ): Promise<Page<EntityOf<Resource>>> {
    const operation = `${resource}.list`;
    const list = resourceOf(resource, operation).list;
    if (!list) throw new UnsupportedOperationError({ provider: definition.name, operation });
    checkFilter(filter, list.filters, operation);
    const pageSize = checkPageSize(page.pageSize ?? list.maxPageSize, list.maxPageSize, operation);
    const state =
      page.cursor === undefined ? undefined : decodeCursor(page.cursor, resource, filter, operation);
    const spec = list.request({ filter, page: state, pageSize });
    const { body, meta } = await send(resource, 'list', spec, { ...page, isWrite: false });
    const mappings = mappingsOf(resource);
    const records = list.records(body, { filter, page: state, pageSize });
    const items: EntityOf<Resource>[] = [];
    for (const record of records) {
      const entity = (await mapRecord(resource, mappings, record, operation)) as EntityOf<Resource>;
      // Providers narrow by status as far as their query language allows (QuickBooks cannot tell paid
      // from void); the mapped status settles it. Paging still follows the raw record count.
      if (filter.status === undefined || (entity as { status?: unknown }).status === filter.status) {
        items.push(entity);
      }
    }
    const next = list.nextPage({ body, page: state, pageSize, received: records.length });
    return { items, nextCursor: next === undefined ? undefined : encodeCursor(resource, filter, next), meta };
  }

  async function* list<Resource extends ResourceName>(
    resource: Resource,
    filter: ListFilter = {},
    page: Omit<PageOptions, 'cursor'> = {},
  ): AsyncGenerator<EntityOf<Resource>, void, undefined> {
    let cursor: string | undefined;
    do {
      // Only one page is held at a time, so memory stays flat however long the list is.
      const current = await listPage(resource, filter, { ...page, cursor });
      yield* current.items;
      cursor = current.nextCursor;
    } while (cursor !== undefined);
  }

  async function getRaw(resource: ResourceName, id: string, call: CallOptions): Promise<RawCall> {
    const operation = `${resource}.get`;
    const definitionOfResource = resourceOf(resource, operation);
    checkId(id, operation, definitionOfResource.idSyntax);
    const get = definitionOfResource.get;
    if (!get) throw new UnsupportedOperationError({ provider: definition.name, operation });
    const result = await send(resource, 'get', get.request(id), { ...call, isWrite: false, resourceId: id });
    return { ...result, body: get.record(result.body, id) };
  }

  async function get<Resource extends ResourceName>(
    resource: Resource,
    id: string,
    call: CallOptions = {},
  ): Promise<{ entity: EntityOf<Resource>; meta: CallMetadata }> {
    const { body, meta } = await getRaw(resource, id, call);
    const entity = (await mapRecord(
      resource,
      mappingsOf(resource),
      body,
      `${resource}.get`,
    )) as EntityOf<Resource>;
    return { entity, meta };
  }

  async function write<Resource extends ResourceName>(
    resource: Resource,
    action: WriteAction,
    input: {
      id?: string | undefined;
      version?: string | undefined;
      payload?: Record<string, unknown>;
      draft?: Record<string, unknown>;
    },
    call: WriteOptions,
  ): Promise<WriteResult<EntityOf<Resource>>> {
    const operation = `${resource}.${action}`;
    const resourceDefinition = resourceOf(resource, operation);
    if (input.id !== undefined) checkId(input.id, operation, resourceDefinition.idSyntax);
    const writeOperation = resourceDefinition[action];
    if (!writeOperation) throw new UnsupportedOperationError({ provider: definition.name, operation });
    let version = input.version;
    // Reads a write needs first carry its actor but not its idempotency key: they are reads, and a key on
    // them would let a provider replay a stale read in place of the write's answer.
    const reads: CallOptions = { signal: call.signal, actor: call.actor };
    if (writeOperation.needsVersion && version === undefined && input.id !== undefined) {
      // The provider locks records by version (QuickBooks SyncToken): read the current one first.
      const current = (await get(resource, input.id, reads)).entity as { version?: string };
      version = current.version;
    }
    let prepared: WriteInput = { ...input, version };
    if (writeOperation.resolve) {
      prepared = await writeOperation.resolve(
        prepared,
        async (related, id) => (await getRaw(related, id, reads)).body,
      );
    }
    const spec = writeOperation.request(prepared);
    const { body, meta } = await send(resource, action, spec, {
      ...call,
      isWrite: true,
      resourceId: input.id,
    });
    const record = writeOperation.record(body, prepared);
    const entity =
      record === undefined
        ? undefined
        : ((await mapRecord(resource, mappingsOf(resource), record, operation)) as EntityOf<Resource>);
    return { entity, effect: writeOperation.effect ?? defaultEffect(action), meta };
  }

  /** Builds the request a write would send, without credentials or network: for dry-run plans. */
  async function preview(
    resource: WritableResourceName,
    action: WriteAction,
    input: { id?: string | undefined; draft?: Readonly<Record<string, unknown>> | undefined },
    idempotencyKey: string | undefined,
  ): Promise<RequestPreview> {
    const operation = `${resource}.${action}`;
    const writeOperation = resourceOf(resource, operation)[action];
    if (!writeOperation) throw new UnsupportedOperationError({ provider: definition.name, operation });
    const parsed = input.draft
      ? parseDraft(resource, input.draft, operation, action === 'update')
      : undefined;
    const payload = parsed ? await mapDraft(mappingsOf(resource), parsed, operation) : undefined;
    const built = writeOperation.request({ payload, draft: parsed, id: input.id, version: undefined });
    const spec = idempotencyKey ? definition.applyIdempotencyKey(built, idempotencyKey) : built;
    const body = spec.body instanceof FormData ? { multipart: [...new Set(spec.body.keys())] } : spec.body;
    return {
      method: spec.method,
      path: spec.path,
      query: { ...definition.defaultQuery, ...spec.query },
      body,
    };
  }

  return {
    definition,
    preview,
    /** This connection's budget as the limiter sees it now; undefined when the provider has no known limits. */
    rateLimitStatus: async (): Promise<RateLimitInfo | undefined> => limiter?.status(),
    listPage,
    list,
    get,

    /** Creates a record from a validated draft. */
    async create<Resource extends WritableResourceName>(
      resource: Resource,
      draft: Readonly<Record<string, unknown>>,
      call: WriteOptions = {},
    ): Promise<WriteResult<EntityOf<Resource>>> {
      const operation = `${resource}.create`;
      const parsed = parseDraft(resource, draft, operation, false);
      const payload = await mapDraft(mappingsOf(resource), parsed, operation);
      return write(
        resource,
        resource === 'attachments' ? 'upload' : 'create',
        { payload, draft: parsed },
        call,
      );
    },

    /** Changes the given fields of a record; other fields stay as they are (sparse update). */
    async update<Resource extends WritableResourceName>(
      resource: Resource,
      input: {
        readonly id: string;
        readonly version?: string | undefined;
        readonly changes: Readonly<Record<string, unknown>>;
      },
      call: WriteOptions = {},
    ): Promise<WriteResult<EntityOf<Resource>>> {
      const operation = `${resource}.update`;
      checkId(input.id, operation);
      const parsed = parseDraft(resource, input.changes, operation, true);
      const payload = await mapDraft(mappingsOf(resource), parsed, operation);
      return write(
        resource,
        'update',
        { id: input.id, version: input.version, payload, draft: parsed },
        call,
      );
    },

    /** Deletes a record, or makes it inactive where the provider keeps name lists (customers, items). */
    async delete<Resource extends ResourceName>(
      resource: Resource,
      input: { readonly id: string; readonly version?: string | undefined },
      call: WriteOptions = {},
    ): Promise<WriteResult<EntityOf<Resource>>> {
      checkId(input.id, `${resource}.delete`);
      return write(resource, 'delete', input, call);
    },

    /** Voids a transaction: it stays on the books with zero amounts. */
    async void<Resource extends ResourceName>(
      resource: Resource,
      input: { readonly id: string; readonly version?: string | undefined },
      call: WriteOptions = {},
    ): Promise<WriteResult<EntityOf<Resource>>> {
      checkId(input.id, `${resource}.void`);
      return write(resource, 'void', input, call);
    },
  };
}

/** The client a connection uses to reach its provider. */
export type ProviderClient = ReturnType<typeof createProviderClient>;

function parseDraft(
  resource: WritableResourceName,
  draft: Readonly<Record<string, unknown>>,
  operation: string,
  partial: boolean,
): Record<string, unknown> {
  const schema = DRAFT_SCHEMAS[resource];
  const parsed = partial ? schema.partial().safeParse(draft) : schema.safeParse(draft);
  if (!parsed.success) throw new ValidationError({ operation, issues: toIssues(parsed.error) });
  return parsed.data as Record<string, unknown>;
}

/**
 * A success status with an unreadable body is a garbled answer, not a refusal: worth one more read, and
 * for a write the provider may well have applied it, so the outcome is uncertain (a keyed resend replays).
 */
function parseBody(response: HttpResponse, operation: string, isWrite: boolean): unknown {
  if (response.bytes !== undefined) return response.bytes;
  if (response.text.trim() === '') return undefined;
  try {
    return JSON.parse(response.text);
  } catch {
    throw new ProviderResponseError({
      operation,
      httpStatus: response.status,
      retryable: true,
      outcome: isWrite ? 'uncertain' : 'failed',
      issues: [{ path: '', code: 'invalid_json' }],
    });
  }
}

function classifyTransportFailure(error: unknown, isWrite: boolean): LedgerError {
  const ledgerError = isLedgerError(error)
    ? error
    : new LedgerError({ code: 'network_error', retryable: true });
  // After a write left us, a timeout, a dropped connection or the caller's abort means we cannot know
  // whether it was applied.
  if (
    isWrite &&
    (ledgerError.code === 'timeout' || ledgerError.code === 'network_error' || ledgerError.code === 'aborted')
  ) {
    return ledgerError.with({ outcome: 'uncertain' });
  }
  return ledgerError;
}

function metaOf(error: LedgerError): CallMetadata {
  return {
    attempts: error.attempts ?? 1,
    waitedMs: 0,
    httpStatus: error.httpStatus,
    rateLimit: error.rateLimit,
    providerRequestId: error.providerRequestId,
    idempotencyKey: error.idempotencyKey,
  };
}

function defaultEffect(action: WriteAction): NonNullable<WriteOperation['effect']> {
  switch (action) {
    case 'create':
    case 'upload':
      return 'created';
    case 'update':
      return 'updated';
    case 'delete':
      return 'deleted';
    case 'void':
      return 'voided';
  }
}

const ID_SYNTAX = /^[A-Za-z0-9_.:-]{1,128}$/;

function checkId(id: string, operation: string, syntax: RegExp = ID_SYNTAX): void {
  if (typeof id !== 'string' || !ID_SYNTAX.test(id) || !syntax.test(id)) {
    throw new ValidationError({ operation, issues: [{ path: 'id', code: 'invalid_id' }] });
  }
}

function checkFilter(filter: ListFilter, supported: readonly (keyof ListFilter)[], operation: string): void {
  const issues = Object.entries(filter)
    .filter(([key, value]) => value !== undefined && !supported.includes(key as keyof ListFilter))
    .map(([key]) => ({ path: `filter.${key}`, code: 'unsupported_filter' }));
  if (issues.length > 0) throw new UnsupportedOperationError({ operation, issues });
}

function checkPageSize(pageSize: number, max: number, operation: string): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max) {
    throw new ValidationError({ operation, issues: [{ path: 'pageSize', code: 'out_of_range' }] });
  }
  return pageSize;
}

export type { PageState };
