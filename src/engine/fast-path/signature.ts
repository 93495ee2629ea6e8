import { FastPathError } from './errors.js';
import { isFunction } from './values.js';

/** A parsed JSONata function signature, e.g. `<s-nn?:s>`. */
export interface Signature {
  /**
   * Checks the arguments as JSONata does and returns the ones to call with: the context value substituted
   * for a missing `-` argument, a non-array wrapped for an `a` parameter. Throws FastPathError (T0410,
   * T0411, T0412) where JSONata throws.
   */
  validate(args: readonly unknown[], context: unknown): unknown[];
}

interface Parameter {
  regex: string;
  type: string;
  context?: boolean;
  contextRegex?: RegExp;
  subtype?: string;
}

/** The one-letter type JSONata's signatures use for a value (`m` for missing). */
function symbolOf(value: unknown): string {
  if (isFunction(value)) return 'f';
  switch (typeof value) {
    case 'string':
      return 's';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'function':
      return 'f';
    case 'object':
      return value === null ? 'l' : Array.isArray(value) ? 'a' : 'o';
    default:
      return 'm';
  }
}

function closingBracket(text: string, start: number, open: string, close: string): number {
  let depth = 1;
  let position = start;
  while (position < text.length) {
    position += 1;
    const symbol = text.charAt(position);
    if (symbol === close) {
      depth -= 1;
      if (depth === 0) break;
    } else if (symbol === open) {
      depth += 1;
    }
  }
  return position;
}

/** A port of jsonata.js `parseSignature`, for the handful of signatures the fast path calls. */
export function parseSignature(signature: string): Signature {
  const parameters: Parameter[] = [];
  let parameter: Parameter = { regex: '', type: '' };
  let previous: Parameter = parameter;
  const next = () => {
    parameters.push(parameter);
    previous = parameter;
    parameter = { regex: '', type: '' };
  };
  for (let position = 1; position < signature.length; position += 1) {
    const symbol = signature.charAt(position);
    if (symbol === ':') break;
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        parameter.regex = `[${symbol}m]`;
        parameter.type = symbol;
        next();
        break;
      case 'a':
        parameter.regex = '[asnblfom]';
        parameter.type = symbol;
        next();
        break;
      case 'f':
        parameter.regex = 'f';
        parameter.type = symbol;
        next();
        break;
      case 'j':
        parameter.regex = '[asnblom]';
        parameter.type = symbol;
        next();
        break;
      case 'x':
        parameter.regex = '[asnblfom]';
        parameter.type = symbol;
        next();
        break;
      case '-':
        previous.context = true;
        previous.contextRegex = new RegExp(previous.regex);
        previous.regex += '?';
        break;
      case '?':
      case '+':
        previous.regex += symbol;
        break;
      case '(': {
        const end = closingBracket(signature, position, '(', ')');
        const choice = signature.substring(position + 1, end);
        if (choice.includes('<')) throw new FastPathError('S0402');
        parameter.regex = `[${choice}m]`;
        parameter.type = `(${choice})`;
        position = end;
        next();
        break;
      }
      case '<': {
        if (previous.type !== 'a' && previous.type !== 'f') throw new FastPathError('S0401');
        const end = closingBracket(signature, position, '<', '>');
        previous.subtype = signature.substring(position + 1, end);
        position = end;
        break;
      }
    }
  }
  const pattern = new RegExp(`^${parameters.map((entry) => `(${entry.regex})`).join('')}$`);
  // The match depends only on the argument types (a few letters), never on values, so it is worked out
  // once per type string; there are only a handful per call site.
  const matches = new Map<string, RegExpExecArray | null>();

  return {
    validate(args, context) {
      let supplied = '';
      for (const arg of args) supplied += symbolOf(arg);
      let match = matches.get(supplied);
      if (match === undefined) {
        match = pattern.exec(supplied);
        matches.set(supplied, match);
      }
      if (match === null) throw new FastPathError('T0410');
      const validated: unknown[] = [];
      let argIndex = 0;
      parameters.forEach((entry, index) => {
        const matched = (match as RegExpExecArray)[index + 1] ?? '';
        if (matched === '') {
          if (entry.context && entry.contextRegex) {
            if (!entry.contextRegex.test(symbolOf(context))) throw new FastPathError('T0411');
            validated.push(context);
          } else {
            validated.push(args[argIndex]);
            argIndex += 1;
          }
          return;
        }
        for (const single of matched) {
          let arg = args[argIndex];
          if (entry.type === 'a') {
            if (single === 'm') {
              arg = undefined;
            } else {
              if (entry.subtype !== undefined && !arrayItemsMatch(arg, single, matched, entry.subtype)) {
                throw new FastPathError('T0412');
              }
              if (single !== 'a') arg = [arg];
            }
          }
          validated.push(arg);
          argIndex += 1;
        }
      });
      return validated;
    },
  };
}

// JSONata checks only the first subtype letter and that every item has the first item's type.
function arrayItemsMatch(arg: unknown, single: string, matched: string, subtype: string): boolean {
  if (single !== 'a') return matched === subtype;
  const items = arg as unknown[];
  if (items.length === 0) return true;
  const itemType = symbolOf(items[0]);
  if (itemType !== subtype.charAt(0)) return false;
  return items.every((item) => symbolOf(item) === itemType);
}
