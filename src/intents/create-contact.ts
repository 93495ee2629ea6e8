import { z } from 'zod';
import { contactRole, email, intentAddress, phone } from './contact-fields.js';
import { currency, text } from './fields.js';

/** Add a customer or vendor. */
export const CreateContactIntent = z
  .strictObject({
    intent: z.literal('create_contact'),
    role: contactRole,
    displayName: text('Name as it should appear on documents; must be unique in the ledger.', 500),
    givenName: text('First name of a person, or null.', 100).nullable(),
    familyName: text('Last name of a person, or null.', 100).nullable(),
    companyName: text('Organisation name, or null.', 100).nullable(),
    email: email.nullable(),
    phone: phone.nullable(),
    address: intentAddress.nullable(),
    notes: text('Internal notes, or null.', 4000).nullable(),
    currency: currency
      .nullable()
      .describe('Currency the contact is billed in, or null for the home currency.'),
  })
  .describe('Create a customer or vendor.');
export type CreateContactIntent = z.infer<typeof CreateContactIntent>;
