export { Address, CustomFields, CustomFieldValue, RecordId } from './common.js';
export { CurrencyCode, currencyScale, isCurrencyCode } from './currencies.js';
export {
  AccountingDate,
  addDays,
  compareDates,
  isAccountingDate,
  Timestamp,
  toAccountingDate,
} from './dates.js';
export * from './drafts.js';
export * from './entities/index.js';
export * as money from './money.js';
export { Amount, DecimalString } from './money.js';
export { ARRAY_ELEMENT, type PhiMarking, phiPaths, phiRegistry } from './phi.js';
export {
  type EntityOf,
  isResourceName,
  RESOURCE_NAMES,
  RESOURCE_SCHEMAS,
  type ResourceName,
} from './resources.js';
