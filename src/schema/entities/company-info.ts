import { z } from 'zod';
import { Address, recordMetadata } from '../common.js';
import { CurrencyCode } from '../currencies.js';

/** The organisation that owns the ledger (the clinic or practice). */
export const CompanyInfo = z.object({
  ...recordMetadata,
  name: z.string(),
  legalName: z.string().optional(),
  country: z.string().optional(),
  currency: CurrencyCode.optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: Address.optional(),
});
export type CompanyInfo = z.infer<typeof CompanyInfo>;
