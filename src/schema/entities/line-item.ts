import { z } from 'zod';
import { AccountingDate, RecordId } from '../common.js';
import { DecimalString } from '../money.js';
import { phi } from '../phi.js';

/**
 * One line of an invoice, bill or credit note. `amount` is the line total in the document's currency;
 * when `quantity` and `unitPrice` are present, `amount` equals their product rounded to the currency.
 */
export const LineItem = z.object({
  id: z.string().optional(),
  description: phi(z.string()).optional(),
  itemId: RecordId.optional(),
  accountId: RecordId.optional(),
  quantity: DecimalString.optional(),
  unitPrice: DecimalString.optional(),
  amount: DecimalString,
  taxRateId: RecordId.optional(),
  /** Date of service: PHI in a clinical context. */
  serviceDate: phi(AccountingDate).optional(),
});
export type LineItem = z.infer<typeof LineItem>;
