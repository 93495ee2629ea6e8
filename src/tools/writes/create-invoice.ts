import type { WriteToolSpec } from './write-tool-spec.js';

/** `create_invoice`: bill a customer. */
export const createInvoice: WriteToolSpec = {
  intent: 'create_invoice',
  title: 'Create an invoice',
  resource: 'invoices',
  destructive: false,
  description:
    'Create a sales invoice that bills a customer (a patient or a payer) for services or products. Give one line per service; when a line has quantity and unitPrice, amount must equal their product. Find the customer with find_contact and services with list_items first.',
};
