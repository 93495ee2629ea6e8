/**
 * The subset of the QuickBooks Online query language that the QuickBooks simulator understands.
 *
 * QBO receives queries such as `SELECT * FROM Invoice WHERE TxnDate >= '2026-01-01' ORDERBY TxnDate DESC
 * STARTPOSITION 1 MAXRESULTS 100` as the text body of `POST /v3/company/{realmId}/query`. This module parses
 * that text ({@link parseQuery}) and evaluates it over in-memory records ({@link runQuery}). It is pure: no
 * I/O and no dependencies.
 *
 * Error messages name token kinds and 1-based character positions only. They never echo string literals,
 * numbers or non-keyword identifiers, because query values in a healthcare ledger may be patient names.
 */

/** A literal value on the right-hand side of a condition. */
export type QueryValue = string | number | boolean;

/** The comparison operators QBO supports. */
export type ComparisonOperator = '=' | '<' | '>' | '<=' | '>=' | '!=';

/** One WHERE condition. Conditions in a query are ANDed: QBO has no OR. */
export type QueryCondition =
  | { field: string; operator: ComparisonOperator; value: QueryValue }
  | { field: string; operator: 'IN'; values: QueryValue[] }
  | { field: string; operator: 'LIKE'; pattern: string };

/** One ORDERBY term. */
export interface OrderByTerm {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A parsed query. Field and entity names are kept as written; matching them is case-insensitive. */
export interface ParsedQuery {
  /** The entity as written, e.g. `Invoice`. QBO entity names are case-insensitive; callers normalise. */
  entity: string;
  /** `'*'` for `SELECT *`, `'count'` for `SELECT COUNT(*)`, otherwise the selected field paths. */
  select: '*' | 'count' | string[];
  /** Conditions, all of which must hold. */
  where: QueryCondition[];
  /** Sort terms, most significant first. Empty keeps input order. */
  orderBy: OrderByTerm[];
  /** 1-based index of the first row to return. Defaults to 1. */
  startPosition: number;
  /** Page size, 1 to {@link MAX_MAX_RESULTS}. Defaults to {@link DEFAULT_MAX_RESULTS}. */
  maxResults: number;
}

/** The outcome of {@link runQuery}, shaped like QBO's `QueryResponse` paging fields. */
export interface QueryResult {
  /** The page of rows. Empty for `SELECT COUNT(*)`. For `SELECT *` these are the input objects, not copies. */
  rows: Record<string, unknown>[];
  /** The query's 1-based start position. */
  startPosition: number;
  /** The number of rows returned, as in QBO's `QueryResponse.maxResults` (not the requested page size). */
  maxResults: number;
  /** The number of records matching WHERE, before paging; QBO reports it for `SELECT COUNT(*)`. */
  totalCount: number;
}

/** QBO's page size when MAXRESULTS is omitted. */
export const DEFAULT_MAX_RESULTS = 100;

/** QBO's largest accepted MAXRESULTS. */
export const MAX_MAX_RESULTS = 1000;

/**
 * A query that is not valid in the supported QBO subset. The message is safe to show or log: it names the
 * token kind and position, never the content of a literal.
 */
export class QueryLanguageError extends Error {
  override readonly name = 'QueryLanguageError';
  /** 1-based character offset into the query text where the problem was found. */
  readonly position: number;

