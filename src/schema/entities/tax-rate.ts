import { z } from 'zod';
import { recordMetadata } from '../common.js';
import { DecimalString } from '../money.js';

/** A sales-tax rate or code. `rate` is a percentage as a decimal string ("8.875"). */
export const TaxRate = z.object({
  ...recordMetadata,
  name: z.string(),
  code: z.string().optional(),
  rate: DecimalString,
  active: z.boolean(),
});
export type TaxRate = z.infer<typeof TaxRate>;
