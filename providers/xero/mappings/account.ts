import { recordMetadata, text } from './shared.js';

/** Account class by type, for records that omit the read-only `Class`. */
const CLASS_BY_TYPE = `{
  "BANK": "asset", "CURRENT": "asset", "FIXED": "asset", "INVENTORY": "asset", "NONCURRENT": "asset",
  "PREPAYMENT": "asset", "CURRLIAB": "liability", "LIABILITY": "liability", "TERMLIAB": "liability",
  "PAYG": "liability", "EQUITY": "equity", "DEPRECIATN": "expense", "DIRECTCOSTS": "expense",
  "EXPENSE": "expense", "OVERHEADS": "expense", "OTHERINCOME": "revenue", "REVENUE": "revenue", "SALES": "revenue"
}`;

/**
 * Xero Account ↔ unified Account. `providerType` is Xero's `Type` (`BANK`, `REVENUE`, …) and
 * `providerSubtype` its `BankAccountType` for bank accounts. Xero's accounts API reports no balances.
 */
export const accountMapping = {
  response: {
    ...recordMetadata('AccountID'),
    name: 'Name',
    code: text('Code'),
    class: `Class ? $lowercase(Class) : $lookup(${CLASS_BY_TYPE}, Type)`,
    providerType: 'Type',
    providerSubtype: `(BankAccountType != '' and BankAccountType != 'NONE') ? BankAccountType`,
    description: text('Description'),
    currency: 'CurrencyCode',
    active: `Status ? Status = 'ACTIVE' : true`,
  },
  request: {
    Name: 'name',
    Code: 'code',
    Type: 'providerType',
    BankAccountType: 'providerSubtype',
    Description: 'description',
    CurrencyCode: 'currency',
    Status: `active = false ? 'ARCHIVED' : (active = true ? 'ACTIVE')`,
  },
};