  constructor(problem: string, position: number) {
    super(`${problem} at position ${position}`);
    this.position = position;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

type TokenKind = 'identifier' | 'string' | 'number' | 'symbol' | 'end';

interface Token {
  kind: TokenKind;
  /** Identifier or symbol text, the unescaped string value, or the number's digits. */
  text: string;
  /** 1-based offset of the token's first character. */
  position: number;
  /** 0-based offset just past the token. */
  end: number;
}

// Two-character operators come first so `<=` is not read as `<` then `=`.
const SYMBOLS = ['<=', '>=', '!=', '=', '<', '>', '(', ')', ',', '*'] as const;
const NUMBER_PATTERN = /-?\d+(?:\.\d+)?/y;
const IDENTIFIER_PATTERN = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const WHITESPACE = /\s/;

/** Words the parser reports by name in errors; everything else is described only by its kind. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'ORDERBY',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'STARTPOSITION',
  'MAXRESULTS',
  'COUNT',
  'TRUE',
  'FALSE',
]);

/** Keywords that cannot be field or entity names, so `SELECT FROM x` fails at FROM rather than later. */
const RESERVED: ReadonlySet<string> = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'IN',
  'LIKE',
  'ORDERBY',
  'STARTPOSITION',
  'MAXRESULTS',
]);

/**
 * Reads the token starting at or after `index`, skipping whitespace. Tokens are read on demand, so the error
 * reported is always the first one in the text, whether lexical or syntactic.
 */
function nextToken(text: string, index: number): Token {
  let start = index;
  while (start < text.length && WHITESPACE.test(text[start]!)) start += 1;
  if (start >= text.length) return { kind: 'end', text: '', position: text.length + 1, end: text.length };
  return readToken(text, start);
}

function readToken(text: string, start: number): Token {
  if (text[start] === "'") return readString(text, start);
  const number = matchAt(NUMBER_PATTERN, text, start);
  if (number !== undefined) {
    return { kind: 'number', text: number, position: start + 1, end: start + number.length };
  }
  const identifier = matchAt(IDENTIFIER_PATTERN, text, start);
  if (identifier !== undefined) {
    return { kind: 'identifier', text: identifier, position: start + 1, end: start + identifier.length };
  }
  const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, start));
  if (symbol !== undefined) {
    return { kind: 'symbol', text: symbol, position: start + 1, end: start + symbol.length };
  }
  // The character itself is not echoed: a stray double-quoted value would otherwise leak into the message.
  throw new QueryLanguageError('unexpected character', start + 1);
}

function matchAt(pattern: RegExp, text: string, start: number): string | undefined {
  pattern.lastIndex = start;
  return pattern.exec(text)?.[0];
}

/** Reads a single-quoted literal. QBO escapes with a backslash, so `\x` always stands for `x`. */
function readString(text: string, start: number): Token {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "'") return { kind: 'string', text: value, position: start + 1, end: index + 1 };
    if (char === '\\') {
      const escaped = text[index + 1];
      if (escaped === undefined) break;
      value += escaped;
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }
  throw new QueryLanguageError('unterminated string literal starting', start + 1);
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'identifier': {
      const upper = token.text.toUpperCase();
      return KEYWORDS.has(upper) ? `keyword ${upper}` : 'identifier';
    }
    case 'string':
      return 'string literal';
    case 'number':
      return 'number';
    case 'symbol':
      return `'${token.text}'`;
    case 'end':
      return 'end of query';
  }
}

function unexpected(token: Token, expected: string): QueryLanguageError {
  return new QueryLanguageError(`expected ${expected} but found ${describeToken(token)}`, token.position);
}

// ---------------------------------------------------------------------------------------------------------
// Parser

/** A lazily-filled token stream with lookahead; the 'end' token repeats for any read past the text. */
class Cursor {
  private readonly text: string;
  private readonly lookahead: Token[] = [];
  /** Offset just past the last consumed token, where the next unread token begins. */
  private consumed = 0;

  constructor(text: string) {
    this.text = text;
  }

  peek(offset = 0): Token {
    while (this.lookahead.length <= offset) {
      const last = this.lookahead.at(-1);
      if (last?.kind === 'end') return last;
      this.lookahead.push(nextToken(this.text, last?.end ?? this.consumed));
    }
    return this.lookahead[offset]!;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.advance();
    return token;
  }

  private advance(): void {
    const token = this.lookahead.shift();
    if (token !== undefined) this.consumed = token.end;
  }

  isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'identifier' && token.text.toUpperCase() === word;
  }

  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.advance();
    return true;
  }

  expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw unexpected(this.peek(), word);
  }

  acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.text !== symbol) return false;
    this.advance();
    return true;
  }

  expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) throw unexpected(this.peek(), `'${symbol}'`);
  }
}

/**
 * Parses QBO query text.
 *
 * Grammar: `SELECT (* | COUNT(*) | field, …) FROM Entity [WHERE cond AND …] [ORDERBY field [ASC|DESC], …]
 * [STARTPOSITION n] [MAXRESULTS n]`, clauses in that order, keywords case-insensitive, `ORDER BY` accepted
 * for `ORDERBY`. A condition is `field op value`, `field IN (value, …)` or `field LIKE 'pattern'`.
 *
 * @throws {QueryLanguageError} when the text is outside the supported subset or a paging value is out of range.
 */
