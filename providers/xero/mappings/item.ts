import { recordMetadata, text } from './shared.js';

/**
 * Xero Item ↔ unified Item. `sku` is Xero's required, unique `Code`; untracked items read as services and
 * tracked ones as inventory. Xero names an item's sales and purchase accounts by code, so reads leave
 * `incomeAccountId` and `expenseAccountId` out, and writes send the account ids as `AccountID` for the
 * resolve step to turn into codes. Prices carry no currency on an item, so they stay unscaled.
 */
export const itemMapping = {
  response: {
    ...recordMetadata('ItemID'),
    name: `Name ? Name : Code`,
    sku: 'Code',
    description: text('Description'),
    type: `IsTrackedAsInventory = true ? 'inventory' : 'service'`,
    unitPrice: '$quantity(SalesDetails.UnitPrice)',
    purchaseCost: '$quantity(PurchaseDetails.UnitPrice)',
    active: 'true',
  },
  request: {
    Code: 'sku',
    Name: 'name',
    Description: 'description',
    IsSold: `(unitPrice or incomeAccountId) ? true`,
    IsPurchased: `(purchaseCost or expenseAccountId) ? true`,
    SalesDetails: `(unitPrice or incomeAccountId) ? $compact({
      "UnitPrice": unitPrice ? $wire(unitPrice), "AccountID": incomeAccountId
    })`,
    PurchaseDetails: `(purchaseCost or expenseAccountId) ? $compact({
      "UnitPrice": purchaseCost ? $wire(purchaseCost), "AccountID": expenseAccountId
    })`,
  },
};
