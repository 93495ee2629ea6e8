import type { ErrorContext } from '../../src/engine/definition.js';
import {
  AuthenticationError,
  ConflictError,
  IdempotencyConflictError,
  type LedgerError,
  NotFoundError,
  PermissionError,
  ProviderUnavailableError,
  RateLimitError,
  ValidationError,
  type ValidationIssue,
} from '../../src/http/errors.js';
import { retryAtFrom } from '../../src/http/retry-after.js';
import { errorForStatus } from '../../src/http/status-errors.js';
import type { HttpResponse } from '../../src/http/transport.js';
import { xeroThrottle } from './rate-limit.js';

/**
 * What a Xero validation message is about, recognised by pattern and reported as a fixed code. The message
 * itself is dropped: Xero echoes submitted values in it (a duplicate contact's name, an item code).
 * `field` is the unified field the message concerns, when it can be told.
 */
interface MessageKind {
  readonly pattern: RegExp;
  readonly code: string;
  readonly field?: string;
}

/** First match wins; the order puts specific patterns before general ones. */
const MESSAGE_KINDS: readonly MessageKind[] = [
  {
    pattern: /already (been )?(assigned|exists?|in use)|must be unique|unique (name|code)/i,
    code: 'xero_duplicate',
  },
  { pattern: /debits?.*credits?|must balance|do not balance/i, code: 'xero_unbalanced', field: 'lines' },
  {
    pattern: /exceeds? the amount (outstanding|due)|greater than the amount (due|outstanding)|overpa/i,
    code: 'xero_amount_exceeds_due',
    field: 'amount',
  },
  {
    pattern: /account code must be specified|account must be specified/i,
    code: 'xero_account_required',
    field: 'accountId',
  },
  { pattern: /tax ?type/i, code: 'xero_invalid_tax_type', field: 'taxRateId' },
  { pattern: /item code|itemcode|item .*not valid/i, code: 'xero_invalid_item', field: 'itemId' },
  {
    pattern:
      /account (type )?(is )?(not valid|invalid|archived)|account code .*not (a )?valid|accountid .*not valid|account type is invalid|account could not be found/i,
    code: 'xero_invalid_account',
    field: 'accountId',
  },
  {
    pattern:
      /contact .*(not (be )?found|does not exist|is archived)|contact must be specified|contact(id)? .*invalid/i,
    code: 'xero_invalid_contact',
    field: 'contactId',
  },
  { pattern: /currency/i, code: 'xero_invalid_currency', field: 'currency' },
  {
    pattern:
      /(not|cannot be) (of )?valid status|cannot be (edited|modified|updated|voided|deleted|archived)|status .*(cannot|invalid|not allowed)|has (a )?payments?|has been (voided|deleted|paid)/i,
    code: 'xero_invalid_status',
  },
  // Whole words only: `updated` and `validated` are not about a date.
  { pattern: /\bdates?\b/i, code: 'xero_invalid_date' },
  {
    pattern:
      /(must|should) be (specified|provided|supplied|entered)|is required|required field|cannot be (empty|blank)|must specify|please enter/i,
    code: 'xero_required_field',
  },
  { pattern: /too long|max(imum)? length|exceeds? .*characters|cannot exceed/i, code: 'xero_too_long' },
  {
    pattern: /line ?(amount|total)|quantity|unit ?amount/i,
    code: 'xero_invalid_line_amount',
    field: 'lines',
  },
];

/** Classifies one Xero message into a fixed code; the text goes no further than this function. */
export function classifyXeroMessage(message: unknown): { code: string; field?: string | undefined } {
  if (typeof message !== 'string') return { code: 'xero_validation' };
  const kind = MESSAGE_KINDS.find((candidate) => candidate.pattern.test(message));
  return kind ? { code: kind.code, field: kind.field } : { code: 'xero_validation' };
}

/** Xero collections whose items are the unified entity's `lines`. */
const LINE_COLLECTIONS: ReadonlySet<string> = new Set(['LineItems', 'JournalLines']);
const KEY_SYNTAX = /^[A-Z][A-Za-z0-9]{0,63}$/;
const MAX_ISSUES = 50;
const MAX_DEPTH = 4;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Walks one echoed element for `ValidationErrors` at any depth and reports where each sits: `lines.2`
 * for a line, the unified field a classified message names, or `` for the element itself. Only keys that
 * look like Xero property names and array indexes build a path; no value is ever read but the messages,
 * and those only to classify them.
 */
