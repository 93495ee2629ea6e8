import { inspect } from 'node:util';
import type { ErrorCode, ErrorOutcome } from './error-codes.js';
import type { RateLimitInfo } from './rate-limit-info.js';

const LEDGER_ERROR_BRAND = Symbol.for('ledgerbridge.LedgerError');

/** A structural problem in input or provider output: where it is and what kind, never the value. */
export interface ValidationIssue {
  /** Dotted path into the offending object, for example `lines.2.amount`. */
  readonly path: string;
  /** A short machine-readable kind such as `invalid_type`, `too_small`, `unbalanced`. */
  readonly code: string;
}

/**
 * The only fields a {@link LedgerError} may carry (DESIGN invariant 2). Anything not listed here, such as
 * upstream message text, bodies, headers, URLs or tokens, is never attached to an error.
 */
export interface LedgerErrorFields {
  readonly code: ErrorCode;
  readonly provider?: string | undefined;
  /** The operation that failed, as `resource.action`, for example `invoices.get`. */
  readonly operation?: string | undefined;
  readonly httpStatus?: number | undefined;
  readonly retryable?: boolean | undefined;
  readonly outcome?: ErrorOutcome | undefined;
  /** Earliest time (RFC 3339) at which a retry may succeed. */
  readonly retryAt?: string | undefined;
  /** The provider's own request id (QuickBooks `intuit_tid`, Xero `Xero-Correlation-Id`). */
  readonly providerRequestId?: string | undefined;
  readonly idempotencyKey?: string | undefined;
  readonly attempts?: number | undefined;
  /** Total milliseconds spent waiting between attempts. */
  readonly waitedMs?: number | undefined;
  /** A provider error code kept only when it is a token, not free text (QuickBooks `5010`). */
  readonly providerCode?: string | undefined;
  /** Paths and kinds of validation problems; never values. */
  readonly issues?: readonly ValidationIssue[] | undefined;
  /** The provider's rate-limit state as last reported, normalised. */
  readonly rateLimit?: RateLimitInfo | undefined;
  readonly cause?: LedgerError | undefined;
}

/** Field names that survive serialisation; used by `toJSON` and `util.inspect`. */
export const LEDGER_ERROR_FIELD_NAMES = [
  'name',
  'code',
  'message',
  'provider',
  'operation',
  'httpStatus',
  'retryable',
  'outcome',
  'retryAt',
  'providerRequestId',
  'idempotencyKey',
  'attempts',
  'waitedMs',
  'providerCode',
  'issues',
  'rateLimit',
  'cause',
] as const;

const PROVIDER_CODE_SYNTAX = /^[A-Za-z0-9_.:-]{1,64}$/;
const REQUEST_ID_SYNTAX = /^[A-Za-z0-9_.:-]{1,128}$/;
const ISSUE_PATH_SYNTAX = /^[A-Za-z0-9_.:[\]-]{0,200}$/;

/**
 * Base class of every error ledgerbridge throws. Its message is composed only from its own allow-listed
 * fields, so it is safe to log: it never contains provider text, payload values, URLs or credentials.
 *
 * @example
 * ```ts
 * try { await books.invoices.get('123'); }
 * catch (error) { if (isLedgerError(error) && error.code === 'not_found') { … } }
 * ```
 */
export class LedgerError extends Error {
  declare readonly [LEDGER_ERROR_BRAND]: true;
  readonly code: ErrorCode;
  readonly provider: string | undefined;
  readonly operation: string | undefined;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly outcome: ErrorOutcome;
  readonly retryAt: string | undefined;
  readonly providerRequestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly attempts: number | undefined;
  readonly waitedMs: number | undefined;
  readonly providerCode: string | undefined;
  readonly issues: readonly ValidationIssue[] | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  declare readonly cause: LedgerError | undefined;

  constructor(fields: LedgerErrorFields) {
    super(composeMessage({ ...fields, issues: sanitizeIssues(fields.issues) }));
    Object.defineProperty(this, LEDGER_ERROR_BRAND, { value: true });
    this.name = new.target.name;
    this.code = fields.code;
    this.provider = fields.provider;
    this.operation = fields.operation;
    this.httpStatus = fields.httpStatus;
    this.retryable = fields.retryable ?? false;
    this.outcome = fields.outcome ?? 'failed';
    this.retryAt = fields.retryAt;
    // Provider ids and codes are kept only when they have token syntax; anything else could be free text.
    this.providerRequestId = keepIfToken(fields.providerRequestId, REQUEST_ID_SYNTAX);
    this.idempotencyKey = fields.idempotencyKey;
    this.attempts = fields.attempts;
    this.waitedMs = fields.waitedMs;
    this.providerCode = keepIfToken(fields.providerCode, PROVIDER_CODE_SYNTAX);
    // Issues are built from schema paths and our own codes, but a provider adapter may pass along its own:
    // anything without identifier syntax could be free text (an echoed name), so it is replaced.
    this.issues = fields.issues?.map((issue) => ({
      path: typeof issue.path === 'string' && ISSUE_PATH_SYNTAX.test(issue.path) ? issue.path : '',
      code:
        typeof issue.code === 'string' && PROVIDER_CODE_SYNTAX.test(issue.code) ? issue.code : 'unrecognised',
    }));
    this.rateLimit = fields.rateLimit;
    Object.defineProperty(this, 'cause', {
      value: isLedgerError(fields.cause) ? fields.cause : undefined,
      enumerable: false,
      writable: false,
    });
  }

