import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ParsedQuery,
  parseQuery,
  QueryLanguageError,
  runQuery,
} from '../../providers/quickbooks/simulator/query-language.js';

const CANARY = 'CANARY-PATIENT-NAME';

type Row = Record<string, unknown>;

function ids(rows: readonly Row[]): unknown[] {
  return rows.map((row) => row.Id);
}

function run(text: string, records: readonly Row[]) {
  return runQuery(parseQuery(text), records);
}

function thrown(text: string): QueryLanguageError {
  try {
    parseQuery(text);
  } catch (error) {
    if (error instanceof QueryLanguageError) return error;
    throw error;
  }
  throw new Error('expected parseQuery to throw');
}

describe('parseQuery', () => {
  const cases: { name: string; text: string; expected: Partial<ParsedQuery> }[] = [
    {
      name: 'defaults',
      text: 'SELECT * FROM Invoice',
      expected: { entity: 'Invoice', select: '*', where: [], orderBy: [], startPosition: 1, maxResults: 100 },
    },
    {
      name: 'lower-case keywords, entity kept as written',
      text: 'select * from invoice',
      expected: { entity: 'invoice', select: '*' },
    },
    { name: 'COUNT(*)', text: 'SELECT COUNT(*) FROM Customer', expected: { select: 'count' } },
    {
      name: 'count ( * ) spaced, mixed case',
      text: 'select Count ( * ) from Customer',
      expected: { select: 'count' },
    },
    {
      name: 'field list with dotted path',
      text: 'SELECT Id, DisplayName, MetaData.LastUpdatedTime FROM Customer',
      expected: { select: ['Id', 'DisplayName', 'MetaData.LastUpdatedTime'] },
    },
    {
      name: 'every comparison operator',
      text: "SELECT * FROM Invoice WHERE A = 'a' AND B < 1 AND C > 2 AND D <= 3 AND E >= 4 AND F != 'f'",
      expected: {
        where: [
          { field: 'A', operator: '=', value: 'a' },
          { field: 'B', operator: '<', value: 1 },
          { field: 'C', operator: '>', value: 2 },
          { field: 'D', operator: '<=', value: 3 },
          { field: 'E', operator: '>=', value: 4 },
          { field: 'F', operator: '!=', value: 'f' },
        ],
      },
    },
    {
      name: 'operators without surrounding spaces',
      text: "SELECT * FROM Invoice WHERE Balance>='0' AND TotalAmt<-1.5",
      expected: {
        where: [
          { field: 'Balance', operator: '>=', value: '0' },
          { field: 'TotalAmt', operator: '<', value: -1.5 },
        ],
      },
    },
    {
      name: 'booleans bare and quoted',
      text: "SELECT * FROM Customer WHERE Active = true AND Taxable = FALSE AND Job = 'true'",
      expected: {
        where: [
          { field: 'Active', operator: '=', value: true },
          { field: 'Taxable', operator: '=', value: false },
          { field: 'Job', operator: '=', value: 'true' },
        ],
      },
    },
    {
      name: 'escaped quotes and backslashes',
      text: String.raw`SELECT * FROM Customer WHERE DisplayName = 'O\'Brien \\ Sons'`,
      expected: { where: [{ field: 'DisplayName', operator: '=', value: "O'Brien \\ Sons" }] },
    },
    {
      name: 'IN list of mixed literals',
      text: "SELECT * FROM Invoice WHERE Id IN ('1', '2',3) and CustomerRef in ('10')",
      expected: {
        where: [
          { field: 'Id', operator: 'IN', values: ['1', '2', 3] },
          { field: 'CustomerRef', operator: 'IN', values: ['10'] },
        ],
      },
    },
    {
      name: 'LIKE',
      text: "SELECT * FROM Customer WHERE DisplayName like '%Smith%'",
      expected: { where: [{ field: 'DisplayName', operator: 'LIKE', pattern: '%Smith%' }] },
    },
    {
      name: 'dotted where field',
      text: "SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2026-01-01T00:00:00-08:00'",
      expected: {
        where: [{ field: 'MetaData.LastUpdatedTime', operator: '>', value: '2026-01-01T00:00:00-08:00' }],
      },
    },
    {
      name: 'ORDERBY one word, default ASC',
      text: 'SELECT * FROM Invoice ORDERBY TxnDate',
      expected: { orderBy: [{ field: 'TxnDate', direction: 'ASC' }] },
    },
    {
      name: 'ORDER BY two words, multiple terms',
      text: 'SELECT * FROM Invoice ORDER BY TxnDate DESC, DocNumber asc, Id',
      expected: {
        orderBy: [
          { field: 'TxnDate', direction: 'DESC' },
          { field: 'DocNumber', direction: 'ASC' },
          { field: 'Id', direction: 'ASC' },
        ],
      },
    },
    {
      name: 'lower-case orderby',
      text: 'select * from Invoice orderby MetaData.CreateTime desc',
      expected: { orderBy: [{ field: 'MetaData.CreateTime', direction: 'DESC' }] },
    },
    {
      name: 'paging',
      text: 'SELECT * FROM Invoice STARTPOSITION 11 MAXRESULTS 10',
      expected: { startPosition: 11, maxResults: 10 },
    },
    {
      name: 'MAXRESULTS alone, at the limit',
      text: 'SELECT * FROM Invoice maxresults 1000',
      expected: { startPosition: 1, maxResults: 1000 },
    },
    {
      name: 'every clause together across newlines',
      text: "SELECT Id, Balance\nFROM Invoice\nWHERE Balance > '0'\nORDERBY Balance DESC\nSTARTPOSITION 2\nMAXRESULTS 5",
      expected: {
        entity: 'Invoice',
        select: ['Id', 'Balance'],
        where: [{ field: 'Balance', operator: '>', value: '0' }],
        orderBy: [{ field: 'Balance', direction: 'DESC' }],
        startPosition: 2,
        maxResults: 5,
      },
    },
  ];

  it.each(cases)('$name', ({ text, expected }) => {
    expect(parseQuery(text)).toMatchObject(expected);
  });
});

