/**
 * The stable, provider-neutral error codes every {@link LedgerError} carries. Hosts and agents branch on
 * these, never on message text.
 */
export const ERROR_CODES = [
  'validation_failed',
  'configuration_invalid',
  'authentication_failed',
  'permission_denied',
  'not_found',
  'conflict',
  'stale_object',
  'duplicate',
  'rate_limited',
  'provider_unavailable',
  'network_error',
  'timeout',
  'provider_response_invalid',
  'unsupported_operation',
  'idempotency_conflict',
  'policy_denied',
  'aborted',
  'audit_failed',
  'internal',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Whether a failed call may have changed provider state. `failed` means it certainly did not; `uncertain`
 * means the request may have been applied (a timeout or dropped connection after the request was sent) and
 * must be reconciled through the provider's safe path, never blindly resent.
 */
export type ErrorOutcome = 'failed' | 'uncertain';
