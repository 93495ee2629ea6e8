import { z } from 'zod';
import { RecordId, recordMetadata } from '../common.js';
import { phi } from '../phi.js';

/** The kinds of record a file can be attached to. */
export const AttachableEntity = z.enum([
  'invoice',
  'bill',
  'payment',
  'contact',
  'journal_entry',
  'expense',
  'credit_note',
]);
export type AttachableEntity = z.infer<typeof AttachableEntity>;

/** A file attached to a record (an EOB, a receipt). File names and notes often name the patient. */
export const Attachment = z.object({
  ...recordMetadata,
  fileName: phi(z.string()),
  contentType: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  entityType: AttachableEntity.optional(),
  entityId: RecordId.optional(),
  note: phi(z.string()).optional(),
});
export type Attachment = z.infer<typeof Attachment>;
