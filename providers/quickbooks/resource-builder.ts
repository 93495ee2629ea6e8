import type {
  FieldMapping,
  ListOperation,
  PageState,
  RequestSpec,
  ResourceDefinition,
  WriteOperation,
} from '../../src/engine/definition.js';
import { ProviderResponseError } from '../../src/http/errors.js';
import { buildQuery, type QueryFilterSupport } from './query.js';

/** QuickBooks record ids are decimal integers. */
export const QUICKBOOKS_ID_SYNTAX = /^\d{1,20}$/;

/** Largest page QuickBooks serves (MAXRESULTS). */
export const QUICKBOOKS_MAX_PAGE_SIZE = 1000;

/** How one QuickBooks entity is exposed as a unified resource. */
export interface QuickBooksResourceSpec {
  /** QuickBooks entity name as it appears in queries and response envelopes (`Invoice`). */
  readonly entity: string;
  readonly mapping: { readonly response: FieldMapping; readonly request?: FieldMapping | undefined };
  readonly filters?: QueryFilterSupport | undefined;
  /** Writes this entity supports. Name lists (customers, items) deactivate instead of deleting. */
  readonly writes?: {
    readonly create?: boolean;
    readonly update?: boolean;
    readonly delete?: 'delete' | 'deactivate';
    readonly void?: boolean;
  };
}

function entityPath(entity: string): string {
  return `/${entity.toLowerCase()}`;
}

/** The entity object inside a `{ "<Entity>": {...}, "time": … }` envelope. */
function envelopeRecord(entity: string) {
  return (body: unknown): unknown => {
    const record = (body as Record<string, unknown> | undefined)?.[entity];
    if (record === undefined || record === null || typeof record !== 'object') {
      throw new ProviderResponseError({ issues: [{ path: entity, code: 'missing' }] });
    }
    return record;
  };
}

function listOperation(entity: string, filters: QueryFilterSupport = {}): ListOperation {
  const supported: ListOperation['filters'] = [
    'updatedSince',
    ...(filters.contactField ? (['contactId'] as const) : []),
    ...(filters.balanceField ? (['status'] as const) : []),
    ...(filters.nameField ? (['nameStartsWith'] as const) : []),
    ...(filters.hasActive ? (['active'] as const) : []),
  ];
  return {
    maxPageSize: QUICKBOOKS_MAX_PAGE_SIZE,
    filters: supported,
    request: ({ filter, page, pageSize }): RequestSpec => ({
      method: 'POST',
      path: '/query',
      headers: { 'content-type': 'application/text' },
      body: buildQuery(entity, filter, filters, startPositionOf(page), pageSize),
    }),
    records: (body) => {
      const rows = (body as { QueryResponse?: Record<string, unknown> } | undefined)?.QueryResponse?.[entity];
      return Array.isArray(rows) ? rows : [];
    },
    nextPage: ({ page, pageSize, received }): PageState | undefined =>
      received < pageSize ? undefined : { startPosition: startPositionOf(page) + received },
  };
}

function startPositionOf(page: PageState | undefined): number {
  const value = page?.startPosition;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}

function versionedBody(id: string | undefined, version: string | undefined): Record<string, unknown> {
  return { Id: id, SyncToken: version };
}

/**
 * Builds a resource definition for one QuickBooks entity: queries by POST, get by id, create and sparse
 * update by POST, delete and void by `?operation=`, and name-list deletes as `Active: false`.
 */
export function quickBooksResource(spec: QuickBooksResourceSpec): ResourceDefinition {
  const path = entityPath(spec.entity);
  const record = envelopeRecord(spec.entity);
  const writes = spec.writes ?? {};
  const post = (body: unknown, query?: Record<string, string>): RequestSpec => ({
    method: 'POST',
    path,
    body,
    ...(query ? { query } : {}),
  });
  const create: WriteOperation | undefined = writes.create
    ? { request: ({ payload }) => post(payload), record, effect: 'created' }
    : undefined;
  const update: WriteOperation | undefined = writes.update
    ? {
        needsVersion: true,
        request: ({ payload, id, version }) =>
          post({ ...payload, ...versionedBody(id, version), sparse: true }),
        record,
        effect: 'updated',
      }
    : undefined;
  const remove: WriteOperation | undefined =
    writes.delete === 'delete'
      ? {
          needsVersion: true,
          request: ({ id, version }) => post(versionedBody(id, version), { operation: 'delete' }),
          // A delete answers with `{Id, status: "Deleted"}`, not the record.
          record: () => undefined,
          effect: 'deleted',
        }
      : writes.delete === 'deactivate'
        ? {
            needsVersion: true,
            request: ({ id, version }) =>
              post({ ...versionedBody(id, version), sparse: true, Active: false }),
            record,
            effect: 'deactivated',
          }
        : undefined;
  const voidOperation: WriteOperation | undefined = writes.void
    ? {
        needsVersion: true,
        request: ({ id, version }) => post(versionedBody(id, version), { operation: 'void' }),
        record,
        effect: 'voided',
      }
    : undefined;
  return {
    idSyntax: QUICKBOOKS_ID_SYNTAX,
    response: spec.mapping.response,
    request: spec.mapping.request,
    list: listOperation(spec.entity, spec.filters),
    get: { request: (id) => ({ method: 'GET', path: `${path}/${encodeURIComponent(id)}` }), record },
    create,
    update,
    delete: remove,
    void: voidOperation,
  };
}
