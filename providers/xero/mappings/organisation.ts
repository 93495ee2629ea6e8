import { addressIn, phoneIn, text } from './shared.js';

/**
 * Xero Organisation → unified CompanyInfo. Xero gives the financial year's end; the start is the month
 * after it.
 */
export const organisationMapping = {
  response: {
    id: 'OrganisationID',
    createdAt: '$msTimestamp(CreatedDateUTC)',
    name: 'Name',
    legalName: text('LegalName'),
    country: 'CountryCode',
    currency: 'BaseCurrency',
    fiscalYearStartMonth: `FinancialYearEndMonth ? (FinancialYearEndMonth % 12) + 1`,
    phone: phoneIn(`Phones[0]`),
    address: addressIn(`([Addresses[AddressType = 'POBOX'], Addresses])[0]`),
  },
};