export function parseQuery(text: string): ParsedQuery {
  const cursor = new Cursor(text);
  cursor.expectKeyword('SELECT');
  const select = parseSelect(cursor);
  cursor.expectKeyword('FROM');
  const entity = parseEntity(cursor);
  const where = cursor.acceptKeyword('WHERE') ? parseWhere(cursor) : [];
  const orderBy = acceptOrderBy(cursor) ? parseOrderBy(cursor) : [];
  const startPosition = cursor.acceptKeyword('STARTPOSITION') ? parseStartPosition(cursor) : 1;
  const maxResults = cursor.acceptKeyword('MAXRESULTS') ? parseMaxResults(cursor) : DEFAULT_MAX_RESULTS;
  const trailing = cursor.peek();
  if (trailing.kind !== 'end') throw unexpected(trailing, 'end of query');
  return { entity, select, where, orderBy, startPosition, maxResults };
}

function parseSelect(cursor: Cursor): ParsedQuery['select'] {
  if (cursor.acceptSymbol('*')) return '*';
  if (cursor.isKeyword('COUNT') && isSymbol(cursor.peek(1), '(')) {
    cursor.next();
    cursor.next();
    cursor.expectSymbol('*');
    cursor.expectSymbol(')');
    return 'count';
  }
  const fields = [parseFieldName(cursor)];
  while (cursor.acceptSymbol(',')) fields.push(parseFieldName(cursor));
  return fields;
}

function isSymbol(token: Token, symbol: string): boolean {
  return token.kind === 'symbol' && token.text === symbol;
}

function parseFieldName(cursor: Cursor): string {
  const token = cursor.peek();
  if (token.kind !== 'identifier' || RESERVED.has(token.text.toUpperCase()))
    throw unexpected(token, 'field name');
  cursor.next();
  return token.text;
}

function parseEntity(cursor: Cursor): string {
  const token = cursor.peek();
  const valid =
    token.kind === 'identifier' && !token.text.includes('.') && !RESERVED.has(token.text.toUpperCase());
  if (!valid) throw unexpected(token, 'entity name');
  cursor.next();
  return token.text;
}

function parseWhere(cursor: Cursor): QueryCondition[] {
  const conditions = [parseCondition(cursor)];
  while (cursor.acceptKeyword('AND')) conditions.push(parseCondition(cursor));
  return conditions;
}

const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['=', '<', '>', '<=', '>=', '!='];

function parseCondition(cursor: Cursor): QueryCondition {
  const field = parseFieldName(cursor);
  if (cursor.acceptKeyword('IN')) return { field, operator: 'IN', values: parseValueList(cursor) };
  if (cursor.acceptKeyword('LIKE')) {
    const token = cursor.next();
    if (token.kind !== 'string') throw unexpected(token, 'string pattern after LIKE');
    return { field, operator: 'LIKE', pattern: token.text };
  }
  const token = cursor.next();
  const operator = COMPARISON_OPERATORS.find((candidate) => isSymbol(token, candidate));
  if (operator === undefined) throw unexpected(token, 'comparison operator, IN or LIKE');
  return { field, operator, value: parseValue(cursor) };
}

function parseValueList(cursor: Cursor): QueryValue[] {
  cursor.expectSymbol('(');
  const values = [parseValue(cursor)];
  while (cursor.acceptSymbol(',')) values.push(parseValue(cursor));
  cursor.expectSymbol(')');
  return values;
}

function parseValue(cursor: Cursor): QueryValue {
  const token = cursor.next();
  if (token.kind === 'string') return token.text;
  if (token.kind === 'number') return Number(token.text);
  if (token.kind === 'identifier') {
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
  }
  throw unexpected(token, 'value');
}

function acceptOrderBy(cursor: Cursor): boolean {
  if (cursor.acceptKeyword('ORDERBY')) return true;
  if (!cursor.acceptKeyword('ORDER')) return false;
  cursor.expectKeyword('BY');
  return true;
}

function parseOrderBy(cursor: Cursor): OrderByTerm[] {
  const terms = [parseOrderByTerm(cursor)];
  while (cursor.acceptSymbol(',')) terms.push(parseOrderByTerm(cursor));
  return terms;
}

