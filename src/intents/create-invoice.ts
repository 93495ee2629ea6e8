import { z } from 'zod';
import { currency, date, intentLine, recordId, text } from './fields.js';

/** Bill a customer (a patient or a payer) for services. */
export const CreateInvoiceIntent = z
  .strictObject({
    intent: z.literal('create_invoice'),
    customerId: recordId('Customer to bill.'),
    invoiceNumber: z
      .string()
      .min(1)
      .max(21)
      .describe('Invoice number to use, or null to let the ledger assign one.')
      .nullable(),
    issueDate: date('Invoice date.'),
    dueDate: date(
      'Payment due date, on or after the invoice date, or null for the customer’s terms.',
    ).nullable(),
    currency,
    lines: z.array(intentLine).min(1).max(100).describe('One entry per billed service or product.'),
    memo: text('Internal note, not shown to the customer, or null.').nullable(),
    customerMemo: text('Message printed on the invoice for the customer, or null.').nullable(),
  })
  .describe('Create a sales invoice for a customer.');
export type CreateInvoiceIntent = z.infer<typeof CreateInvoiceIntent>;
