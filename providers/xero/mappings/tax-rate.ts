/** Xero TaxRate → unified TaxRate (read only). Xero names a rate by its `TaxType`, which is also its id. */
export const taxRateMapping = {
  response: {
    id: 'TaxType',
    name: 'Name',
    code: 'TaxType',
    rate: `($r := $exists(EffectiveRate) ? EffectiveRate : DisplayTaxRate; $exists($r) ? $quantity($r) : '0')`,
    active: `Status ? Status = 'ACTIVE' : true`,
  },
};