describe('parseQuery errors', () => {
  const cases: { name: string; text: string; message: RegExp }[] = [
    { name: 'empty text', text: '', message: /expected SELECT but found end of query at position 1/ },
    {
      name: 'missing SELECT',
      text: `FROM Customer WHERE DisplayName = '${CANARY}'`,
      message: /expected SELECT but found keyword FROM at position 1/,
    },
    {
      name: 'missing FROM',
      text: `SELECT * Customer WHERE DisplayName = '${CANARY}'`,
      message: /expected FROM but found identifier at position 10/,
    },
    {
      name: 'missing entity',
      text: `SELECT * FROM WHERE DisplayName = '${CANARY}'`,
      message: /expected entity name but found keyword WHERE/,
    },
    {
      name: 'dotted entity',
      text: `SELECT * FROM Customer.Name WHERE DisplayName = '${CANARY}'`,
      message: /expected entity name but found identifier/,
    },
    {
      name: 'empty select list',
      text: `SELECT FROM Customer WHERE DisplayName = '${CANARY}'`,
      message: /expected field name but found keyword FROM at position 8/,
    },
    {
      name: 'trailing comma in select list',
      text: `SELECT Id, FROM Customer WHERE DisplayName = '${CANARY}'`,
      message: /expected field name but found keyword FROM/,
    },
    {
      name: 'COUNT without star',
      text: `SELECT COUNT(Id) FROM Customer WHERE DisplayName = '${CANARY}'`,
      message: /expected '\*' but found identifier at position 14/,
    },
    {
      name: 'unterminated string literal',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}`,
      message: /unterminated string literal starting at position 44/,
    },
    {
      name: 'string ending in an escaped quote is unterminated',
      text: String.raw`SELECT * FROM Customer WHERE DisplayName = '${CANARY}\'`,
      message: /unterminated string literal/,
    },
    {
      name: 'string ending in a lone backslash is unterminated',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}\\`,
      message: /unterminated string literal/,
    },
    {
      name: 'double-quoted literal',
      text: `SELECT * FROM Customer WHERE DisplayName = "${CANARY}"`,
      message: /unexpected character at position 44/,
    },
    {
      name: 'unknown character',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' ; DROP`,
      message: /unexpected character at position 66/,
    },
    {
      name: 'unquoted identifier as a value',
      text: `SELECT * FROM Customer WHERE DisplayName = ${CANARY.replaceAll('-', '_')}`,
      message: /expected value but found identifier/,
    },
    {
      name: 'hyphenated unquoted value fails at the value, before the stray hyphen',
      text: `SELECT * FROM Customer WHERE DisplayName = ${CANARY}`,
      message: /expected value but found identifier at position 44/,
    },
    {
      name: 'the earliest error wins over a later lexical error',
      text: `SELECT * Customer WHERE DisplayName = "${CANARY}"`,
      message: /expected FROM but found identifier at position 10/,
    },
    {
      name: 'string literal as a field',
      text: `SELECT * FROM Customer WHERE '${CANARY}' = DisplayName`,
      message: /expected field name but found string literal at position 30/,
    },
    {
      name: 'missing operator',
      text: `SELECT * FROM Customer WHERE DisplayName '${CANARY}'`,
      message: /expected comparison operator, IN or LIKE but found string literal/,
    },
    {
      name: 'OR is not supported',
      text: `SELECT * FROM Customer WHERE Id = '1' OR DisplayName = '${CANARY}'`,
      message: /expected end of query but found keyword OR/,
    },
    {
      name: 'empty IN list',
      text: `SELECT * FROM Customer WHERE Id IN () AND DisplayName = '${CANARY}'`,
      message: /expected value but found '\)'/,
    },
    {
      name: 'IN without parentheses',
      text: `SELECT * FROM Customer WHERE DisplayName IN '${CANARY}'`,
      message: /expected '\(' but found string literal/,
    },
    {
      name: 'unclosed IN list',
      text: `SELECT * FROM Customer WHERE DisplayName IN ('${CANARY}'`,
      message: /expected '\)' but found end of query/,
    },
    {
      name: 'LIKE with a number',
      text: `SELECT * FROM Customer WHERE Balance LIKE 10 AND DisplayName = '${CANARY}'`,
      message: /expected string pattern after LIKE but found number/,
    },
    {
      name: 'ORDER without BY',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' ORDER DisplayName`,
      message: /expected BY but found identifier/,
    },
    {
      name: 'WHERE after ORDERBY',
      text: `SELECT * FROM Customer ORDERBY Id WHERE DisplayName = '${CANARY}'`,
      message: /expected end of query but found keyword WHERE/,
    },
    {
      name: 'MAXRESULTS before STARTPOSITION',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' MAXRESULTS 10 STARTPOSITION 1`,
      message: /expected end of query but found keyword STARTPOSITION/,
    },
    {
      name: 'MAXRESULTS above 1000',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' MAXRESULTS 1001`,
      message: /MAXRESULTS must be between 1 and 1000/,
    },
    {
      name: 'MAXRESULTS zero',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' MAXRESULTS 0`,
      message: /MAXRESULTS must be between 1 and 1000/,
    },
    {
      name: 'STARTPOSITION zero',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' STARTPOSITION 0`,
      message: /STARTPOSITION must be at least 1/,
    },
    {
      name: 'STARTPOSITION negative',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' STARTPOSITION -5`,
      message: /STARTPOSITION must be at least 1/,
    },
    {
      name: 'STARTPOSITION fractional',
      text: `SELECT * FROM Customer WHERE DisplayName = '${CANARY}' STARTPOSITION 1.5`,
      message: /expected whole number after STARTPOSITION but found number/,
    },
    {
      name: 'MAXRESULTS quoted',
      text: `SELECT * FROM Customer MAXRESULTS '${CANARY}'`,
      message: /expected whole number after MAXRESULTS but found string literal/,
    },
    {
      name: 'trailing literal',
      text: `SELECT * FROM Customer '${CANARY}'`,
      message: /expected end of query but found string literal at position 24/,
    },
  ];

  it.each(cases)('$name', ({ text, message }) => {
    const error = thrown(text);
    expect(error).toBeInstanceOf(QueryLanguageError);
    expect(error.name).toBe('QueryLanguageError');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('CANARY');
    expect(error.position).toBeGreaterThanOrEqual(1);
  });

  it('never echoes string literal content, whatever it holds', () => {
    const secret = fc.string({ minLength: 1, unit: 'binary' }).map((body) => `${CANARY}${body}`);
    fc.assert(
      fc.property(secret, fc.constantFrom("'", '"', ''), (value, closer) => {
        const literal = `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}${closer}`;
        const error = thrown(`SELECT * FROM Customer WHERE DisplayName = ${literal} MAXRESULTS 5000`);
        expect(error.message).not.toContain(CANARY);
      }),
    );
  });
});

