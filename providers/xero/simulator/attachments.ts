/**
 * Attachments: files kept per parent record, as metadata only (name, type, size). The bytes are counted and
 * dropped on arrival, so nothing a test uploads is retained.
 */
import { invalid } from './errors.js';
import type { EndpointInfo } from './routes.js';
import type { OrganisationState, XeroRecord } from './state.js';

const MAX_FILE_NAME = 255;

function keyOf(endpoint: EndpointInfo, parentId: string): string {
  return `${endpoint.segment}:${parentId.toLowerCase()}`;
}

export function attachmentsOf(
  state: OrganisationState,
  endpoint: EndpointInfo,
  parentId: string,
): XeroRecord[] {
  return state.attachments.get(keyOf(endpoint, parentId)) ?? [];
}

/** Stores one upload; a file with the same name on the same record is replaced. */
export function storeAttachment(
  state: OrganisationState,
  endpoint: EndpointInfo,
  parent: XeroRecord,
  parentId: string,
  fileName: string,
  contentType: string | null,
  size: number,
  includeOnline: boolean,
): XeroRecord {
  if (fileName.trim() === '' || fileName.length > MAX_FILE_NAME) throw invalid('The file name is not valid.');
  if (!contentType) throw invalid('The Content-Type of an attachment must be specified.');
  if (size === 0) throw invalid('The attachment is empty.');
  const existing = attachmentsOf(state, endpoint, parentId);
  const replaced = existing.find(
    (attachment) => String(attachment.FileName).toLowerCase() === fileName.toLowerCase(),
  );
  const record: XeroRecord = {
    AttachmentID: replaced?.AttachmentID ?? state.ids.next(),
    FileName: fileName,
    Url: `https://api.xero.com/api.xro/2.0/${endpoint.segment}/${parentId}/Attachments/${encodeURIComponent(fileName)}`,
    MimeType: contentType.split(';')[0]?.trim() ?? contentType,
    ContentLength: size,
    ...(endpoint.segment === 'Invoices' || endpoint.segment === 'CreditNotes'
      ? { IncludeOnline: includeOnline }
      : {}),
  };
  state.attachments.set(keyOf(endpoint, parentId), [
    ...existing.filter((attachment) => attachment !== replaced),
    record,
  ]);
  parent.HasAttachments = true;
  return record;
}
