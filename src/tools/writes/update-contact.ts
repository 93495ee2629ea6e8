import type { WriteToolSpec } from './write-tool-spec.js';

/** `update_contact`: change a customer's or vendor's details. */
export const updateContact: WriteToolSpec = {
  intent: 'update_contact',
  title: 'Update a customer or vendor',
  resource: 'customers',
  destructive: true,
  description:
    'Change details of an existing customer or vendor. Fields passed as null stay as they are; only the fields you give are changed. Set active to false to make a contact inactive.',
};