describe('runQuery comparisons', () => {
  const invoices: Row[] = [
    {
      Id: '1',
      DocNumber: '1001',
      TxnDate: '2026-01-15',
      Balance: '9',
      CustomerRef: { value: '10', name: 'Alice Smith' },
      MetaData: { LastUpdatedTime: '2026-01-15T10:00:00-08:00' },
      Active: true,
    },
    {
      Id: '2',
      DocNumber: '1001A',
      TxnDate: '2025-12-31',
      Balance: '10',
      CustomerRef: { value: '12', name: 'Bob Jones' },
      MetaData: { LastUpdatedTime: '2026-01-15T17:30:00Z' },
      Active: false,
    },
    {
      Id: '3',
      DocNumber: '999',
      TxnDate: '2026-01-01',
      Balance: 100,
      CustomerRef: { value: '10', name: 'Alice Smith' },
      MetaData: { LastUpdatedTime: '2026-01-16T01:00:00+09:00' },
      Active: 'true',
    },
    { Id: '4', DocNumber: 'abc', Notes: null },
  ];

  const cases: { name: string; text: string; expected: string[] }[] = [
    { name: 'numeric strings compare numerically', text: "WHERE Balance > '50'", expected: ['3'] },
    { name: 'quoted number vs number field', text: "WHERE Balance >= '10'", expected: ['2', '3'] },
    { name: 'bare number literal', text: 'WHERE Balance < 10', expected: ['1'] },
    { name: 'numeric equality ignores formatting', text: "WHERE Balance = '100.00'", expected: ['3'] },
    { name: 'non-numeric strings compare as text', text: "WHERE DocNumber > '1001'", expected: ['2', '4'] },
    { name: 'numeric Id order', text: "WHERE Id > '2'", expected: ['3', '4'] },
    { name: 'date-only >=', text: "WHERE TxnDate >= '2026-01-01'", expected: ['1', '3'] },
    { name: 'date-only <', text: "WHERE TxnDate < '2026-01-01'", expected: ['2'] },
    {
      name: 'date-only is midnight UTC against an offset datetime',
      text: "WHERE TxnDate = '2025-12-31T23:00:00-01:00'",
      expected: ['3'],
    },
    {
      // 10:00-08:00 is 18:00Z, 17:30Z is earlier, 01:00+09:00 on the 16th is 16:00Z on the 15th.
      name: 'datetime offsets are instants, not text',
      text: "WHERE MetaData.LastUpdatedTime > '2026-01-15T17:00:00Z'",
      expected: ['1', '2'],
    },
    {
      name: 'same instant in another offset is equal',
      text: "WHERE MetaData.LastUpdatedTime = '2026-01-15T19:00:00+01:00'",
      expected: ['1'],
    },
    {
      name: 'offset-less datetime literal is UTC',
      text: "WHERE MetaData.LastUpdatedTime < '2026-01-15T16:30:00'",
      expected: ['3'],
    },
    {
      name: 'case-insensitive field path',
      text: "WHERE metadata.LASTUPDATEDTIME >= '2026-01-15'",
      expected: ['1', '2', '3'],
    },
    {
      name: 'string = is case-insensitive',
      text: "WHERE CustomerRef.name = 'alice SMITH'",
      expected: ['1', '3'],
    },
    { name: 'ReferenceType compares by value', text: "WHERE CustomerRef = '10'", expected: ['1', '3'] },
    { name: 'ReferenceType != by value', text: "WHERE CustomerRef != '10'", expected: ['2', '4'] },
    { name: 'ReferenceType IN', text: "WHERE CustomerRef IN ('12', '99')", expected: ['2'] },
    { name: 'IN on ids with numbers', text: "WHERE Id IN (1, '3')", expected: ['1', '3'] },
    { name: 'boolean bare true', text: 'WHERE Active = true', expected: ['1', '3'] },
    { name: 'boolean quoted true', text: "WHERE Active = 'true'", expected: ['1', '3'] },
    { name: 'boolean false', text: 'WHERE Active = false', expected: ['2'] },
    { name: 'boolean != keeps missing', text: 'WHERE Active != true', expected: ['2', '4'] },
    { name: 'LIKE suffix', text: "WHERE CustomerRef.name LIKE '%smith'", expected: ['1', '3'] },
    { name: 'LIKE prefix', text: "WHERE CustomerRef.name LIKE 'BOB%'", expected: ['2'] },
    { name: 'LIKE infix', text: "WHERE CustomerRef.name LIKE '%o%'", expected: ['2'] },
    { name: 'LIKE several wildcards', text: "WHERE CustomerRef.name LIKE 'a%i%h'", expected: ['1', '3'] },
    { name: 'LIKE is anchored', text: "WHERE CustomerRef.name LIKE '%lic'", expected: [] },
    { name: 'LIKE without wildcard is equality', text: "WHERE DocNumber LIKE '1001a'", expected: ['2'] },
    {
      name: 'LIKE % alone matches present values',
      text: "WHERE DocNumber LIKE '%'",
      expected: ['1', '2', '3', '4'],
    },
    { name: 'missing field fails >', text: "WHERE Balance > '0'", expected: ['1', '2', '3'] },
    { name: 'missing field fails =', text: "WHERE Notes = ''", expected: [] },
    {
      name: 'missing field fails IN',
      text: "WHERE Balance IN ('9', '10', '100')",
      expected: ['1', '2', '3'],
    },
    { name: 'missing field fails LIKE', text: "WHERE TxnDate LIKE '%'", expected: ['1', '2', '3'] },
    { name: 'missing field passes !=', text: "WHERE TxnDate != '2026-01-15'", expected: ['2', '3', '4'] },
    { name: 'object without value is missing', text: "WHERE MetaData = 'x'", expected: [] },
    { name: 'conditions are ANDed', text: "WHERE CustomerRef = '10' AND Balance > 50", expected: ['3'] },
  ];

  it.each(cases)('$name', ({ text, expected }) => {
    expect(ids(run(`SELECT * FROM Invoice ${text}`, invoices).rows)).toEqual(expected);
  });
});