function parseOrderByTerm(cursor: Cursor): OrderByTerm {
  const field = parseFieldName(cursor);
  if (cursor.acceptKeyword('DESC')) return { field, direction: 'DESC' };
  cursor.acceptKeyword('ASC');
  return { field, direction: 'ASC' };
}

function parseStartPosition(cursor: Cursor): number {
  const { value, position } = parseInteger(cursor, 'STARTPOSITION');
  if (value < 1) throw new QueryLanguageError('STARTPOSITION must be at least 1', position);
  return value;
}

function parseMaxResults(cursor: Cursor): number {
  const { value, position } = parseInteger(cursor, 'MAXRESULTS');
  if (value < 1 || value > MAX_MAX_RESULTS) {
    throw new QueryLanguageError(`MAXRESULTS must be between 1 and ${MAX_MAX_RESULTS}`, position);
  }
  return value;
}

function parseInteger(cursor: Cursor, clause: string): { value: number; position: number } {
  const token = cursor.next();
  const value = token.kind === 'number' ? Number(token.text) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw unexpected(token, `whole number after ${clause}`);
  return { value, position: token.position };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

type Scalar = string | number | boolean;

/**
 * Evaluates a parsed query over records: filters by WHERE, sorts by ORDERBY (stable; input order otherwise),
 * then returns rows `[startPosition - 1, startPosition - 1 + maxResults)`.
 *
 * Values compare numerically when both sides look numeric (QBO quotes numbers: `Balance > '0'`), as instants
 * when both are ISO dates or datetimes (a date-only or offset-less value is UTC), as booleans when one side is a
 * boolean and the other is a boolean or `'true'`/`'false'`, and otherwise as case-insensitive strings. A field
 * holding a ReferenceType (`{ value, name }`) compares by its `value`. A missing field satisfies only `!=`.
 *
 * For a field-list select each row keeps `Id` plus the top-level property of each selected path, under the
 * record's own spelling of the key. For `SELECT COUNT(*)` rows is empty and totalCount carries the answer.
 */
export function runQuery(query: ParsedQuery, records: readonly Record<string, unknown>[]): QueryResult {
  const matching = records.filter((record) => query.where.every((condition) => matches(record, condition)));
  const sorted = sortRecords(matching, query.orderBy);
  const totalCount = sorted.length;
  const select = query.select;
  if (select === 'count') return { rows: [], startPosition: query.startPosition, maxResults: 0, totalCount };
  const offset = query.startPosition - 1;
  const page = sorted.slice(offset, offset + query.maxResults);
  const rows = select === '*' ? page : page.map((record) => projectRow(record, select));
  return { rows, startPosition: query.startPosition, maxResults: rows.length, totalCount };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Finds an own key by exact spelling first, then case-insensitively, as QBO field names are. */
function findKey(record: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((key) => key.toLowerCase() === lower);
}

/** Resolves a dotted path to a comparable scalar; objects, arrays, null and absent values all count as missing. */
function resolveField(record: Record<string, unknown>, path: string): Scalar | undefined {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (!isObject(current)) return undefined;
    const key = findKey(current, segment);
    current = key === undefined ? undefined : current[key];
  }
  // A ReferenceType ({ value, name }) is compared by its id, which is how QBO filters e.g. CustomerRef.
  if (isObject(current)) {
    const key = findKey(current, 'value');
    current = key === undefined ? undefined : current[key];
  }
  return toScalar(current);
}

function toScalar(value: unknown): Scalar | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

const OPERATOR_TESTS: Readonly<Record<ComparisonOperator, (order: number) => boolean>> = {
  '=': (order) => order === 0,
  '!=': (order) => order !== 0,
  '<': (order) => order < 0,
  '>': (order) => order > 0,
  '<=': (order) => order <= 0,
  '>=': (order) => order >= 0,
};

function matches(record: Record<string, unknown>, condition: QueryCondition): boolean {
  const actual = resolveField(record, condition.field);
  if (actual === undefined) return condition.operator === '!=';
  switch (condition.operator) {
    case 'IN':
      return condition.values.some((value) => compareScalars(actual, value) === 0);
    case 'LIKE':
      return matchesLike(String(actual), condition.pattern);
    default:
      return OPERATOR_TESTS[condition.operator](compareScalars(actual, condition.value));
  }
}

/**
 * Orders two scalars the way QBO compares a field with a literal: the first interpretation that fits both
 * sides wins, so `'9' < '10'` numerically and offsets are honoured on datetimes.
 */
function compareScalars(left: Scalar, right: Scalar): number {
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    const booleans = asPair(left, right, toBoolean);
    if (booleans !== undefined) return Number(booleans[0]) - Number(booleans[1]);
  }
  const numbers = asPair(left, right, toNumber);
  if (numbers !== undefined) return Math.sign(numbers[0] - numbers[1]);
  const instants = asPair(left, right, toInstant);
  if (instants !== undefined) return Math.sign(instants[0] - instants[1]);
  return compareText(String(left), String(right));
}

