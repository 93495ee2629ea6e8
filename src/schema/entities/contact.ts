import { z } from 'zod';
import { Address, recordMetadata } from '../common.js';
import { CurrencyCode } from '../currencies.js';
import { DecimalString } from '../money.js';
import { phi } from '../phi.js';

/** The roles a contact plays: a customer (patients, payers) is billed; a vendor is paid. */
export const ContactRole = z.enum(['customer', 'vendor']);
export type ContactRole = z.infer<typeof ContactRole>;

/**
 * A customer or vendor. For a clinic, customers are often patients or payers, so names and contact details
 * are PHI.
 */
export const Contact = z.object({
  ...recordMetadata,
  roles: z.array(ContactRole).min(1),
  displayName: phi(z.string()),
  givenName: phi(z.string()).optional(),
  familyName: phi(z.string()).optional(),
  companyName: phi(z.string()).optional(),
  email: phi(z.string()).optional(),
  phone: phi(z.string()).optional(),
  billingAddress: Address.optional(),
  notes: phi(z.string()).optional(),
  active: z.boolean(),
  currency: CurrencyCode.optional(),
  /** What the contact owes (customers) or is owed (vendors), in `currency`. */
  balance: DecimalString.optional(),
  taxNumber: phi(z.string()).optional(),
});
export type Contact = z.infer<typeof Contact>;
