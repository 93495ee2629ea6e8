import { z } from 'zod';
import { recordMetadata } from '../common.js';
import { CurrencyCode } from '../currencies.js';
import { DecimalString } from '../money.js';

/** The five account classes every chart of accounts maps onto. */
export const AccountClass = z.enum(['asset', 'liability', 'equity', 'revenue', 'expense']);
export type AccountClass = z.infer<typeof AccountClass>;

/** A general-ledger account. */
export const Account = z.object({
  ...recordMetadata,
  name: z.string(),
  code: z.string().optional(),
  class: AccountClass,
  /** The provider's own account type, for example `Accounts Receivable` or `BANK`. */
  providerType: z.string().optional(),
  providerSubtype: z.string().optional(),
  description: z.string().optional(),
  currency: CurrencyCode.optional(),
  balance: DecimalString.optional(),
  active: z.boolean(),
});
export type Account = z.infer<typeof Account>;
