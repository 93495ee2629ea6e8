import {
  AuthenticationError,
  ConflictError,
  LedgerError,
  NotFoundError,
  PermissionError,
  ProviderUnavailableError,
  RateLimitError,
  ValidationError,
} from './errors.js';

/**
 * The error a bare HTTP status implies, for providers whose body says nothing more useful. Never reads the
 * body: only the status decides.
 */
export function errorForStatus(status: number, retryAt?: string): LedgerError {
  const fields = { httpStatus: status, ...(retryAt === undefined ? {} : { retryAt }) };
  if (status === 400 || status === 422) return new ValidationError(fields);
  if (status === 401) return new AuthenticationError(fields);
  if (status === 403) return new PermissionError(fields);
  if (status === 404 || status === 410) return new NotFoundError(fields);
  if (status === 409 || status === 412) return new ConflictError(fields);
  if (status === 429) return new RateLimitError(fields);
  if (status === 408 || status >= 500) return new ProviderUnavailableError(fields);
  return new LedgerError({ ...fields, code: 'provider_response_invalid' });
}
