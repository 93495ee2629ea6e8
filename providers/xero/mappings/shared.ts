/**
 * JSONata fragments shared by the Xero mappings. `$$` is the record being mapped, so these work inside
 * nested line expressions too. Xero sends empty strings for unset text fields (an address's `City: ""`),
 * which the mappings treat as absent.
 */

/** Settings the mappings are built from. */
export interface XeroMappingContext {
  /**
   * The organisation's base currency: the currency of records that do not name one (manual journals,
   * contact balances, records from organisations that omit `CurrencyCode`).
   */
  readonly baseCurrency: string;
}

/** The record's currency, or the organisation's base currency when it names none. */
export function currency(context: XeroMappingContext): string {
  return `($$.CurrencyCode ? $$.CurrencyCode : '${context.baseCurrency}')`;
}

/** An amount field as an exact decimal string at the record's currency scale. */
export function money(field: string, context: XeroMappingContext): string {
  return `$decimal(${field}, ${currency(context)})`;
}

/** A text field, left out when Xero sends it empty. */
export function text(field: string): string {
  return `(${field} != '' ? ${field})`;
}

/** `id` and `updatedAt`, which every Xero record carries the same way. */
export function recordMetadata(idField: string): Record<string, string> {
  return { id: idField, updatedAt: '$msTimestamp(UpdatedDateUTC)' };
}

/** A Xero address (`AddressLine1`, `City`, …) as a unified address; undefined when every part is empty. */
export function addressIn(expression: string): string {
  return `($a := ${expression}; $a ? $compact({
    "line1": $a.AddressLine1 != '' ? $a.AddressLine1,
    "line2": $a.AddressLine2 != '' ? $a.AddressLine2,
    "city": $a.City != '' ? $a.City,
    "region": $a.Region != '' ? $a.Region,
    "postalCode": $a.PostalCode != '' ? $a.PostalCode,
    "country": $a.Country != '' ? $a.Country
  }))`;
}

/** A Xero phone (country, area and number parts) as one text, or undefined when empty. */
export function phoneIn(expression: string): string {
  return `($p := ${expression}; $t := $join([$p.PhoneCountryCode, $p.PhoneAreaCode, $p.PhoneNumber][$ != ''], ' '); $t != '' ? $t)`;
}

/** Document status (invoices, bills, credit notes) to the unified four. */
export const DOCUMENT_STATUS = `$lookup({
  "DRAFT": "draft", "SUBMITTED": "draft", "AUTHORISED": "open", "PAID": "paid", "VOIDED": "void", "DELETED": "void"
}, Status)`;

/**
 * Xero line items (invoices, bills, credit notes) to unified lines. `itemId` is the item's ItemID, which
 * Xero returns as `Item.ItemID`; `accountId` is the line's `AccountID` (an `AccountCode` alone is a code,
 * not an id, and is not mapped).
 */
export function documentLinesIn(context: XeroMappingContext): string {
  return `[LineItems.{
    "id": LineItemID,
    "description": Description != '' ? Description,
    "itemId": Item.ItemID,
    "accountId": AccountID,
    "quantity": $quantity(Quantity),
    "unitPrice": $quantity(UnitAmount),
    "amount": $decimal($exists(LineAmount) ? LineAmount : 0, ${currency(context)}),
    "taxRateId": TaxType != '' ? TaxType
  }]`;
}

/**
 * Unified lines to Xero line items. Without quantity and unit price a line is one unit at its amount; with
 * one of them Xero derives the other from `LineAmount`. Items go as `Item.ItemID`, which the write's resolve
 * step turns into the `ItemCode` Xero reads.
 */
export const DOCUMENT_LINES_OUT = `lines ? [lines.$compact({
  "Description": description,
  "Quantity": quantity ? $wire(quantity) : (unitPrice ? null : 1),
  "UnitAmount": unitPrice ? $wire(unitPrice) : (quantity ? null : $wire(amount)),
  "LineAmount": $wire(amount),
  "AccountID": accountId,
  "Item": itemId ? { "ItemID": itemId },
  "TaxType": taxRateId
})]`;
