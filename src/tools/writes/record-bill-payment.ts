import type { WriteToolSpec } from './write-tool-spec.js';

/** `record_bill_payment`: money paid to a vendor, applied to bills. */
export const recordBillPayment: WriteToolSpec = {
  intent: 'record_bill_payment',
  title: 'Pay a vendor bill',
  resource: 'billPayments',
  destructive: false,
  description:
    'Record a payment the practice made to a vendor from a bank or card account and apply it to the vendor’s open bills. Each allocation may be at most the bill’s open balance.',
};
