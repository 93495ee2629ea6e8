import type { WriteToolSpec } from './write-tool-spec.js';

/** `record_payment`: money received from a customer, applied to invoices. */
export const recordPayment: WriteToolSpec = {
  intent: 'record_payment',
  title: 'Record a customer payment',
  resource: 'payments',
  destructive: false,
  description:
    'Record money received from a customer (a patient or a payer) and apply it to their open invoices. Each allocation may be at most the invoice’s open balance (check it with get_invoice_balance); allocations may add up to less than the amount, leaving the rest unapplied.',
};
