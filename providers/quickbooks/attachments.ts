import type { ResourceDefinition, WriteOperation } from '../../src/engine/definition.js';
import { ProviderResponseError } from '../../src/http/errors.js';
import { attachmentMapping } from './mappings/attachment.js';
import { quickBooksResource } from './resource-builder.js';

/**
 * Attachable upload: one multipart request with the metadata as `file_metadata_01` and the bytes as
 * `file_content_01`. The bytes live in the FormData for the duration of the call only.
 */
const upload: WriteOperation = {
  request: ({ payload, draft }) => {
    const bytes = draft?.bytes;
    const contentType =
      typeof draft?.contentType === 'string' ? draft.contentType : 'application/octet-stream';
    const fileName = typeof draft?.fileName === 'string' ? draft.fileName : 'attachment';
    const form = new FormData();
    form.append('file_metadata_01', new Blob([JSON.stringify(payload)], { type: 'application/json' }));
    form.append(
      'file_content_01',
      new Blob([bytes instanceof Uint8Array ? new Uint8Array(bytes) : new Uint8Array()], {
        type: contentType,
      }),
      fileName,
    );
    return { method: 'POST', path: '/upload', body: form };
  },
  record: (body) => {
    const first = (body as { AttachableResponse?: Record<string, unknown>[] } | undefined)
      ?.AttachableResponse?.[0];
    if (!first?.Attachable) {
      // A per-file Fault inside a 200: report that the upload was refused, without its text.
      throw new ProviderResponseError({
        issues: [{ path: 'AttachableResponse.0', code: first?.Fault ? 'fault' : 'missing' }],
      });
    }
    return first.Attachable;
  },
  effect: 'created',
};

/** QuickBooks Attachable as the unified attachments resource. */
export const attachmentsResource: ResourceDefinition = {
  ...quickBooksResource({
    entity: 'Attachable',
    mapping: attachmentMapping,
    writes: { update: true, delete: 'delete' },
  }),
  upload,
};
