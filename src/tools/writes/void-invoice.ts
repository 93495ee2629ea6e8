import type { WriteToolSpec } from './write-tool-spec.js';

/** `void_invoice`: zero an invoice while keeping it on the books. */
export const voidInvoice: WriteToolSpec = {
  intent: 'void_invoice',
  title: 'Void an invoice',
  resource: 'invoices',
  destructive: true,
  description:
    'Void an invoice: it stays on the books with zero amounts and nothing is owed on it any more. This cannot be undone; for a partial correction create a credit note instead.',
};
