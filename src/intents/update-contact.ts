import { z } from 'zod';
import { contactRole, email, intentAddress, phone } from './contact-fields.js';
import { recordId, text } from './fields.js';

/** Change some details of a customer or vendor. A null value means "leave as it is". */
export const UpdateContactIntent = z
  .strictObject({
    intent: z.literal('update_contact'),
    role: contactRole,
    contactId: recordId('Customer or vendor to change.'),
    displayName: text('New display name, or null to keep.', 500).nullable(),
    email: email.nullable(),
    phone: phone.nullable(),
    address: intentAddress.nullable(),
    notes: text('New internal notes, or null to keep.', 4000).nullable(),
    active: z
      .boolean()
      .describe('false to make the contact inactive, true to reactivate, or null to keep.')
      .nullable(),
  })
  .describe('Update a customer’s or vendor’s details; fields left null are unchanged.');
export type UpdateContactIntent = z.infer<typeof UpdateContactIntent>;
