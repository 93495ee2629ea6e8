import { money, RECORD_METADATA, reference } from './shared.js';

/** Fallback classification by account type, for records that omit `Classification`. */
const CLASS_BY_TYPE = `{
  "Bank": "asset", "Other Current Asset": "asset", "Fixed Asset": "asset", "Other Asset": "asset",
  "Accounts Receivable": "asset", "Equity": "equity", "Expense": "expense", "Other Expense": "expense",
  "Cost of Goods Sold": "expense", "Accounts Payable": "liability", "Credit Card": "liability",
  "Long Term Liability": "liability", "Other Current Liability": "liability", "Income": "revenue",
  "Other Income": "revenue"
}`;

/** QuickBooks Account ↔ unified Account. */
export const accountMapping = {
  response: {
    ...RECORD_METADATA,
    name: 'Name',
    code: 'AcctNum',
    class: `Classification ? $lowercase(Classification) : $lookup(${CLASS_BY_TYPE}, AccountType)`,
    providerType: 'AccountType',
    providerSubtype: 'AccountSubType',
    description: 'Description',
    currency: 'CurrencyRef.value',
    balance: money('CurrentBalance'),
    active: 'Active = false ? false : true',
  },
  request: {
    Name: 'name',
    AcctNum: 'code',
    AccountType: 'providerType',
    AccountSubType: 'providerSubtype',
    Description: 'description',
    CurrencyRef: reference('currency'),
    Active: 'active',
  },
} as const;
