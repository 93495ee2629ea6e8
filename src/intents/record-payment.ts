import { z } from 'zod';
import { currency, date, money, recordId, text } from './fields.js';

/** Record money received from a customer and apply it to their open invoices. */
export const RecordPaymentIntent = z
  .strictObject({
    intent: z.literal('record_payment'),
    customerId: recordId('Customer who paid.'),
    date: date('Date the payment was received.'),
    amount: money('Total amount received.'),
    currency,
    depositAccountId: recordId(
      'Bank or undeposited-funds account the money went to, or null for the default.',
    ).nullable(),
    reference: z.string().min(1).max(21).describe('Check number or payment reference, or null.').nullable(),
    memo: text('Internal note, or null.').nullable(),
    allocations: z
      .array(
        z.strictObject({
          invoiceId: recordId('Open invoice of this customer that the payment settles.'),
          amount: money('Part of the payment applied to this invoice; at most its open balance.'),
        }),
      )
      .max(100)
      .describe(
        'How the payment is applied. The sum may be less than the amount (the rest stays unapplied).',
      ),
  })
  .describe('Record a customer payment and apply it to invoices.');
export type RecordPaymentIntent = z.infer<typeof RecordPaymentIntent>;
