import { z } from 'zod';
import { CurrencyCode } from '../schema/currencies.js';
import { AccountingDate } from '../schema/dates.js';
import { Amount } from '../schema/money.js';

/**
 * Building blocks of the LLM-facing intents. Strict-first: every key is required, an optional value is
 * nullable, nothing has a default or a transform, so the same schema works in OpenAI strict mode and
 * means the same thing in every framework.
 */

/** An id the agent must have read from the ledger. */
export function recordId(description: string) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/)
    .describe(`${description} Use an id returned by a read tool; never invent one.`);
}

/** A money amount as an exact decimal string. */
export function money(description: string) {
  return Amount.describe(
    `${description} Exact decimal string with no currency symbol, sign or thousands separator, for example "125.00".`,
  );
}

/** A calendar date. */
export function date(description: string) {
  return AccountingDate.describe(`${description} Format YYYY-MM-DD.`);
}

/** The document currency. */
export const currency = CurrencyCode.describe(
  'ISO 4217 currency code of every amount in this request, for example "USD". It must match the ledger’s records.',
);

/** Free text the ledger stores. Kept short; it may contain patient details, so it is never logged. */
export function text(description: string, max = 1000) {
  return z.string().min(1).max(max).describe(description);
}

/** A why-reference the host keeps elsewhere (never the reasoning itself). */
export const intentLine = z.strictObject({
  description: text('What was provided, as it should appear on the document line.', 4000).nullable(),
  itemId: recordId('Product or service item id for this line, or null.').nullable(),
  accountId: recordId('Ledger account id for this line when no item is given, or null.').nullable(),
  quantity: z
    .string()
    .regex(/^(0|[1-9]\d{0,8})(\.\d{1,6})?$/)
    .describe('Quantity as a decimal string, for example "1" or "2.5", or null.')
    .nullable(),
  unitPrice: money('Price per unit, or null.').nullable(),
  amount: money('Line total. When quantity and unitPrice are given it must equal their product.'),
  taxRateId: recordId('Tax rate or tax code id for this line, or null for the ledger default.').nullable(),
  serviceDate: date('Date the service was provided, or null.').nullable(),
});