function collectIssues(element: unknown, prefix: string, issues: ValidationIssue[], depth = 0): void {
  if (!isObject(element) || depth > MAX_DEPTH || issues.length >= MAX_ISSUES) return;
  const errors = element.ValidationErrors;
  if (Array.isArray(errors)) {
    for (const error of errors) {
      if (issues.length >= MAX_ISSUES) return;
      const { code, field } = classifyXeroMessage(isObject(error) ? error.Message : undefined);
      const suffix = field === undefined || (field === 'lines' && prefix.startsWith('lines.')) ? '' : field;
      issues.push({ path: [prefix, suffix].filter(Boolean).join('.'), code });
    }
  }
  for (const [key, value] of Object.entries(element)) {
    if (key === 'ValidationErrors' || key === 'Warnings' || !KEY_SYNTAX.test(key)) continue;
    if (Array.isArray(value)) {
      const name = LINE_COLLECTIONS.has(key) ? 'lines' : key;
      value.forEach((item, index) => {
        collectIssues(item, [prefix, `${name}.${index}`].filter(Boolean).join('.'), issues, depth + 1);
      });
    } else if (isObject(value)) {
      collectIssues(value, [prefix, key].filter(Boolean).join('.'), issues, depth + 1);
    }
  }
}

interface ErrorSummary {
  readonly type: string | undefined;
  readonly errorNumber: number | undefined;
  readonly issues: ValidationIssue[];
  /** A problem-details body (`{Title, Status, Detail}`) said the idempotency key was reused. */
  readonly idempotencyReuse: boolean;
}

/** Reads an error body: Xero's `{ErrorNumber, Type, Elements}` or a problem-details object. */
export function summariseXeroError(text: string): ErrorSummary {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { type: undefined, errorNumber: undefined, issues: [], idempotencyReuse: false };
  }
  if (!isObject(body))
    return { type: undefined, errorNumber: undefined, issues: [], idempotencyReuse: false };
  const type = typeof body.Type === 'string' && /^[A-Za-z]{1,64}$/.test(body.Type) ? body.Type : undefined;
  const errorNumber = typeof body.ErrorNumber === 'number' ? body.ErrorNumber : undefined;
  const issues: ValidationIssue[] = [];
  const elements = Array.isArray(body.Elements) ? body.Elements : [];
  // Adapter writes carry one element, so its index adds nothing; a batch keeps `elements.N` in front.
  elements.forEach((element, index) => {
    collectIssues(element, elements.length === 1 ? '' : `elements.${index}`, issues);
  });
  // A reused key is reported as a problem document (Title/Detail), not a ValidationException with elements.
  // Its wording is not part of any contract, so any mention of idempotency there counts.
  const problemText = [body.Title, body.Detail].filter((value) => typeof value === 'string').join(' ');
  return {
    type,
    errorNumber,
    issues,
    idempotencyReuse: elements.length === 0 && /idempot/i.test(problemText),
  };
}

/**
 * Maps a Xero error response to our error family without any of Xero's text: a ValidationException
 * (ErrorNumber 10) becomes a ValidationError whose issues name paths and fixed codes; 401, 403 and 404 map by
 * status; 429 is a RateLimitError with the budget `X-Rate-Limit-Problem` names and `Retry-After`.
 */
export function parseXeroError(response: HttpResponse, context: ErrorContext): LedgerError | undefined {
  if (response.status < 400) return undefined;
  const httpStatus = response.status;
  if (httpStatus === 429) {
    const rateLimit = xeroThrottle(response);
    return new RateLimitError({
      httpStatus,
      retryAt: retryAtFrom(rateLimit.resetSeconds ?? 60),
      rateLimit,
    });
  }
  if (httpStatus === 401) return new AuthenticationError({ httpStatus });
  if (httpStatus === 403) return new PermissionError({ httpStatus });
  if (httpStatus === 404) return new NotFoundError({ httpStatus });
  if (httpStatus >= 500) {
    return new ProviderUnavailableError({ httpStatus, outcome: context.isWrite ? 'uncertain' : 'failed' });
  }
  const summary = summariseXeroError(response.text);
  const providerCode =
    summary.type ?? (summary.errorNumber === undefined ? undefined : String(summary.errorNumber));
  if (summary.idempotencyReuse) return new IdempotencyConflictError({ httpStatus });
  if (httpStatus === 400 || httpStatus === 422) {
    const issues =
      summary.issues.length > 0
        ? summary.issues
        : [
            {
              path: '',
              code:
                summary.type === 'PostDataInvalidException'
                  ? 'xero_post_data_invalid'
                  : summary.type === 'QueryParseException'
                    ? 'xero_query_invalid'
                    : 'xero_validation',
            },
          ];
    if (issues.every((issue) => issue.code === 'xero_duplicate')) {
      return new ConflictError({ httpStatus, code: 'duplicate', providerCode, issues });
    }
    return new ValidationError({ httpStatus, providerCode, issues });
  }
  return errorForStatus(httpStatus).with({ providerCode });
}