describe('runQuery ordering', () => {
  const records: Row[] = [
    { Id: '1', Name: 'beta', Amount: '10', When: '2026-01-01T00:00:00-05:00' },
    { Id: '2', Name: 'Alpha', Amount: '9', When: '2026-01-01T04:00:00Z' },
    { Id: '3', Name: 'alpha', When: '2026-01-01' },
    { Id: '4', Name: 'gamma', Amount: '10' },
    { Id: '5', Amount: '100', When: '2025-12-31T23:59:59Z' },
  ];

  const cases: { name: string; orderBy: string; expected: string[] }[] = [
    { name: 'no ORDERBY keeps input order', orderBy: '', expected: ['1', '2', '3', '4', '5'] },
    { name: 'numeric strings ascending', orderBy: 'ORDERBY Amount', expected: ['2', '1', '4', '5', '3'] },
    {
      name: 'descending keeps missing last',
      orderBy: 'ORDERBY Amount DESC',
      expected: ['5', '1', '4', '2', '3'],
    },
    {
      name: 'ties keep input order (case-insensitive)',
      orderBy: 'ORDERBY Name',
      expected: ['2', '3', '1', '4', '5'],
    },
    {
      name: 'second key breaks ties',
      orderBy: 'ORDER BY Amount DESC, Name DESC',
      expected: ['5', '4', '1', '2', '3'],
    },
    {
      // 00:00-05:00 is 05:00Z, so it sorts after 04:00Z.
      name: 'dates by instant',
      orderBy: 'ORDERBY When',
      expected: ['5', '3', '2', '1', '4'],
    },
    { name: 'case-insensitive field', orderBy: 'orderby amount asc', expected: ['2', '1', '4', '5', '3'] },
  ];

  it.each(cases)('$name', ({ orderBy, expected }) => {
    expect(ids(run(`SELECT * FROM Thing ${orderBy}`, records).rows)).toEqual(expected);
  });

  it('does not reorder the input array', () => {
    const input = [...records];
    run('SELECT * FROM Thing ORDERBY Amount DESC', input);
    expect(input).toEqual(records);
  });
});

