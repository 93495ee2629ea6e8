/**
 * The subset of Xero's `where` and `order` the simulator understands: comparisons (`==`, `=`, `!=`, `<`,
 * `<=`, `>`, `>=`) of a dotted field path with a string, number, boolean, `null`, `Guid("…")` or
 * `DateTime(y, m, d)`; `.StartsWith("…")`, `.EndsWith("…")`, `.Contains("…")`; a bare boolean field;
 * `AND`/`&&`, `OR`/`||`, `NOT`/`!` and parentheses. Text compares case-insensitively, as Xero's does.
 * Anything else is a QueryParseException, as from Xero.
 */
import { queryParse } from './errors.js';
import { msEpoch } from './time.js';

type Value =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'guid'; readonly value: string }
  | { readonly kind: 'date'; readonly value: number };

type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { readonly kind: 'or' | 'and'; readonly items: readonly Condition[] }
  | { readonly kind: 'not'; readonly item: Condition }
  | {
      readonly kind: 'compare';
      readonly path: readonly string[];
      readonly operator: Operator;
      readonly value: Value;
    }
  | {
      readonly kind: 'method';
      readonly path: readonly string[];
      readonly method: string;
      readonly argument: string;
    }
  | { readonly kind: 'flag'; readonly path: readonly string[] };

type Token =
  | { readonly type: 'name'; readonly text: string }
  | { readonly type: 'string'; readonly text: string }
  | { readonly type: 'number'; readonly text: string }
  | { readonly type: 'symbol'; readonly text: string };

const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '=', '<', '>', '(', ')', ',', '.', '!'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      tokens.push({ type: 'name', text: name[0] });
      index += name[0].length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0] });
      index += number[0].length;
      continue;
    }
    if (rest.startsWith('"')) {
      let value = '';
      let cursor = 1;
      while (cursor < rest.length && rest[cursor] !== '"') {
        if (rest[cursor] === '\\' && cursor + 1 < rest.length) cursor += 1;
        value += rest[cursor];
        cursor += 1;
      }
      if (cursor >= rest.length) throw queryParse('Unterminated string literal in where clause');
      tokens.push({ type: 'string', text: value });
      index += cursor + 1;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw queryParse(`Unexpected character at position ${index} in where clause`);
    tokens.push({ type: 'symbol', text: symbol });
    index += symbol.length;
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Condition {
    const condition = this.or();
    if (this.position < this.tokens.length)
      throw queryParse('Unexpected text after the end of the where clause');
    return condition;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position];
    if (!token) throw queryParse('The where clause ended unexpectedly');
    this.position += 1;
    return token;
  }

  private isKeyword(token: Token | undefined, ...words: string[]): boolean {
    return (
      token !== undefined &&
      (token.type === 'name' || token.type === 'symbol') &&
      words.includes(token.text.toUpperCase())
    );
  }

  private expect(text: string): void {
    const token = this.take();
    if (token.text !== text) throw queryParse(`Expected "${text}" in where clause`);
  }

  private or(): Condition {
    const items = [this.and()];
    while (this.isKeyword(this.peek(), 'OR', '||')) {
      this.take();
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'or', items };
  }

  private and(): Condition {
    const items = [this.unary()];
    while (this.isKeyword(this.peek(), 'AND', '&&')) {
      this.take();
      items.push(this.unary());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'and', items };
  }

  private unary(): Condition {
    if (this.isKeyword(this.peek(), 'NOT', '!')) {
      this.take();
      return { kind: 'not', item: this.unary() };
    }
    if (this.peek()?.text === '(') {
      this.take();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.comparison();
  }

  private path(): string[] {
    const first = this.take();
    if (first.type !== 'name') throw queryParse('Expected a field name in where clause');
    const path = [first.text];
    while (this.peek()?.text === '.' && this.tokens[this.position + 1]?.type === 'name') {
      const after = this.tokens[this.position + 2];
      if (after?.text === '(') break;
      this.take();
      path.push(this.take().text);
    }
    return path;
  }

  private comparison(): Condition {
    const path = this.path();
    const next = this.peek();
    if (next?.text === '.') {
      this.take();
      const method = this.take().text;
      if (!['StartsWith', 'EndsWith', 'Contains'].includes(method))
        throw queryParse(`Method ${method} is not supported`);
      this.expect('(');
      const argument = this.take();
      if (argument.type !== 'string') throw queryParse('Expected a string argument');
      this.expect(')');
      return { kind: 'method', path, method, argument: argument.text };
    }
    if (next?.type !== 'symbol' || !['==', '=', '!=', '<', '<=', '>', '>='].includes(next.text)) {
      return { kind: 'flag', path };
    }
    this.take();
    const operator = (next.text === '=' ? '==' : next.text) as Operator;
    return { kind: 'compare', path, operator, value: this.value() };
  }

  private value(): Value {
    const token = this.take();
    if (token.type === 'string') return { kind: 'text', value: token.text };
    if (token.type === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.type !== 'name') throw queryParse('Expected a value in where clause');
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
    if (word === 'null') return { kind: 'null' };
    if (word === 'guid') {
      this.expect('(');
      const id = this.take();
      this.expect(')');
      if (id.type !== 'string' || !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id.text)) {
        throw queryParse('Guid() needs a GUID string');
      }
      return { kind: 'guid', value: id.text.toLowerCase() };
    }
    if (word === 'datetime') {
      this.expect('(');
      const parts: number[] = [];
      for (;;) {
        const part = this.take();
        if (part.type !== 'number') throw queryParse('DateTime() takes numbers');
        parts.push(Number(part.text));
        if (this.peek()?.text === ',') this.take();
        else break;
      }
      this.expect(')');
      const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
      return { kind: 'date', value: Date.UTC(year, month - 1, day, hour, minute, second) };
    }
    throw queryParse(`Unknown value ${token.text} in where clause`);
  }
}

