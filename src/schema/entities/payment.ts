import { z } from 'zod';
import { AccountingDate, RecordId, recordMetadata } from '../common.js';
import { CurrencyCode } from '../currencies.js';
import { DecimalString } from '../money.js';
import { phi } from '../phi.js';

/** What part of a payment settles which document. */
export const PaymentAllocation = z.object({
  targetType: z.enum(['invoice', 'bill', 'credit_note']),
  targetId: RecordId,
  amount: DecimalString,
});
export type PaymentAllocation = z.infer<typeof PaymentAllocation>;

/** Money received from a customer (`received`) or paid to a vendor (`made`). */
export const Payment = z.object({
  ...recordMetadata,
  kind: z.enum(['received', 'made']),
  contactId: RecordId,
  date: AccountingDate,
  currency: CurrencyCode,
  amount: DecimalString,
  /** Part of the amount not yet allocated to any document. */
  unallocated: DecimalString.optional(),
  allocations: z.array(PaymentAllocation),
  /** Bank or undeposited-funds account the money moved through. */
  accountId: RecordId.optional(),
  reference: z.string().optional(),
  memo: phi(z.string()).optional(),
  status: z.enum(['posted', 'void']),
});
export type Payment = z.infer<typeof Payment>;
