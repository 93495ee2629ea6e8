import type {
  FieldMapping,
  ListFilter,
  ListOperation,
  PageState,
  RelatedRecordReader,
  RequestSpec,
  ResourceDefinition,
  WriteInput,
  WriteOperation,
} from '../../src/engine/definition.js';
import {
  NotFoundError,
  ProviderResponseError,
  ValidationError,
  type ValidationIssue,
} from '../../src/http/errors.js';
import { AccountingDate, Timestamp } from '../../src/schema/dates.js';
import type { ResourceName } from '../../src/schema/resources.js';
import { classifyXeroMessage } from './errors.js';
import { allOf } from './where.js';

/** Largest page Xero serves (`pageSize`). */
export const XERO_MAX_PAGE_SIZE = 1000;

/** What a list request adds to the query for one filter: `where` conditions and plain parameters. */
export interface XeroQueryParts {
  readonly where?: readonly string[] | undefined;
  readonly params?: Readonly<Record<string, string>> | undefined;
}

/** How one resource lists. */
export interface XeroListSpec {
  /** Xero pages the endpoint with `page`/`pageSize` and a `pagination` object; others return everything. */
  readonly paged: boolean;
  /** The endpoint honours `If-Modified-Since`, so `updatedSince` is supported. */
  readonly ifModifiedSince: boolean;
  /** Filters besides `updatedSince` this resource supports. */
  readonly filters?: readonly (keyof ListFilter)[] | undefined;
  /** The `where`/parameters for a filter (the resource's constant conditions included). */
  readonly query?: ((filter: ListFilter, operation: string) => XeroQueryParts) | undefined;
}

/** A write that changes a record's status (`DELETED`, `VOIDED`, `ARCHIVED`) by POST. */
export interface XeroStatusChange {
  readonly field: string;
  readonly value: string;
  readonly effect: NonNullable<WriteOperation['effect']>;
  /** Send `{ field: value }` bare rather than in the envelope (Xero's PaymentDelete). */
  readonly bare?: boolean | undefined;
}

/** Checks a draft before a write; returns the paths Xero cannot take. */
export type DraftCheck = (draft: Readonly<Record<string, unknown>>) => ValidationIssue[];

