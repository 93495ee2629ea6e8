import type { LedgerError } from '../http/errors.js';
import type { LimiterConfig } from '../http/limiter.js';
import type { RateLimitInfo } from '../http/rate-limit-info.js';
import type { HttpMethod, HttpResponse } from '../http/transport.js';
import type { AttachableEntity } from '../schema/entities/attachment.js';
import type { DocumentStatus } from '../schema/entities/invoice.js';
import type { ResourceName } from '../schema/resources.js';

/**
 * A field mapping: each key is a target field, each value a JSONata expression evaluated against the
 * source. Response mappings target unified fields and read a provider record; request mappings target
 * provider fields and read a unified draft.
 */
export type FieldMapping = Readonly<Record<string, string>>;

/** What a provider needs to address one connection's data. */
export interface ConnectionTarget {
  /** The provider-side tenant: QuickBooks realm id, Xero tenant id, NetSuite account id. */
  readonly providerTenantId: string;
}

/** One request as a provider definition describes it; the engine adds auth, base URL and transport. */
export interface RequestSpec {
  readonly method: HttpMethod;
  /** Path relative to the connection's base URL; every dynamic segment already URI-encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>> | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** A JSON value is serialised by the engine; text, bytes and forms go as they are. */
  readonly body?: unknown;
  readonly responseType?: 'text' | 'bytes' | undefined;
}

/** Filters a list may take. Each provider translates what it supports; others are rejected. */
export interface ListFilter {
  /** Only records changed at or after this instant (RFC 3339) or date (YYYY-MM-DD). */
  readonly updatedSince?: string | undefined;
  /** Documents in this state (invoices, bills, credit notes). */
  readonly status?: DocumentStatus | undefined;
  /** Documents or payments of this contact. */
  readonly contactId?: string | undefined;
  /** Name-list records whose name starts with this text. */
  readonly nameStartsWith?: string | undefined;
  /** Only active (true) or inactive (false) name-list records. */
  readonly active?: boolean | undefined;
  /** Attachments of records of this kind (with `entityId`). */
  readonly entityType?: AttachableEntity | undefined;
  /** Attachments of this record (with `entityType`). Xero can list attachments only this way. */
  readonly entityId?: string | undefined;
}

/** Provider-specific paging position, serialised into an opaque cursor by the engine. */
export type PageState = Readonly<Record<string, string | number>>;

/** A list operation: how to ask for one page, where the records are, and what comes next. */
export interface ListOperation {
  request(input: {
    readonly filter: ListFilter;
    readonly page: PageState | undefined;
    readonly pageSize: number;
  }): RequestSpec;
  /**
   * The raw provider records in a parsed response body. `request` is what the page was asked with, for
   * providers whose records do not name what the request did (Xero attachments do not name their parent).
   */
  records(
    body: unknown,
    request: { readonly filter: ListFilter; readonly page: PageState | undefined; readonly pageSize: number },
  ): readonly unknown[];
  /** The next page's state, or undefined at the end. */
  nextPage(input: {
    readonly body: unknown;
    readonly page: PageState | undefined;
    readonly pageSize: number;
    readonly received: number;
  }): PageState | undefined;
  /** Largest page the provider serves. */
  readonly maxPageSize: number;
  /** Filters this provider can apply for this resource; anything else is an UnsupportedOperationError. */
  readonly filters: readonly (keyof ListFilter)[];
}

/** Reading one record by id. */
export interface GetOperation {
  request(id: string): RequestSpec;
  /** The raw provider record in a parsed response body; `id` is the one asked for. */
  record(body: unknown, id: string): unknown;
}

