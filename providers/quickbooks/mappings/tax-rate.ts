import { RECORD_METADATA } from './shared.js';

/** QuickBooks TaxRate → unified TaxRate (read only; QuickBooks creates rates through TaxService). */
export const taxRateMapping = {
  response: {
    ...RECORD_METADATA,
    name: 'Name',
    code: 'AgencyRef.value',
    rate: `$quantity(RateValue) ? $quantity(RateValue) : '0'`,
    active: 'Active = false ? false : true',
  },
} as const;
