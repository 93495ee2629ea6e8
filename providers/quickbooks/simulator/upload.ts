/**
 * `POST /v3/company/{realmId}/upload`: QBO's multipart attachment upload. Part `file_metadata_NN` carries an
 * Attachable as JSON, part `file_content_NN` the file; each pair becomes one Attachable. Only the file's
 * length is kept, never its bytes.
 */

import type { EndpointResult } from './endpoints.js';
import type { QuickBooksRecord } from './entities.js';
import { invalidProperty, requiredParamMissing, SimulatorFault } from './errors.js';
import { isObject } from './json.js';
import { createRecord } from './operations.js';
import { type CompanyTables, copyRecord } from './store.js';
import { responseTime } from './time.js';

/** One uploaded file, reduced to what an Attachable records about it. */
export interface UploadPart {
  /** The `NN` suffix pairing metadata with content. */
  readonly index: string;
  /** The parsed metadata, or the fault its JSON produced. */
  readonly metadata: QuickBooksRecord | SimulatorFault;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

const CONTENT_PART = /^file_content_(\d+)$/;

async function readMetadata(value: ReturnType<FormData['get']>): Promise<QuickBooksRecord | SimulatorFault> {
  if (value === null) return {};
  const text = typeof value === 'string' ? value : await value.text();
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : invalidProperty('file_metadata');
  } catch {
    return invalidProperty('file_metadata');
  }
}

/**
 * Parses the multipart body into parts, dropping the file bytes as soon as their length is known. Async
 * (multipart parsing is), so the pipeline runs it before the synchronous write section.
 *
 * @throws {SimulatorFault} when the body is not multipart/form-data or has no file part.
 */
export async function readUploadParts(body: Uint8Array, contentType: string | null): Promise<UploadPart[]> {
  if (contentType === null || !contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw invalidProperty('Content-Type (expected multipart/form-data)');
  }
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw invalidProperty('(malformed multipart body)');
  }
  const parts: UploadPart[] = [];
  for (const [name, value] of form.entries()) {
    const index = CONTENT_PART.exec(name)?.[1];
    if (index === undefined || typeof value === 'string') continue;
    parts.push({
      index,
      metadata: await readMetadata(form.get(`file_metadata_${index}`)),
      fileName: value.name,
      contentType: value.type,
      size: value.size,
    });
  }
  if (parts.length === 0) throw requiredParamMissing('file_content_01');
  return parts.sort((a, b) => Number(a.index) - Number(b.index));
}

function category(contentType: string): string {
  return contentType.startsWith('image/') ? 'Image' : 'Document';
}

function storeAttachable(
  tables: CompanyTables,
  realmId: string,
  part: UploadPart,
  now: number,
): QuickBooksRecord {
  if (part.metadata instanceof SimulatorFault) throw part.metadata;
  const input: QuickBooksRecord = {
    ...part.metadata,
    FileName: part.metadata.FileName ?? part.fileName,
    ContentType: part.metadata.ContentType ?? part.contentType,
    Category: part.metadata.Category ?? category(String(part.metadata.ContentType ?? part.contentType)),
  };
  const stored = createRecord(tables, 'Attachable', input, { now, serverFields: { Size: part.size } });
  stored.FileAccessUri = `/v3/company/${realmId}/download/${String(stored.Id)}`;
  return stored;
}

/**
 * Stores one Attachable per file. As in QBO, a part that fails validation answers with its own `Fault`
 * inside `AttachableResponse` while the other parts still succeed.
 */
export function uploadEndpoint(
  tables: CompanyTables,
  realmId: string,
  parts: readonly UploadPart[],
  now: number,
): EndpointResult {
  const responses = parts.map((part) => {
    try {
      return { Attachable: copyRecord(storeAttachable(tables, realmId, part, now)) };
    } catch (error) {
      if (!(error instanceof SimulatorFault)) throw error;
      return { Fault: { Error: [error.error], type: error.type } };
    }
  });
  return { status: 200, body: { AttachableResponse: responses, time: responseTime(now) } };
}
