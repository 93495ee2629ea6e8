import type { WriteToolSpec } from './write-tool-spec.js';

/** `create_credit_note`: reduce what a customer owes. */
export const createCreditNote: WriteToolSpec = {
  intent: 'create_credit_note',
  title: 'Create a credit note',
  resource: 'creditNotes',
  destructive: false,
  description:
    'Create a credit note that reduces what a customer owes, for example a refund or a billing correction, with one line per credited service.',
};
