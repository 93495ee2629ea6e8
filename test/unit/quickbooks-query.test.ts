import { describe, expect, it } from 'vitest';
import { buildQuery, quoteLiteral } from '../../providers/quickbooks/query.js';
import { parseQuery } from '../../providers/quickbooks/simulator/query-language.js';

describe('QuickBooks query building', () => {
  it('escapes quotes and backslashes in literals', () => {
    expect(quoteLiteral("O'Brien \\ Sons")).toBe("'O\\'Brien \\\\ Sons'");
  });

  it('builds every supported filter into one paged query the parser reads back', () => {
    const text = buildQuery(
      'Invoice',
      { updatedSince: '2026-01-01T00:00:00Z', contactId: '58', status: 'open' },
      { contactField: 'CustomerRef', balanceField: 'Balance' },
      1001,
      1000,
    );
    expect(text).toBe(
      "SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2026-01-01T00:00:00Z' AND CustomerRef = '58' AND Balance > '0' ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000",
    );
    const parsed = parseQuery(text);
    expect(parsed.where).toHaveLength(3);
    expect(parsed.startPosition).toBe(1001);
  });

  it('turns a name prefix into LIKE without letting callers inject wildcards or quotes', () => {
    const text = buildQuery(
      'Customer',
      { nameStartsWith: "Ann%' OR Id > '0" },
      { nameField: 'DisplayName' },
      1,
      10,
    );
    const parsed = parseQuery(text);
    expect(parsed.where).toEqual([{ field: 'DisplayName', operator: 'LIKE', pattern: "Ann' OR Id > '0%" }]);
  });
});
