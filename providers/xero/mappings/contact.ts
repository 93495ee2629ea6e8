import { addressIn, phoneIn, recordMetadata, text, type XeroMappingContext } from './shared.js';

/**
 * The contact's one phone: the first of Xero's DEFAULT, MOBILE and DDI phones that has a number (a FAX is
 * not a phone to call). Xero returns all four types, mostly empty, and a patient's only number is often the
 * mobile one. Writes set the DEFAULT phone, which then reads back first.
 */
const PHONE = `($n := Phones[PhoneNumber != '']; [$n[PhoneType = 'DEFAULT'][0], $n[PhoneType = 'MOBILE'][0], $n[PhoneType = 'DDI'][0]][0])`;

/**
 * Xero Contact ↔ unified Contact. Xero keeps one contact list and flags contacts `IsCustomer` or
 * `IsSupplier` once an invoice or bill has been raised against them, so `roles` reports the flags and,
 * for a contact with neither yet, the role of the resource it was read through. The balance is Xero's
 * outstanding receivable (customers) or payable (vendors), which Xero keeps in the base currency; it is
 * left out when the contact's default currency differs. `companyName` and `notes` have no place on a Xero
 * contact and are refused on writes.
 */
export function contactMapping(context: XeroMappingContext, role: 'customer' | 'vendor') {
  const balances = role === 'customer' ? 'Balances.AccountsReceivable' : 'Balances.AccountsPayable';
  return {
    response: {
      ...recordMetadata('ContactID'),
      roles: `($r := [IsCustomer = true ? 'customer', IsSupplier = true ? 'vendor']; $count($r) > 0 ? $r : ['${role}'])`,
      displayName: 'Name',
      givenName: text('FirstName'),
      familyName: text('LastName'),
      email: text('EmailAddress'),
      phone: phoneIn(PHONE),
      billingAddress: addressIn(`Addresses[AddressType = 'POBOX'][0]`),
      active: `ContactStatus ? ContactStatus = 'ACTIVE' : true`,
      currency: 'DefaultCurrency',
      balance: `($exists(DefaultCurrency) = false or DefaultCurrency = '${context.baseCurrency}') ? $decimal(${balances}.Outstanding, '${context.baseCurrency}')`,
      taxNumber: text('TaxNumber'),
    },
    request: {
      Name: 'displayName',
      FirstName: 'givenName',
      LastName: 'familyName',
      EmailAddress: 'email',
      Phones: `phone ? [{ "PhoneType": "DEFAULT", "PhoneNumber": phone }]`,
      Addresses: `billingAddress ? [$compact({
        "AddressType": "POBOX",
        "AddressLine1": billingAddress.line1,
        "AddressLine2": billingAddress.line2,
        "City": billingAddress.city,
        "Region": billingAddress.region,
        "PostalCode": billingAddress.postalCode,
        "Country": billingAddress.country
      })]`,
      DefaultCurrency: 'currency',
      ContactStatus: `active = false ? 'ARCHIVED' : (active = true ? 'ACTIVE')`,
    },
  };
}