/** Parses a `where` text; throws the QueryParseException fault. */
export function parseWhere(text: string): Condition {
  return new Parser(tokenize(text)).parse();
}

function fieldAt(record: unknown, path: readonly string[]): unknown {
  let current = record;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    const object = current as Record<string, unknown>;
    const found = Object.keys(object).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    current = found === undefined ? undefined : object[found];
  }
  return current;
}

function compareValues(field: unknown, value: Value): number | undefined {
  switch (value.kind) {
    case 'null':
      return field === undefined || field === null ? 0 : 1;
    case 'boolean':
      return typeof field === 'boolean' ? Number(field) - Number(value.value) : undefined;
    case 'number':
      return typeof field === 'number' ? field - value.value : undefined;
    case 'guid':
      return typeof field === 'string' ? (field.toLowerCase() === value.value ? 0 : 1) : undefined;
    case 'date': {
      const epoch = msEpoch(field);
      return epoch === undefined ? undefined : epoch - value.value;
    }
    case 'text': {
      if (typeof field !== 'string') return undefined;
      const left = field.toLowerCase();
      const right = value.value.toLowerCase();
      return left < right ? -1 : left > right ? 1 : 0;
    }
  }
}

/** Whether a record (as Xero would answer it) meets a condition. */
export function matches(record: unknown, condition: Condition): boolean {
  switch (condition.kind) {
    case 'or':
      return condition.items.some((item) => matches(record, item));
    case 'and':
      return condition.items.every((item) => matches(record, item));
    case 'not':
      return !matches(record, condition.item);
    case 'flag':
      return fieldAt(record, condition.path) === true;
    case 'method': {
      const field = fieldAt(record, condition.path);
      if (typeof field !== 'string') return false;
      const text = field.toLowerCase();
      const argument = condition.argument.toLowerCase();
      if (condition.method === 'StartsWith') return text.startsWith(argument);
      if (condition.method === 'EndsWith') return text.endsWith(argument);
      return text.includes(argument);
    }
    case 'compare': {
      const difference = compareValues(fieldAt(record, condition.path), condition.value);
      if (difference === undefined) return condition.operator === '!=';
      switch (condition.operator) {
        case '==':
          return difference === 0;
        case '!=':
          return difference !== 0;
        case '<':
          return difference < 0;
        case '<=':
          return difference <= 0;
        case '>':
          return difference > 0;
        case '>=':
          return difference >= 0;
      }
    }
  }
}

/** One `order` key. */
export interface OrderKey {
  readonly path: readonly string[];
  readonly descending: boolean;
}

/** Parses `Field [ASC|DESC], …`. */
export function parseOrder(text: string): OrderKey[] {
  return text.split(',').map((part) => {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(ASC|DESC)?\s*$/i.exec(part);
    if (!match?.[1]) throw queryParse('The order clause is not valid');
    return { path: match[1].split('.'), descending: match[2]?.toUpperCase() === 'DESC' };
  });
}

function sortValue(value: unknown): number | string | undefined {
  const epoch = msEpoch(value);
  if (epoch !== undefined) return epoch;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'string') return value.toLowerCase();
  return undefined;
}

/** Sorts records by the keys, stably (ties keep their order); absent values sort last. */
export function sortRecords<T>(records: readonly T[], keys: readonly OrderKey[]): T[] {
  const decorated = records.map((record, index) => ({ record, index }));
  decorated.sort((a, b) => {
    for (const key of keys) {
      const left = sortValue(fieldAt(a.record, key.path));
      const right = sortValue(fieldAt(b.record, key.path));
      if (left === right) continue;
      if (left === undefined) return 1;
      if (right === undefined) return -1;
      const order = left < right ? -1 : 1;
      return key.descending ? -order : order;
    }
    return a.index - b.index;
  });
  return decorated.map((entry) => entry.record);
}
