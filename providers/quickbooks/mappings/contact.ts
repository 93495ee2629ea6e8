import { addressIn, addressOut, money, RECORD_METADATA, reference } from './shared.js';

const PERSON_IN = {
  ...RECORD_METADATA,
  displayName: 'DisplayName',
  givenName: 'GivenName',
  familyName: 'FamilyName',
  companyName: 'CompanyName',
  email: 'PrimaryEmailAddr.Address',
  phone: 'PrimaryPhone.FreeFormNumber',
  billingAddress: addressIn('BillAddr'),
  notes: 'Notes',
  // QuickBooks leaves Active out on some older records; they are active.
  active: 'Active = false ? false : true',
  currency: 'CurrencyRef.value',
  balance: money('Balance'),
} as const;

const PERSON_OUT = {
  DisplayName: 'displayName',
  GivenName: 'givenName',
  FamilyName: 'familyName',
  CompanyName: 'companyName',
  PrimaryEmailAddr: `email ? { "Address": email }`,
  PrimaryPhone: `phone ? { "FreeFormNumber": phone }`,
  BillAddr: addressOut('billingAddress'),
  Notes: 'notes',
  CurrencyRef: reference('currency'),
  Active: 'active',
} as const;

/** QuickBooks Customer ↔ unified Contact with the customer role. */
export const customerMapping = {
  response: { ...PERSON_IN, roles: `['customer']` },
  request: PERSON_OUT,
} as const;

/** QuickBooks Vendor ↔ unified Contact with the vendor role. */
export const vendorMapping = {
  response: { ...PERSON_IN, roles: `['vendor']` },
  request: PERSON_OUT,
} as const;
