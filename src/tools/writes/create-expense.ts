import type { WriteToolSpec } from './write-tool-spec.js';

/** `create_expense`: money spent directly from a bank or card account. */
export const createExpense: WriteToolSpec = {
  intent: 'create_expense',
  title: 'Record an expense',
  resource: 'expenses',
  destructive: false,
  description:
    'Record money spent directly from a bank or credit-card account (no bill first), with one line per expense account. Find the accounts with list_accounts first.',
};
