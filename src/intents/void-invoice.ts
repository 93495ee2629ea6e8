import { z } from 'zod';
import { recordId } from './fields.js';

/** Void an invoice: it stays on the books with zero amounts. */
export const VoidInvoiceIntent = z
  .strictObject({
    intent: z.literal('void_invoice'),
    invoiceId: recordId('Invoice to void.'),
  })
  .describe('Void an invoice. This cannot be undone; prefer a credit note for partial corrections.');
export type VoidInvoiceIntent = z.infer<typeof VoidInvoiceIntent>;
