import { z } from 'zod';
import { RecordId, recordMetadata } from '../common.js';
import { DecimalString } from '../money.js';

/** A product or service sold or bought, for example a CPT-coded visit type. */
export const Item = z.object({
  ...recordMetadata,
  name: z.string(),
  sku: z.string().optional(),
  description: z.string().optional(),
  type: z.enum(['service', 'inventory', 'non_inventory', 'other']),
  unitPrice: DecimalString.optional(),
  purchaseCost: DecimalString.optional(),
  incomeAccountId: RecordId.optional(),
  expenseAccountId: RecordId.optional(),
  taxable: z.boolean().optional(),
  active: z.boolean(),
});
export type Item = z.infer<typeof Item>;