describe('runQuery paging, projection and count', () => {
  const many: Row[] = Array.from({ length: 2500 }, (_, index) => ({
    Id: String(index + 1),
    Balance: index % 2,
    DisplayName: `Customer ${index + 1}`,
  }));

  const pages: { text: string; first?: string; last?: string; count: number }[] = [
    { text: '', first: '1', last: '100', count: 100 },
    { text: 'MAXRESULTS 1000', first: '1', last: '1000', count: 1000 },
    { text: 'STARTPOSITION 1001 MAXRESULTS 1000', first: '1001', last: '2000', count: 1000 },
    { text: 'STARTPOSITION 2001 MAXRESULTS 1000', first: '2001', last: '2500', count: 500 },
    { text: 'STARTPOSITION 2500 MAXRESULTS 10', first: '2500', last: '2500', count: 1 },
    { text: 'STARTPOSITION 2501 MAXRESULTS 10', count: 0 },
    { text: 'STARTPOSITION 999999', count: 0 },
  ];

  it.each(pages)('pages 2,500 records: $text', ({ text, first, last, count }) => {
    const result = run(`SELECT * FROM Customer ${text}`, many);
    expect(result.rows).toHaveLength(count);
    expect(result.maxResults).toBe(count);
    expect(result.totalCount).toBe(2500);
    expect(result.rows[0]?.Id).toBe(first);
    expect(result.rows.at(-1)?.Id).toBe(last);
  });

  it('pages after filtering and sorting', () => {
    const result = run(
      "SELECT * FROM Customer WHERE Balance = '1' ORDERBY Id DESC STARTPOSITION 3 MAXRESULTS 2",
      many,
    );
    expect(ids(result.rows)).toEqual(['2496', '2494']);
    expect(result.startPosition).toBe(3);
    expect(result.totalCount).toBe(1250);
  });

  it('SELECT COUNT(*) reports the filtered count and no rows', () => {
    const result = run("SELECT COUNT(*) FROM Customer WHERE Balance > '0' MAXRESULTS 10", many);
    expect(result).toEqual({ rows: [], startPosition: 1, maxResults: 0, totalCount: 1250 });
  });

  it('projects field lists to Id plus top-level keys, in the record spelling', () => {
    const records: Row[] = [
      { Id: '7', DocNumber: 'A', Balance: 5, MetaData: { CreateTime: 'c', LastUpdatedTime: 'u' }, Other: 1 },
      { Id: '8', Balance: 6 },
    ];
    const result = run('SELECT docnumber, MetaData.CreateTime, Id FROM Invoice', records);
    expect(result.rows).toEqual([
      { Id: '7', DocNumber: 'A', MetaData: { CreateTime: 'c', LastUpdatedTime: 'u' } },
      { Id: '8' },
    ]);
  });

  it('returns the input objects for SELECT *', () => {
    const record: Row = { Id: '1' };
    expect(run('SELECT * FROM Invoice', [record]).rows[0]).toBe(record);
  });
});