/** How one Xero endpoint is exposed as a unified resource. */
export interface XeroResourceSpec {
  readonly resource: ResourceName;
  /** URL segment, e.g. `Invoices`. */
  readonly endpoint: string;
  /** Key of the records array in bodies, e.g. `Invoices` (`Organisations` for `/Organisation`). */
  readonly envelope?: string | undefined;
  /** The record's id field, e.g. `InvoiceID`. */
  readonly idField: string;
  readonly idSyntax?: RegExp | undefined;
  readonly mapping: { readonly response: FieldMapping; readonly request?: FieldMapping | undefined };
  /** Ask for unit amounts to four decimal places (`unitdp=4`) where the endpoint supports it. */
  readonly unitdp?: boolean | undefined;
  /** Records of this Xero endpoint that belong to the resource (invoices vs bills); others are not found. */
  readonly accepts?: ((record: Record<string, unknown>) => boolean) | undefined;
  readonly list?: XeroListSpec | undefined;
  readonly get?: boolean | undefined;
  readonly create?:
    | {
        /** Fields every create sends (`Type`, `Status`), which updates must not. */
        readonly extra?: Readonly<Record<string, unknown>> | undefined;
        /** Send the record bare rather than in the envelope (Xero's `PUT /Accounts`). */
        readonly bare?: boolean | undefined;
        readonly check?: DraftCheck | undefined;
      }
    | undefined;
  readonly update?: { readonly check?: DraftCheck | undefined } | undefined;
  readonly delete?: XeroStatusChange | { readonly httpDelete: true } | undefined;
  readonly void?: XeroStatusChange | undefined;
  /**
   * Fields Xero's schema requires on every write of the record (a manual journal's `Narration`, a bank
   * transaction's `Type`, `BankAccount` and `LineItems`, an item's `Code`): an update or status change that
   * lacks one carries it over from the current record, read first. Each field's function shapes the value
   * read into the value sent.
   */
  readonly carry?: Readonly<Record<string, (value: unknown) => unknown>> | undefined;
  /** Resolves related-record keys before create and update (item codes). */
  readonly resolve?:
    | ((input: WriteInput, read: RelatedRecordReader, operation: string) => Promise<WriteInput>)
    | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The records array of a Xero body, or [] when absent. */
export function recordsIn(body: unknown, envelope: string): Record<string, unknown>[] {
  const records = isObject(body) ? body[envelope] : undefined;
  return Array.isArray(records) ? records.filter(isObject) : [];
}

/** `If-Modified-Since` from a unified `updatedSince` (a date is midnight UTC). */
export function ifModifiedSince(updatedSince: string, operation: string): string {
  if (AccountingDate.safeParse(updatedSince).success) return `${updatedSince}T00:00:00Z`;
  const epoch = Timestamp.safeParse(updatedSince).success
    ? Date.parse(updatedSince.toUpperCase())
    : Number.NaN;
  if (Number.isNaN(epoch)) {
    throw new ValidationError({
      provider: 'xero',
      operation,
      issues: [{ path: 'filter.updatedSince', code: 'invalid_timestamp' }],
    });
  }
  return new Date(epoch).toISOString();
}

function pageNumber(page: PageState | undefined): number {
  const value = page?.page;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}

function offsetOf(page: PageState | undefined): number {
  const value = page?.offset;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * Draft paths Xero has no place for, refused rather than dropped: `lines.*.serviceDate` checks every line.
 */
export function refuse(...paths: readonly string[]): DraftCheck {
  return (draft) => {
    const issues: ValidationIssue[] = [];
    for (const path of paths) {
      const [head = '', star, field] = path.split('.');
      if (star === '*' && field !== undefined) {
        const lines = draft[head];
        if (!Array.isArray(lines)) continue;
        lines.forEach((line, index) => {
          if (isObject(line) && line[field] !== undefined) {
            issues.push({ path: `${head}.${index}.${field}`, code: 'unsupported_by_provider' });
          }
        });
      } else if (draft[path] !== undefined) {
        issues.push({ path, code: 'unsupported_by_provider' });
      }
    }
    return issues;
  };
}

/** Runs several checks. */
export function checks(...list: readonly DraftCheck[]): DraftCheck {
  return (draft) => list.flatMap((check) => check(draft));
}

function runCheck(check: DraftCheck | undefined, input: WriteInput, operation: string): void {
  const issues = check && input.draft ? check(input.draft) : [];
  if (issues.length > 0) throw new ValidationError({ provider: 'xero', operation, issues });
}

/**
 * The record a write answered with. With `summarizeErrors=false` (or in a batch) Xero answers 200 and marks a
 * failed item with `HasErrors` and its `ValidationErrors`; that is reported like a 400 would be.
 */
function writtenRecord(body: unknown, envelope: string, operation: string): Record<string, unknown> {
  const record = recordsIn(body, envelope)[0];
  if (!record) {
    throw new ProviderResponseError({
      provider: 'xero',
      operation,
      issues: [{ path: envelope, code: 'missing' }],
    });
  }
  const errors = Array.isArray(record.ValidationErrors) ? record.ValidationErrors : [];
  if (record.HasErrors === true || record.StatusAttributeString === 'ERROR' || errors.length > 0) {
    const issues = errors.map((error) => {
      const { code, field } = classifyXeroMessage(isObject(error) ? error.Message : undefined);
      return { path: field ?? '', code };
    });
    throw new ValidationError({
      provider: 'xero',
      operation,
      issues: issues.length > 0 ? issues : [{ path: '', code: 'xero_validation' }],
    });
  }
  return record;
}

function listOperation(spec: XeroResourceSpec, list: XeroListSpec, envelope: string): ListOperation {
  const operation = `${spec.resource}.list`;
  return {
    maxPageSize: XERO_MAX_PAGE_SIZE,
    filters: [...(list.ifModifiedSince ? (['updatedSince'] as const) : []), ...(list.filters ?? [])],
    request: ({ filter, page, pageSize }): RequestSpec => {
      const parts = list.query?.(filter, operation) ?? {};
      const query: Record<string, string> = { ...parts.params };
      const where = allOf(parts.where ?? []);
      if (where !== undefined) query.where = where;
      if (list.paged) {
        // Pages are cut from a list sorted by the record's id, which no write changes. Sorting by anything a
        // write touches (UpdatedDateUTC, a status) would move an edited record behind the cursor and shift
        // an unread one onto a page already read, losing it mid-iteration.
        query.order = `${spec.idField} ASC`;
        query.page = String(pageNumber(page));
        query.pageSize = String(pageSize);
      }
      if (spec.unitdp) query.unitdp = '4';
      return {
        method: 'GET',
        path: `/${spec.endpoint}`,
        query,
        ...(filter.updatedSince === undefined
          ? {}
          : { headers: { 'If-Modified-Since': ifModifiedSince(filter.updatedSince, operation) } }),
      };
    },
    records: (body, { page, pageSize }) => {
      const records = recordsIn(body, envelope);
      // Xero serves these whole; pages are cut here so a caller's page size still holds.
      return list.paged ? records : records.slice(offsetOf(page), offsetOf(page) + pageSize);
    },
    nextPage: ({ body, page, pageSize, received }) => {
      if (!list.paged) {
        const next = offsetOf(page) + pageSize;
        return next < recordsIn(body, envelope).length ? { offset: next } : undefined;
      }
      const current = pageNumber(page);
      const pagination = isObject(body) && isObject(body.pagination) ? body.pagination : undefined;
      const pageCount = pagination?.pageCount;
      if (typeof pageCount === 'number') return current < pageCount ? { page: current + 1 } : undefined;
      return received < pageSize ? undefined : { page: current + 1 };
    },
  };
}

/**
 * Builds a resource definition for one Xero endpoint: GET lists (paged where Xero pages), GET by id, PUT to
 * create, POST to `/{Endpoint}/{id}` to update or change status, DELETE where Xero has it. Request bodies
 * go in Xero's array envelope (`{ "Invoices": [ … ] }`).
 */
export function xeroResource(spec: XeroResourceSpec): ResourceDefinition {
  const envelope = spec.envelope ?? spec.endpoint;
  const path = `/${spec.endpoint}`;
  const recordPath = (id: string | undefined) => `${path}/${encodeURIComponent(id ?? '')}`;
  const unitdp = spec.unitdp ? { query: { unitdp: '4' } } : {};
  const record = (operation: string) => (body: unknown) => writtenRecord(body, envelope, operation);
  const carry = async (input: WriteInput, read: RelatedRecordReader): Promise<WriteInput> => {
    const fields = Object.entries(spec.carry ?? {}).filter(([field]) => input.payload?.[field] === undefined);
    if (fields.length === 0 || input.id === undefined) return input;
    const current = await read(spec.resource, input.id);
    if (!isObject(current)) return input;
    const carried = Object.fromEntries(
      fields
        .filter(([field]) => current[field] !== undefined)
        .map(([field, shape]) => [field, shape(current[field])]),
    );
    return { ...input, payload: { ...carried, ...input.payload } };
  };
  const resolveFor = (action: 'create' | 'update' | 'delete' | 'void'): Pick<WriteOperation, 'resolve'> => {
    const resolve = spec.resolve;
    const carries = action !== 'create' && spec.carry !== undefined;
    if (!resolve && !carries) return {};
    const check =
      action === 'create' ? spec.create?.check : action === 'update' ? spec.update?.check : undefined;
    return {
      resolve: async (input, read) => {
        // Refusals first, so a draft Xero cannot take costs no reads.
        runCheck(check, input, `${spec.resource}.${action}`);
        const carried = carries ? await carry(input, read) : input;
        return resolve && (action === 'create' || action === 'update')
          ? resolve(carried, read, `${spec.resource}.${action}`)
          : carried;
      },
    };
  };

  const create: WriteOperation | undefined = spec.create
    ? {
        request: (input) => {
          runCheck(spec.create?.check, input, `${spec.resource}.create`);
          const item = { ...input.payload, ...spec.create?.extra };
          return { method: 'PUT', path, ...unitdp, body: spec.create?.bare ? item : { [envelope]: [item] } };
        },
        record: record(`${spec.resource}.create`),
        effect: 'created',
        ...resolveFor('create'),
      }
    : undefined;
  const update: WriteOperation | undefined = spec.update
    ? {
        request: (input) => {
          runCheck(spec.update?.check, input, `${spec.resource}.update`);
          return {
            method: 'POST',
            path: recordPath(input.id),
            ...unitdp,
            body: { [envelope]: [{ [spec.idField]: input.id, ...input.payload }] },
          };
        },
        record: record(`${spec.resource}.update`),
        effect: 'updated',
        ...resolveFor('update'),
      }
    : undefined;
  const statusChange = (change: XeroStatusChange, action: 'delete' | 'void'): WriteOperation => ({
    request: ({ id, payload }) => ({
      method: 'POST',
      path: recordPath(id),
      body: change.bare
        ? { [change.field]: change.value }
        : { [envelope]: [{ [spec.idField]: id, ...payload, [change.field]: change.value }] },
    }),
    record: record(`${spec.resource}.${action}`),
    effect: change.effect,
    ...(change.bare ? {} : resolveFor(action)),
  });
  const remove: WriteOperation | undefined =
    spec.delete === undefined
      ? undefined
      : 'httpDelete' in spec.delete
        ? {
            request: ({ id }) => ({ method: 'DELETE', path: recordPath(id) }),
            // Xero answers a DELETE with 204 (items) or the record as it was (accounts); it is gone either way.
            record: () => undefined,
            effect: 'deleted',
          }
        : statusChange(spec.delete, 'delete');

  return {
    ...(spec.idSyntax ? { idSyntax: spec.idSyntax } : {}),
    response: spec.mapping.response,
    request: spec.mapping.request,
    list: spec.list ? listOperation(spec, spec.list, envelope) : undefined,
    get:
      spec.get === false
        ? undefined
        : {
            request: (id) => ({ method: 'GET', path: recordPath(id), ...unitdp }),
            record: (body) => {
              const found = recordsIn(body, envelope)[0];
              if (!found || (spec.accepts && !spec.accepts(found))) {
                // A bill read through `invoices` (one Xero endpoint, two unified resources) is not found.
                throw new NotFoundError({ provider: 'xero', operation: `${spec.resource}.get` });
              }
              return found;
            },
          },
    create,
    update,
    delete: remove,
    void: spec.void ? statusChange(spec.void, 'void') : undefined,
  };
}