function asPair<T>(
  left: Scalar,
  right: Scalar,
  convert: (value: Scalar) => T | undefined,
): [T, T] | undefined {
  const a = convert(left);
  const b = convert(right);
  return a === undefined || b === undefined ? undefined : [a, b];
}

function toBoolean(value: Scalar): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const lower = String(value).toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

const NUMERIC_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

function toNumber(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : undefined;
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses an ISO date or datetime to epoch milliseconds. Date-only values are midnight UTC (as `Date` reads
 * them); datetimes without an offset are also read as UTC so results never depend on the host's time zone.
 */
function toInstant(value: Scalar): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE_TEXT.exec(value);
  if (match === null) return undefined;
  const hasTime = value.includes('T');
  const millis = Date.parse(hasTime && match[1] === undefined ? `${value}Z` : value);
  return Number.isNaN(millis) ? undefined : millis;
}

/** Case-insensitive and by code unit rather than locale, so results are the same on every host. */
function compareText(left: string, right: string): number {
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Case-insensitive LIKE anchored at both ends, where `%` matches any run of characters. Matched segment by
 * segment (leftmost occurrence is always safe for `%`-only patterns) instead of via a RegExp, so a pattern
 * with many `%` cannot backtrack catastrophically.
 */
function matchesLike(value: string, pattern: string): boolean {
  const text = value.toLowerCase();
  const parts = pattern.toLowerCase().split('%');
  const head = parts[0]!;
  if (parts.length === 1) return text === head;
  const tail = parts[parts.length - 1]!;
  const limit = text.length - tail.length;
  if (limit < head.length || !text.startsWith(head) || !text.endsWith(tail)) return false;
  let cursor = head.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, cursor);
    if (found === -1 || found + part.length > limit) return false;
    cursor = found + part.length;
  }
  return true;
}

/** Sorts stably, computing each record's sort keys once rather than on every comparison. */
function sortRecords(
  records: readonly Record<string, unknown>[],
  orderBy: readonly OrderByTerm[],
): Record<string, unknown>[] {
  if (orderBy.length === 0) return [...records];
  const keyed = records.map((record) => ({
    record,
    keys: orderBy.map((term) => resolveField(record, term.field)),
  }));
  keyed.sort((a, b) => compareKeys(a.keys, b.keys, orderBy));
  return keyed.map((entry) => entry.record);
}

function compareKeys(
  left: readonly (Scalar | undefined)[],
  right: readonly (Scalar | undefined)[],
  orderBy: readonly OrderByTerm[],
): number {
  for (const [index, term] of orderBy.entries()) {
    const order = compareSortValues(left[index], right[index], term.direction);
    if (order !== 0) return order;
  }
  return 0;
}

/** Missing values sort last in both directions, so DESC does not bring blanks to the top. */
function compareSortValues(
  left: Scalar | undefined,
  right: Scalar | undefined,
  direction: 'ASC' | 'DESC',
): number {
  if (left === undefined || right === undefined) {
    if (left === right) return 0;
    return left === undefined ? 1 : -1;
  }
  const order = compareScalars(left, right);
  return direction === 'DESC' ? -order : order;
}

function projectRow(record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const field of ['Id', ...fields]) {
    const key = findKey(record, field.split('.')[0]!);
    if (key !== undefined && !entries.some(([existing]) => existing === key))
      entries.push([key, record[key]]);
  }
  // fromEntries defines own properties, so a key such as `__proto__` cannot touch the prototype.
  return Object.fromEntries(entries);
}
