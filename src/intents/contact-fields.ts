import { z } from 'zod';
import { text } from './fields.js';

/** A postal address as an agent gives it. */
export const intentAddress = z
  .strictObject({
    line1: text('Street address.', 500).nullable(),
    line2: text('Apartment, suite or unit.', 500).nullable(),
    city: text('City.', 255).nullable(),
    region: text('State, province or region code.', 255).nullable(),
    postalCode: text('Postal or ZIP code.', 30).nullable(),
    country: text('Country.', 255).nullable(),
  })
  .describe('Billing address.');

/** The role a contact plays. */
export const contactRole = z
  .enum(['customer', 'vendor'])
  .describe(
    'customer: someone the practice bills (a patient or payer); vendor: a supplier the practice pays.',
  );

export const email = z.string().email().max(100).describe('Email address, or null.');
export const phone = z
  .string()
  .regex(/^[0-9+().\- ]{3,30}$/)
  .describe('Phone number, digits and + ( ) - . spaces only, or null.');
