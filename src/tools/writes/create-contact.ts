import type { WriteToolSpec } from './write-tool-spec.js';

/** `create_contact`: a new customer or vendor. */
export const createContact: WriteToolSpec = {
  intent: 'create_contact',
  title: 'Create a customer or vendor',
  resource: 'customers',
  destructive: false,
  description:
    'Create a customer (a patient or payer the practice bills) or a vendor (a supplier it pays). Search with find_contact first: creating a duplicate of an existing contact is refused.',
};
