import type { WriteToolSpec } from './write-tool-spec.js';

/** `attach_file`: attach a document to a record. */
export const attachFile: WriteToolSpec = {
  intent: 'attach_file',
  title: 'Attach a file',
  resource: 'attachments',
  destructive: false,
  description:
    'Attach a document (an explanation of benefits, a receipt) to an invoice, bill, payment, contact, journal entry, expense or credit note. The content is base64-encoded, at most about 10 MB.',
};
