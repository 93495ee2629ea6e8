import { addressIn, RECORD_METADATA } from './shared.js';

const MONTHS = `{
  "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
  "September": 9, "October": 10, "November": 11, "December": 12
}`;

/** QuickBooks CompanyInfo → unified CompanyInfo. */
export const companyInfoMapping = {
  response: {
    ...RECORD_METADATA,
    name: 'CompanyName',
    legalName: 'LegalName',
    country: 'Country',
    fiscalYearStartMonth: `$lookup(${MONTHS}, FiscalYearStartMonth)`,
    email: '[Email.Address, CompanyEmailAddr.Address][0]',
    phone: 'PrimaryPhone.FreeFormNumber',
    address: addressIn('CompanyAddr'),
  },
} as const;