  /** The same error with call-level facts added (attempts, idempotency key, rate limit). */
  with(fields: Partial<LedgerErrorFields>): this {
    const Constructor = this.constructor as new (fields: LedgerErrorFields) => this;
    const merged = new Constructor({ ...this.fields(), ...fields });
    return merged;
  }

  /** The allow-listed fields of this error. */
  fields(): LedgerErrorFields {
    return {
      code: this.code,
      provider: this.provider,
      operation: this.operation,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      outcome: this.outcome,
      retryAt: this.retryAt,
      providerRequestId: this.providerRequestId,
      idempotencyKey: this.idempotencyKey,
      attempts: this.attempts,
      waitedMs: this.waitedMs,
      providerCode: this.providerCode,
      issues: this.issues,
      rateLimit: this.rateLimit,
      cause: this.cause,
    };
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    for (const key of LEDGER_ERROR_FIELD_NAMES) {
      const value = key === 'cause' ? this.cause?.toJSON() : this[key];
      if (value !== undefined) json[key] = value;
    }
    return json;
  }

  [inspect.custom](): string {
    return `${this.stack ?? this.message}\n${inspect(this.toJSON(), { depth: 4 })}`;
  }
}

/**
 * Issues are built from schema paths and our own codes, but a provider adapter may pass along its own:
 * anything without identifier syntax could be free text (an echoed name), so it is replaced.
 */
function sanitizeIssues(issues: readonly ValidationIssue[] | undefined): ValidationIssue[] | undefined {
  return issues?.map((issue) => ({
    path: typeof issue.path === 'string' && ISSUE_PATH_SYNTAX.test(issue.path) ? issue.path : '',
    code:
      typeof issue.code === 'string' && PROVIDER_CODE_SYNTAX.test(issue.code) ? issue.code : 'unrecognised',
  }));
}

function keepIfToken(value: string | undefined, syntax: RegExp): string | undefined {
  return value !== undefined && syntax.test(value) ? value : undefined;
}

function composeMessage(fields: LedgerErrorFields): string {
  const where = [fields.provider, fields.operation].filter(Boolean).join(' ');
  const status = fields.httpStatus === undefined ? '' : ` (HTTP ${fields.httpStatus})`;
  const paths = fields.issues?.length
    ? `: ${fields.issues
        .slice(0, 5)
        .map((issue) => `${issue.path || '(root)'} ${issue.code}`)
        .join('; ')}${fields.issues.length > 5 ? '; …' : ''}`
    : '';
  return `${where ? `${where}: ` : ''}${fields.code}${status}${paths}`;
}

/**
 * True for any ledgerbridge error, including one thrown by another copy of the package (the check uses a
 * global symbol brand rather than `instanceof`).
 */
export function isLedgerError(value: unknown): value is LedgerError {
  return typeof value === 'object' && value !== null && LEDGER_ERROR_BRAND in value;
}

type SubclassFields = Omit<LedgerErrorFields, 'code'> & { code?: ErrorCode };

/** Input or provider output failed validation. `issues` names the paths; values are never echoed. */
export class ValidationError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'validation_failed' });
  }
}
/** The library or a connection was configured wrongly (bad override, missing option). */
export class ConfigurationError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'configuration_invalid' });
  }
}
/** Credentials are missing, expired beyond refresh, or rejected by the provider. */
export class AuthenticationError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'authentication_failed' });
  }
}
/** The provider or a policy refused the operation for this caller. */
export class PermissionError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'permission_denied' });
  }
}
/** The referenced record does not exist (or is not visible to this connection). */
export class NotFoundError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'not_found' });
  }
}
/** The write conflicts with the record's current state (stale version, duplicate, key reuse). */
export class ConflictError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'conflict' });
  }
}
/** The provider throttled the call; `retryAt` says when to try again. */
export class RateLimitError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ retryable: true, ...fields, code: fields.code ?? 'rate_limited' });
  }
}
/** The provider is down, returned a 5xx, or could not be reached. */
export class ProviderUnavailableError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ retryable: true, ...fields, code: fields.code ?? 'provider_unavailable' });
  }
}
/** The call did not finish in time. For writes the outcome is `uncertain`. */
export class TimeoutError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ retryable: true, ...fields, code: fields.code ?? 'timeout' });
  }
}
/** The provider answered with something we cannot read (malformed JSON, unexpected shape). */
export class ProviderResponseError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'provider_response_invalid' });
  }
}
/** The provider (or this adapter) does not support the requested operation. */
export class UnsupportedOperationError extends LedgerError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'unsupported_operation' });
  }
}
/** An idempotency key was reused for a different write. */
export class IdempotencyConflictError extends ConflictError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'idempotency_conflict' });
  }
}
/** Policy refused the operation (an intent not allowed, an amount over the limit, another tenant). */
export class PolicyDeniedError extends PermissionError {
  constructor(fields: SubclassFields) {
    super({ ...fields, code: fields.code ?? 'policy_denied' });
  }
}
