import * as oauth from 'oauth4webapi';
import {
  AuthenticationError,
  ConfigurationError,
  isLedgerError,
  LedgerError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '../http/errors.js';
import type { ExchangeTrace } from './oauth-http.js';

/** Where an OAuth failure happened, for the error's allow-listed fields. */
export interface OAuthErrorContext {
  readonly provider: string;
  readonly operation: string;
  readonly signal?: AbortSignal | undefined;
}

const OAUTH_ERROR_SYNTAX = /^[a-z0-9_.:-]{1,64}$/i;

// Failures raised while connecting: the request never reached the server, so nothing can have happened.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
]);

/**
 * Turns whatever an OAuth exchange threw into a LedgerError with no upstream text. oauth4webapi's errors
 * carry the response (body, tokens) as `cause`, so the original is dropped and only the OAuth `error` code
 * is kept when it has token syntax.
 *
 * `outcome: 'uncertain'` means the server may have acted: the request left and no usable answer came back
 * (a dropped connection, a timeout, a 2xx we could not read). With rotating refresh tokens such a refresh
 * must not be resent blindly.
 */
export function toOAuthError(error: unknown, trace: ExchangeTrace, context: OAuthErrorContext): LedgerError {
  const where = { provider: context.provider, operation: context.operation };
  if (isLedgerError(error)) return error.with(where);
  if (error instanceof oauth.ResponseBodyError) return fromErrorResponse(error.error, error.status, where);
  if (error instanceof oauth.AuthorizationResponseError) {
    return new AuthenticationError({ ...where, providerCode: tokenSyntax(error.error) });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new AuthenticationError({ ...where, httpStatus: error.status, providerCode: 'invalid_client' });
  }
  if (trace.status !== undefined) return fromStatus(trace.status, where);
  if (!trace.sent) {
    // oauth4webapi refused the input before any request (bad parameters, a state mismatch, plain http).
    const issue =
      error instanceof oauth.OperationProcessingError
        ? inputProblem(error)
        : { path: 'oauth', code: 'invalid_oauth_input' };
    return new ConfigurationError({ ...where, issues: [issue] });
  }
  if (context.signal?.aborted) return new LedgerError({ ...where, code: 'aborted', outcome: 'uncertain' });
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return new TimeoutError({ ...where, outcome: 'uncertain' });
  if (NOT_SENT_CODES.has(causeCode(error) ?? '')) {
    return new ProviderUnavailableError({ ...where, code: 'network_error', outcome: 'failed' });
  }
  return new ProviderUnavailableError({ ...where, code: 'network_error', outcome: 'uncertain' });
}

function fromErrorResponse(
  code: string,
  status: number,
  where: { provider: string; operation: string },
): LedgerError {
  const providerCode = tokenSyntax(code);
  if (status === 429) return new RateLimitError({ ...where, httpStatus: status, providerCode });
  if (status >= 500) return new ProviderUnavailableError({ ...where, httpStatus: status, providerCode });
  if (code === 'invalid_request' || code === 'unsupported_grant_type' || code === 'invalid_scope') {
    return new ConfigurationError({ ...where, httpStatus: status, providerCode });
  }
  // invalid_grant, invalid_client, unauthorized_client, access_denied, …
  return new AuthenticationError({ ...where, httpStatus: status, providerCode });
}

function fromStatus(status: number, where: { provider: string; operation: string }): LedgerError {
  if (status >= 200 && status < 300) {
    // The server said yes but we cannot read what it issued: a rotated refresh token may be lost.
    return new ProviderResponseError({ ...where, httpStatus: status, outcome: 'uncertain' });
  }
  if (status === 429) return new RateLimitError({ ...where, httpStatus: status });
  if (status >= 500) return new ProviderUnavailableError({ ...where, httpStatus: status });
  if (status === 401 || status === 403) return new AuthenticationError({ ...where, httpStatus: status });
  return new ProviderResponseError({ ...where, httpStatus: status });
}

function inputProblem(error: oauth.OperationProcessingError): { path: string; code: string } {
  // oauth4webapi's own https check, which agrees with ours (url-policy.ts): same issue, same error.
  if (error.code === oauth.HTTP_REQUEST_FORBIDDEN || error.code === oauth.REQUEST_PROTOCOL_FORBIDDEN) {
    return { path: 'url', code: 'insecure_transport' };
  }
  if (error.code === oauth.JSON_ATTRIBUTE_COMPARISON || error.code === oauth.INVALID_RESPONSE) {
    return { path: 'oauth', code: 'callback_mismatch' };
  }
  return { path: 'oauth', code: 'invalid_oauth_input' };
}

function tokenSyntax(value: unknown): string | undefined {
  return typeof value === 'string' && OAUTH_ERROR_SYNTAX.test(value) ? value : undefined;
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}
