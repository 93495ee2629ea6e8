/**
 * Xero Attachment → unified Attachment. Xero's attachment records do not name the record they belong to,
 * so the adapter adds `_attachedTo` (`{ entityType, entityId }`) from the request, and the unified id
 * carries all three parts: `invoice:<InvoiceID>:<AttachmentID>`. `Url` (which holds the file name) is
 * never mapped.
 */
export const attachmentMapping = {
  response: {
    id: `_attachedTo.entityType & ':' & _attachedTo.entityId & ':' & AttachmentID`,
    fileName: 'FileName',
    contentType: 'MimeType',
    size: 'ContentLength',
    entityType: '_attachedTo.entityType',
    entityId: '_attachedTo.entityId',
  },
  // The upload's metadata travels in the URL and headers, not a body; see attachments.ts.
  request: {
    FileName: 'fileName',
    MimeType: 'contentType',
  },
};
