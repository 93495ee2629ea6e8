import { z } from 'zod';
import { currency, date, money, recordId, text } from './fields.js';

/** Pay a vendor and apply the payment to their open bills. */
export const RecordBillPaymentIntent = z
  .strictObject({
    intent: z.literal('record_bill_payment'),
    vendorId: recordId('Vendor being paid.'),
    date: date('Payment date.'),
    amount: money('Total amount paid.'),
    currency,
    bankAccountId: recordId('Bank account the money left from.'),
    reference: z.string().min(1).max(21).describe('Check number or payment reference, or null.').nullable(),
    memo: text('Internal note, or null.').nullable(),
    allocations: z
      .array(
        z.strictObject({
          billId: recordId('Open bill of this vendor that the payment settles.'),
          amount: money('Part of the payment applied to this bill; at most its open balance.'),
        }),
      )
      .min(1)
      .max(100)
      .describe('How the payment is applied; the sum must not exceed the amount.'),
  })
  .describe('Record a payment to a vendor against bills.');
export type RecordBillPaymentIntent = z.infer<typeof RecordBillPaymentIntent>;
