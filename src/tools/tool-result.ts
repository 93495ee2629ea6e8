import type { ErrorCode } from '../http/error-codes.js';
import { isLedgerError, type ValidationIssue } from '../http/errors.js';
import type { RateLimitInfo } from '../http/rate-limit-info.js';

/**
 * The codes a failed tool call reports: every {@link ErrorCode}, plus `write_uncertain` (the ledger may
 * have applied the write; calling again with the same input reconciles it) and `tool_not_found` (the
 * model named a tool this toolkit does not expose, so nothing was sent).
 */
export type ToolErrorCode = ErrorCode | 'write_uncertain' | 'tool_not_found';

/**
 * Why a tool call failed, in a form a model can act on. Only codes, flags, times and paths: never a value
 * from the request or the ledger and never a provider's message text, because providers echo submitted
 * values (a patient's name) in theirs.
 */
export interface ToolError {
  readonly code: ToolErrorCode;
  /** Whether the same call may succeed later (after `retryAt`, when given). */
  readonly retryable: boolean;
  /** Earliest time (RFC 3339) a retry may succeed, or null when unknown. */
  readonly retryAt: string | null;
  /** A fixed sentence per code telling the model what to do next. */
  readonly message: string;
  /** For `validation_failed`: the paths of the input that were refused and why, as codes. */
  readonly issues?: readonly ValidationIssue[] | undefined;
  /** For `policy_denied`: the policy's reason code, such as `intent_not_allowed` or `amount_over_limit`. */
  readonly reason?: string | undefined;
}

/** A failed tool call. */
export interface ToolFailure {
  readonly ok: false;
  readonly error: ToolError;
  /** For writes: the idempotency key the write was (or would have been) sent under. */
  readonly idempotencyKey?: string | undefined;
  /** The provider's rate-limit state, when the failure reported one. */
  readonly rateLimit?: RateLimitInfo | undefined;
}

/** A successful tool call; each tool documents its fields. */
export interface ToolSuccess {
  readonly ok: true;
  readonly [field: string]: unknown;
}

/** What every tool returns: JSON-serialisable, never thrown. */
export type ToolResult = ToolSuccess | ToolFailure;

/** One fixed, value-free sentence per code; the only text a failure ever carries. */
export const TOOL_ERROR_MESSAGES: Readonly<Record<ToolErrorCode, string>> = {
  validation_failed:
    'The input was refused before anything was written. Fix the fields listed in issues and call again.',
  configuration_invalid: 'The ledger connection is misconfigured. Tell the user; retrying will not help.',
  authentication_failed:
    'The ledger connection is not authorised (expired or revoked). Tell the user to reconnect; do not retry.',
  permission_denied: 'The ledger refused this operation for this connection. Do not retry.',
  not_found: 'No such record in the connected ledger. Use an id returned by a read tool.',
  conflict: 'The record changed or conflicts with another record. Read it again before retrying.',
  stale_object: 'The record changed since it was read. Read it again, then retry with current data.',
  duplicate: 'A record with the same unique value already exists. Look it up instead of creating it.',
  rate_limited: 'The ledger is throttling requests. Wait until retryAt, then call again.',
  provider_unavailable: 'The ledger is unavailable right now. Try again later.',
  network_error: 'The ledger could not be reached. Try again later.',
  timeout: 'The ledger did not answer in time. Try again later.',
  provider_response_invalid: 'The ledger returned an answer that could not be read. Try again later.',
  unsupported_operation: 'This ledger does not support that operation or filter. Try without it.',
  idempotency_conflict:
    'This idempotency key was already used for a different write. Do not retry with the same key.',
  policy_denied: 'Policy does not allow this write (see reason). Do not retry; tell the user.',
  aborted: 'The call was cancelled.',
  audit_failed: 'The operation was not performed because it could not be audited. Tell the user.',
  internal: 'The tool failed unexpectedly. Nothing more is known; tell the user.',
  write_uncertain:
    'The ledger may or may not have applied this write. Call the tool again with exactly the same input: it is sent under the same idempotency key, so it cannot be applied twice.',
  tool_not_found: 'No tool with this name is available to you. Nothing was sent.',
};

/** Builds a failure with its fixed message. */
export function toolFailure(
  code: ToolErrorCode,
  details: {
    readonly retryable?: boolean | undefined;
    readonly retryAt?: string | undefined;
    readonly issues?: readonly ValidationIssue[] | undefined;
    readonly reason?: string | undefined;
    readonly idempotencyKey?: string | undefined;
    readonly rateLimit?: RateLimitInfo | undefined;
  } = {},
): ToolFailure {
  const error: ToolError = {
    code,
    retryable: details.retryable ?? false,
    retryAt: details.retryAt ?? null,
    message: TOOL_ERROR_MESSAGES[code],
    ...(details.issues && details.issues.length > 0
      ? { issues: details.issues.map((issue) => ({ path: issue.path, code: issue.code })) }
      : {}),
    ...(details.reason ? { reason: details.reason } : {}),
  };
  return {
    ok: false,
    error,
    ...(details.idempotencyKey ? { idempotencyKey: details.idempotencyKey } : {}),
    ...(details.rateLimit ? { rateLimit: details.rateLimit } : {}),
  };
}

/**
 * Turns anything thrown into a failure. A LedgerError contributes only its allow-listed fields (code,
 * retryable, retryAt, issue paths, idempotency key, rate limit); anything else is `internal`, and its
 * message is dropped unread because it may quote a payload.
 */
export function failureFromError(thrown: unknown): ToolFailure {
  if (!isLedgerError(thrown)) return toolFailure('internal');
  return toolFailure(thrown.code, {
    retryable: thrown.retryable,
    retryAt: thrown.retryAt,
    issues: thrown.issues,
    idempotencyKey: thrown.idempotencyKey,
    rateLimit: thrown.rateLimit,
  });
}

/** A failure for tool arguments that are not JSON (frameworks that hand over raw argument text). */
export function invalidArgumentsFailure(): ToolFailure {
  return toolFailure('validation_failed', { issues: [{ path: '', code: 'invalid_json' }] });
}

/** The text form of a result, for frameworks whose tool output is a string. */
export function toolResultText(result: ToolResult): string {
  return JSON.stringify(result);
}
