import { z } from 'zod';
import { recordId } from '../../intents/fields.js';
import type { FilterName } from './read-catalogue.js';

/** Records a list tool returns when the model passes no page size: enough to act on, small for a context. */
export const DEFAULT_PAGE_SIZE = 25;

/** Page size of a list tool: small, because every record lands in the model's context. */
export const pageSize = z
  .int()
  .min(1)
  .max(100)
  .describe(`Records to return, 1 to 100, or null for ${DEFAULT_PAGE_SIZE}.`)
  .nullable();

/** The opaque cursor of the next page. */
export const cursor = z
  .string()
  .min(1)
  .max(4096)
  .describe('nextCursor of the previous page (call with the same filters), or null for the first page.')
  .nullable();

/** Every filter a list tool may offer, strict-first (null means "no filter"). */
export const FILTER_FIELDS: Readonly<Record<FilterName, z.ZodType>> = {
  status: z
    .enum(['open', 'paid'])
    .describe('open: something is still owed; paid: nothing is owed. Null for both.')
    .nullable(),
  contactId: recordId('Only records of this customer or vendor, or null for all.').nullable(),
  nameStartsWith: z
    .string()
    .min(1)
    .max(100)
    .describe('Only records whose name starts with this text, or null.')
    .nullable(),
  active: z
    .boolean()
    .describe('true for active records only, false for inactive only, null for both.')
    .nullable(),
  updatedSince: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))?$/)
    .describe('Only records changed on or after this date (YYYY-MM-DD) or instant (RFC 3339), or null.')
    .nullable(),
};

/** How each filter reads in a description. */
export const FILTER_HELP: Readonly<Record<FilterName, string>> = {
  status: 'status (open or paid)',
  contactId: 'contactId',
  nameStartsWith: 'nameStartsWith',
  active: 'active',
  updatedSince: 'updatedSince',
};
