import { z } from 'zod';
import { AccountingDate, Timestamp } from './dates.js';
import { phi } from './phi.js';

/** A provider's record identifier, opaque to callers. */
export const RecordId = z
  .string()
  .min(1)
  .max(128)
  .describe('Identifier of a record in the connected ledger.');

/** Values a per-connection custom-field mapping may produce. */
export const CustomFieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * Custom fields filled by per-connection mappings (for example an NPI number or a diagnosis-code field).
 * Treated as PHI-bearing as a whole, since a host decides what goes in them.
 */
export const CustomFields = phi(
  z.record(z.string(), CustomFieldValue).describe('Fields added by this connection’s mapping overrides.'),
);

/** A postal address. Every part can identify a patient. */
export const Address = z.object({
  line1: phi(z.string()).optional(),
  line2: phi(z.string()).optional(),
  city: phi(z.string()).optional(),
  region: phi(z.string()).optional(),
  postalCode: phi(z.string()).optional(),
  country: phi(z.string()).optional(),
});
export type Address = z.infer<typeof Address>;

/** Fields every unified entity read back from a provider carries. */
export const recordMetadata = {
  id: RecordId,
  /** The provider's optimistic-concurrency token (QuickBooks SyncToken), when it has one. */
  version: z.string().optional(),
  createdAt: Timestamp.optional(),
  updatedAt: Timestamp.optional(),
  customFields: CustomFields.default({}),
};

export { AccountingDate, Timestamp };