describe('properties', () => {
  const recordList = fc
    .array(
      fc.record({
        balance: fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined }),
        name: fc.constantFrom('a', 'B', 'b', 'c', 'Ä'),
        quoted: fc.boolean(),
      }),
      { maxLength: 150 },
    )
    .map((items) =>
      items.map(({ balance, name, quoted }, index): Row => {
        const record: Row = { Id: String(index + 1), Name: name };
        // Half the balances are QBO-style numeric strings, which must still sort numerically.
        if (balance !== undefined) record.Balance = quoted ? String(balance) : balance;
        return record;
      }),
    );

  const BASE = "SELECT * FROM Invoice WHERE Balance >= '-5' ORDERBY Balance DESC, Name";

  /** An independent oracle: filter and sort by hand with Array.prototype.sort's stability. */
  function oracle(records: readonly Row[]): unknown[] {
    return records
      .filter((record) => record.Balance !== undefined && Number(record.Balance) >= -5)
      .sort((a, b) => {
        const byBalance = Number(b.Balance) - Number(a.Balance);
        if (byBalance !== 0) return byBalance;
        const left = String(a.Name).toLowerCase();
        const right = String(b.Name).toLowerCase();
        return left < right ? -1 : left > right ? 1 : 0;
      })
      .map((record) => record.Id);
  }

  it('concatenated pages reproduce the filtered and sorted list exactly once', () => {
    fc.assert(
      fc.property(recordList, fc.integer({ min: 1, max: 40 }), (records, pageSize) => {
        const collected: Row[] = [];
        let totalCount = Number.NaN;
        for (let start = 1; ; start += pageSize) {
          const page = run(`${BASE} STARTPOSITION ${start} MAXRESULTS ${pageSize}`, records);
          totalCount = page.totalCount;
          collected.push(...page.rows);
          if (page.rows.length < pageSize) break;
        }
        expect(ids(collected)).toEqual(oracle(records));
        expect(new Set(collected).size).toBe(collected.length);
        expect(collected).toHaveLength(totalCount);
      }),
    );
  });

  it('any page is the matching slice of the full result', () => {
    fc.assert(
      fc.property(
        recordList,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 1000 }),
        (records, startPosition, maxResults) => {
          const full = oracle(records);
          const page = run(`${BASE} STARTPOSITION ${startPosition} MAXRESULTS ${maxResults}`, records);
          expect(ids(page.rows)).toEqual(full.slice(startPosition - 1, startPosition - 1 + maxResults));
          expect(page.totalCount).toBe(full.length);
        },
      ),
    );
  });

  it('escaped string literals round-trip', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const escaped = value.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
        const parsed = parseQuery(`SELECT * FROM Customer WHERE DisplayName = '${escaped}'`);
        expect(parsed.where).toEqual([{ field: 'DisplayName', operator: '=', value }]);
      }),
    );
  });
});
