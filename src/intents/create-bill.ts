import { z } from 'zod';
import { currency, date, intentLine, recordId, text } from './fields.js';

/** Record a supplier's bill to pay later. */
export const CreateBillIntent = z
  .strictObject({
    intent: z.literal('create_bill'),
    vendorId: recordId('Vendor (supplier) who sent the bill.'),
    billNumber: z
      .string()
      .min(1)
      .max(21)
      .describe('The vendor’s bill or reference number, or null.')
      .nullable(),
    issueDate: date('Bill date.'),
    dueDate: date('Payment due date, on or after the bill date, or null.').nullable(),
    currency,
    lines: z
      .array(intentLine)
      .min(1)
      .max(100)
      .describe('One entry per expense; give accountId (expense account) or itemId on each line.'),
    memo: text('Internal note, or null.').nullable(),
  })
  .describe('Create a bill (accounts payable) from a vendor.');
export type CreateBillIntent = z.infer<typeof CreateBillIntent>;