/** What a write operation's request builder receives. */
export interface WriteInput {
  /** The provider-shaped payload produced by the resource's request mapping (create, update). */
  readonly payload?: Readonly<Record<string, unknown>> | undefined;
  /** The target record (update, delete, void). */
  readonly id?: string | undefined;
  /** The target's concurrency token, fetched by the engine when the operation needs one. */
  readonly version?: string | undefined;
  /**
   * The validated draft the payload was mapped from (the changes, for an update): raw inputs some writes
   * need beyond the payload (attachment bytes), and fields a provider has no place for and must refuse.
   */
  readonly draft?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Reads one raw provider record (through the same limiter, retries and audit as any read): a related record
 * whose key the write needs, or the record being written when the provider wants fields the draft lacks.
 */
export type RelatedRecordReader = (resource: ResourceName, id: string) => Promise<unknown>;

/** A write operation (create, update, delete, void, upload). */
export interface WriteOperation {
  request(input: WriteInput): RequestSpec;
  /**
   * The raw provider record in a parsed response body; undefined when the provider returns none. `input`
   * is what the request was built from (an upload's answer may not name the record it was attached to).
   */
  record(body: unknown, input: WriteInput): unknown;
  /**
   * Runs before `request` when the request needs what only a read can tell: related records named by a key
   * the draft does not carry (Xero invoice lines name items by code, drafts by id), or fields the provider
   * requires on every write that a sparse update lacks. Returns the input to build the request from. Skipped
   * by dry-run previews, which make no calls. Nothing read is kept after the write.
   */
  resolve?(input: WriteInput, read: RelatedRecordReader): Promise<WriteInput>;
  /** The engine reads the current record first to learn its version when the caller gave none. */
  readonly needsVersion?: boolean | undefined;
  /** What the provider does for a delete: remove the record, or mark it inactive or voided. */
  readonly effect?: 'created' | 'updated' | 'deleted' | 'deactivated' | 'voided' | undefined;
}

/** Everything a provider knows about one resource. */
export interface ResourceDefinition {
  /**
   * What this provider's record ids look like (QuickBooks: digits). An id that cannot be real, such as
   * a name a model put where an id belongs, is refused before any request and never reaches the audit
   * trail as a resource id.
   */
  readonly idSyntax?: RegExp | undefined;
  /** Maps one provider record to the unified entity. */
  readonly response: FieldMapping;
  /** Maps a unified draft (or partial draft, for updates) to the provider's payload. */
  readonly request?: FieldMapping | undefined;
  readonly list?: ListOperation | undefined;
  readonly get?: GetOperation | undefined;
  readonly create?: WriteOperation | undefined;
  readonly update?: WriteOperation | undefined;
  readonly delete?: WriteOperation | undefined;
  readonly void?: WriteOperation | undefined;
  readonly upload?: WriteOperation | undefined;
}

/** Facts the engine needs to classify a provider failure. */
export interface ErrorContext {
  readonly operation: string;
  readonly isWrite: boolean;
}

/**
 * A provider adapter: data (resources with their mappings and request shapes) plus small hooks for what
 * differs between providers (auth header, idempotency, errors, rate-limit headers). No class hierarchy.
 */
export interface ProviderDefinition {
  /** Identifier such as `quickbooks`; appears in errors and audit records. */
  readonly name: string;
  /** The API root for one connection, without a trailing slash. */
  baseUrl(target: ConnectionTarget): string;
  /** Headers sent with every request (besides authorization). */
  readonly defaultHeaders?: Readonly<Record<string, string>> | undefined;
  /** Query parameters sent with every request (QuickBooks `minorversion`). */
  readonly defaultQuery?: Readonly<Record<string, string>> | undefined;
  /** Adds the access token; default is `Authorization: Bearer <token>`. */
  authorize?(headers: Record<string, string>, accessToken: string, target: ConnectionTarget): void;
  /** Carries the executor's idempotency key in the provider's own mechanism. */
  applyIdempotencyKey(request: RequestSpec, key: string): RequestSpec;
  /** Turns a non-2xx response (or a 2xx carrying a fault) into a LedgerError without upstream text. */
  parseError(response: HttpResponse, context: ErrorContext): LedgerError | undefined;
  /** Reads the provider's rate-limit headers into the normalised form. */
  parseRateLimit(response: HttpResponse): RateLimitInfo | undefined;
  /**
   * Every budget a response reports, when there are several (Xero: tenant minute, tenant day, app minute),
   * so each can correct the limiter it belongs to; `parseRateLimit` gives only the most restrictive.
   */
  parseRateLimitBudgets?(response: HttpResponse): readonly RateLimitInfo[];
  /** The provider's request id for support tickets. */
  requestId(response: HttpResponse): string | undefined;
  /** Known per-connection limits, applied before sending so bursts do not meet 429s. */
  readonly rateLimits?: LimiterConfig | undefined;
  /** Limits shared by every connection of one app (Xero's 10,000 a minute), served fairly across them. */
  readonly appRateLimits?: LimiterConfig | undefined;
  readonly resources: Readonly<Partial<Record<ResourceName, ResourceDefinition>>>;
}
