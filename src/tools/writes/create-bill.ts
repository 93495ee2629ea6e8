import type { WriteToolSpec } from './write-tool-spec.js';

/** `create_bill`: record what the practice owes a vendor. */
export const createBill: WriteToolSpec = {
  intent: 'create_bill',
  title: 'Create a bill',
  resource: 'bills',
  destructive: false,
  description:
    'Record a supplier bill: an amount the practice owes a vendor, with one line per expense account or item. Find the vendor with find_contact and accounts with list_accounts first.',
};
