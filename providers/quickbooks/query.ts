import type { ListFilter } from '../../src/engine/definition.js';

/** Escapes a string literal for the QuickBooks query language (backslash before quotes and backslashes). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** How one resource's filters become QuickBooks query conditions. */
export interface QueryFilterSupport {
  /** Field holding the contact reference (`CustomerRef`, `VendorRef`). */
  readonly contactField?: string | undefined;
  /** Field holding the open amount, for `status: open | paid`. */
  readonly balanceField?: string | undefined;
  /** Field holding the record's name, for `nameStartsWith`. */
  readonly nameField?: string | undefined;
  /** The record has an `Active` flag. */
  readonly hasActive?: boolean | undefined;
}

/**
 * Builds `SELECT * FROM Entity WHERE … ORDERBY Id STARTPOSITION n MAXRESULTS m`. The text goes in a POST
 * body, never a URL, because a name filter can carry PHI. Ordering by Id keeps pages stable while records
 * are added.
 */
export function buildQuery(
  entity: string,
  filter: ListFilter,
  support: QueryFilterSupport,
  startPosition: number,
  maxResults: number,
): string {
  const conditions: string[] = [];
  if (filter.updatedSince !== undefined) {
    conditions.push(`MetaData.LastUpdatedTime >= ${quoteLiteral(filter.updatedSince)}`);
  }
  if (filter.contactId !== undefined && support.contactField) {
    conditions.push(`${support.contactField} = ${quoteLiteral(filter.contactId)}`);
  }
  if (filter.status === 'open' && support.balanceField) conditions.push(`${support.balanceField} > '0'`);
  if ((filter.status === 'paid' || filter.status === 'void') && support.balanceField) {
    conditions.push(`${support.balanceField} = '0'`);
  }
  if (filter.nameStartsWith !== undefined && support.nameField) {
    const escaped = filter.nameStartsWith.replaceAll('%', '');
    conditions.push(`${support.nameField} LIKE ${quoteLiteral(`${escaped}%`)}`);
  }
  if (filter.active !== undefined && support.hasActive) conditions.push(`Active = ${filter.active}`);
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT * FROM ${entity}${where} ORDERBY Id STARTPOSITION ${startPosition} MAXRESULTS ${maxResults}`;
}
