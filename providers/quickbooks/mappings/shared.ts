/**
 * JSONata fragments shared by the QuickBooks mappings. `$$` is the record being mapped, so these work
 * inside nested line expressions too.
 */

/** The record's currency; QuickBooks omits CurrencyRef only for single-currency US companies. */
export const CURRENCY = `($$.CurrencyRef.value ? $$.CurrencyRef.value : 'USD')`;

/** An amount field as an exact decimal string at the record's currency scale. */
export function money(field: string): string {
  return `$decimal(${field}, ${CURRENCY})`;
}

/** Fields every QuickBooks entity maps the same way. */
export const RECORD_METADATA = {
  id: 'Id',
  version: 'SyncToken',
  createdAt: 'MetaData.CreateTime',
  updatedAt: 'MetaData.LastUpdatedTime',
  customFields: `CustomField ? $merge(CustomField[Name].{ Name: StringValue ? StringValue : NumberValue ? NumberValue : BooleanValue ? BooleanValue : DateValue ? DateValue : null })`,
} as const;

/** QuickBooks marks a voided transaction by zeroing it and prefixing its private note with "Voided". */
export const IS_VOIDED = `$substring($string(PrivateNote), 0, 6) = 'Voided'`;

/** A reference object when the draft has the id, otherwise nothing (so sparse updates omit it). */
export function reference(field: string): string {
  return `${field} ? { "value": ${field} }`;
}

/** A unified address to a QuickBooks PhysicalAddress. */
export function addressOut(field: string): string {
  return `${field} ? $compact({ "Line1": ${field}.line1, "Line2": ${field}.line2, "City": ${field}.city, "CountrySubDivisionCode": ${field}.region, "PostalCode": ${field}.postalCode, "Country": ${field}.country })`;
}

/** A QuickBooks PhysicalAddress to a unified address. */
export function addressIn(field: string): string {
  return `${field} ? $compact({ "line1": ${field}.Line1, "line2": ${field}.Line2, "city": ${field}.City, "region": ${field}.CountrySubDivisionCode, "postalCode": ${field}.PostalCode, "country": ${field}.Country })`;
}
