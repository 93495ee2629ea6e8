import { z } from 'zod';
import { recordId } from './fields.js';

/** Attach a document (an EOB, a receipt) to a record. */
export const AttachFileIntent = z
  .strictObject({
    intent: z.literal('attach_file'),
    entityType: z
      .enum(['invoice', 'bill', 'payment', 'contact', 'journal_entry', 'expense', 'credit_note'])
      .describe('Kind of record to attach to.'),
    entityId: recordId('Record to attach to.'),
    fileName: z
      .string()
      .regex(/^[^\\/:*?"<>|\r\n]{1,200}\.[A-Za-z0-9]{1,10}$/)
      .describe('File name with extension, for example "eob-2026-03.pdf".'),
    contentType: z
      .enum(['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'])
      .describe('MIME type of the file.'),
    contentBase64: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .max(14_000_000)
      .describe('The file content, base64-encoded (at most about 10 MB).'),
    note: z.string().min(1).max(2000).describe('Note stored with the attachment, or null.').nullable(),
  })
  .describe('Attach a file to an invoice, bill, payment, contact, journal entry, expense or credit note.');
export type AttachFileIntent = z.infer<typeof AttachFileIntent>;
