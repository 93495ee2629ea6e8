import { RECORD_METADATA, reference } from './shared.js';

const TYPE_IN = `{ "Service": "service", "Inventory": "inventory", "NonInventory": "non_inventory" }`;
const TYPE_OUT = `{ "service": "Service", "inventory": "Inventory", "non_inventory": "NonInventory" }`;

/** QuickBooks Item ↔ unified Item. Prices have no currency on an item, so they stay unscaled. */
export const itemMapping = {
  response: {
    ...RECORD_METADATA,
    name: 'Name',
    sku: 'Sku',
    description: 'Description',
    type: `($type := $lookup(${TYPE_IN}, Type); $type ? $type : 'other')`,
    unitPrice: '$quantity(UnitPrice)',
    purchaseCost: '$quantity(PurchaseCost)',
    incomeAccountId: 'IncomeAccountRef.value',
    expenseAccountId: 'ExpenseAccountRef.value',
    taxable: 'Taxable',
    active: 'Active = false ? false : true',
  },
  request: {
    Name: 'name',
    Sku: 'sku',
    Description: 'description',
    Type: `type ? $lookup(${TYPE_OUT}, type)`,
    UnitPrice: 'unitPrice ? $wire(unitPrice)',
    PurchaseCost: 'purchaseCost ? $wire(purchaseCost)',
    IncomeAccountRef: reference('incomeAccountId'),
    ExpenseAccountRef: reference('expenseAccountId'),
    Active: 'active',
  },
} as const;
