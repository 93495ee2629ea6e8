import { createHash } from 'node:crypto';
import type {
  ListOperation,
  PageState,
  RequestSpec,
  ResourceDefinition,
  WriteOperation,
} from '../../src/engine/definition.js';
import { NotFoundError, ProviderResponseError, ValidationError } from '../../src/http/errors.js';
import type { AttachableEntity } from '../../src/schema/entities/attachment.js';
import { attachmentMapping } from './mappings/attachment.js';
import { recordsIn, XERO_MAX_PAGE_SIZE } from './resource-builder.js';
import { isGuid } from './where.js';

/** The Xero endpoint whose records take attachments, per unified entity type. Payments take none. */
export const XERO_ATTACHMENT_ENDPOINTS: Readonly<Partial<Record<AttachableEntity, string>>> = {
  invoice: 'Invoices',
  bill: 'Invoices',
  credit_note: 'CreditNotes',
  contact: 'Contacts',
  journal_entry: 'ManualJournals',
  expense: 'BankTransactions',
};

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** `invoice:<InvoiceID>:<AttachmentID>`: Xero can only find an attachment through its parent. */
export const XERO_ATTACHMENT_ID = new RegExp(
  `^(invoice|bill|credit_note|contact|journal_entry|expense):(${GUID}):(${GUID})$`,
);

interface AttachmentId {
  readonly entityType: AttachableEntity;
  readonly entityId: string;
  readonly attachmentId: string;
}

function parseId(id: string): AttachmentId {
  const match = XERO_ATTACHMENT_ID.exec(id);
  if (!match) {
    throw new ValidationError({
      provider: 'xero',
      operation: 'attachments.get',
      issues: [{ path: 'id', code: 'invalid_id' }],
    });
  }
  return { entityType: match[1] as AttachableEntity, entityId: match[2] ?? '', attachmentId: match[3] ?? '' };
}

function endpointOf(entityType: unknown, operation: string, path: string): string {
  const endpoint =
    typeof entityType === 'string' ? XERO_ATTACHMENT_ENDPOINTS[entityType as AttachableEntity] : undefined;
  if (!endpoint)
    throw new ValidationError({
      provider: 'xero',
      operation,
      issues: [{ path, code: 'unsupported_by_provider' }],
    });
  return endpoint;
}

function parentIdOf(entityId: unknown, operation: string, path: string): string {
  if (!isGuid(entityId))
    throw new ValidationError({ provider: 'xero', operation, issues: [{ path, code: 'invalid_id' }] });
  return entityId;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/tiff': 'tif',
  'image/heic': 'heic',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'application/json': 'json',
  'application/rtf': 'rtf',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set(Object.values(EXTENSIONS).concat(['jpeg', 'tiff']));

/**
 * The file name sent to Xero. Xero takes it in the URL path, and a clinic's file names name patients
 * ("eob-jane-doe.pdf"), so the real name never leaves: the file goes as `attachment-<hash>.<ext>`, where the
 * hash is of the content (stable across retries, so an `Idempotency-Key` resend is the same request) and the
 * extension comes from a fixed list. Xero shows this name in its UI.
 */
export function xeroAttachmentFileName(bytes: Uint8Array, fileName: string, contentType: string): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const fromName = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase();
  const extension =
    fromName !== undefined && KNOWN_EXTENSIONS.has(fromName)
      ? fromName
      : (EXTENSIONS[contentType.toLowerCase().split(';')[0]?.trim() ?? ''] ?? 'bin');
  return `attachment-${hash}.${extension}`;
}

function withParent(record: Record<string, unknown>, entityType: unknown, entityId: unknown) {
  return { ...record, _attachedTo: { entityType, entityId } };
}

function offsetOf(page: PageState | undefined): number {
  const value = page?.offset;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

const list: ListOperation = {
  maxPageSize: XERO_MAX_PAGE_SIZE,
  filters: ['entityType', 'entityId'],
  request: ({ filter }): RequestSpec => {
    const operation = 'attachments.list';
    if (filter.entityType === undefined || filter.entityId === undefined) {
      // Xero has no list of all attachments; they are read per record.
      throw new ValidationError({
        provider: 'xero',
        operation,
        issues: [
          {
            path: filter.entityType === undefined ? 'filter.entityType' : 'filter.entityId',
            code: 'required',
          },
        ],
      });
    }
    const endpoint = endpointOf(filter.entityType, operation, 'filter.entityType');
    const parent = parentIdOf(filter.entityId, operation, 'filter.entityId');
    return { method: 'GET', path: `/${endpoint}/${parent}/Attachments` };
  },
  records: (body, { filter, page, pageSize }) =>
    recordsIn(body, 'Attachments')
      .slice(offsetOf(page), offsetOf(page) + pageSize)
      .map((record) => withParent(record, filter.entityType, filter.entityId)),
  nextPage: ({ body, page, pageSize }) => {
    const next = offsetOf(page) + pageSize;
    return next < recordsIn(body, 'Attachments').length ? { offset: next } : undefined;
  },
};

/**
 * Upload: the raw bytes in a PUT to `/{Endpoint}/{Guid}/Attachments/{FileName}` with the file's content
 * type. The bytes live in the request for the duration of the call only.
 */
const upload: WriteOperation = {
  request: ({ draft }): RequestSpec => {
    const operation = 'attachments.upload';
    if (draft?.note !== undefined) {
      throw new ValidationError({
        provider: 'xero',
        operation,
        issues: [{ path: 'note', code: 'unsupported_by_provider' }],
      });
    }
    const endpoint = endpointOf(draft?.entityType, operation, 'entityType');
    const parent = parentIdOf(draft?.entityId, operation, 'entityId');
    const bytes = draft?.bytes instanceof Uint8Array ? draft.bytes : new Uint8Array();
    const contentType =
      typeof draft?.contentType === 'string' ? draft.contentType : 'application/octet-stream';
    const fileName = xeroAttachmentFileName(
      bytes,
      typeof draft?.fileName === 'string' ? draft.fileName : '',
      contentType,
    );
    return {
      method: 'PUT',
      path: `/${endpoint}/${parent}/Attachments/${encodeURIComponent(fileName)}`,
      headers: { 'content-type': contentType },
      body: new Uint8Array(bytes),
    };
  },
  record: (body, input) => {
    const record = recordsIn(body, 'Attachments')[0];
    if (!record) {
      throw new ProviderResponseError({
        provider: 'xero',
        operation: 'attachments.upload',
        issues: [{ path: 'Attachments', code: 'missing' }],
      });
    }
    return withParent(record, input.draft?.entityType, input.draft?.entityId);
  },
  effect: 'created',
};

/** Xero attachments as the unified attachments resource: listed per record, uploaded as raw bytes. */
export const attachmentsResource: ResourceDefinition = {
  idSyntax: XERO_ATTACHMENT_ID,
  response: attachmentMapping.response,
  request: attachmentMapping.request,
  list,
  get: {
    request: (id): RequestSpec => {
      const { entityType, entityId } = parseId(id);
      return {
        method: 'GET',
        path: `/${endpointOf(entityType, 'attachments.get', 'id')}/${entityId}/Attachments`,
      };
    },
    record: (body, id) => {
      const { entityType, entityId, attachmentId } = parseId(id);
      const record = recordsIn(body, 'Attachments').find(
        (candidate) => String(candidate.AttachmentID).toLowerCase() === attachmentId.toLowerCase(),
      );
      if (!record) throw new NotFoundError({ provider: 'xero', operation: 'attachments.get' });
      return withParent(record, entityType, entityId);
    },
  },
  upload,
};
