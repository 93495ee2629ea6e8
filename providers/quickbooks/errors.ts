import type { ErrorContext } from '../../src/engine/definition.js';
import {
  AuthenticationError,
  ConflictError,
  type LedgerError,
  NotFoundError,
  PermissionError,
  ProviderUnavailableError,
  RateLimitError,
  ValidationError,
} from '../../src/http/errors.js';
import { parseRetryAfter, retryAtFrom } from '../../src/http/retry-after.js';
import { errorForStatus } from '../../src/http/status-errors.js';
import type { HttpResponse } from '../../src/http/transport.js';

/** Intuit asks throttled apps to wait a minute before trying again. */
export const QUICKBOOKS_THROTTLE_WAIT_SECONDS = 60;

interface FaultSummary {
  readonly code: string | undefined;
  readonly type: string | undefined;
  readonly element: string | undefined;
}

const NOT_FOUND_CODES = new Set(['610']);
const STALE_CODES = new Set(['5010']);
const DUPLICATE_CODES = new Set(['6240', '6140']);
const THROTTLE_CODES = new Set(['3001', '003001']);
const AUTH_CODES = new Set(['3200', '003200', '3201', '3202']);
const PERMISSION_CODES = new Set(['3100', '003100', '5020']);
const ELEMENT_SYNTAX = /^[A-Za-z][A-Za-z0-9_.[\]]{0,127}$/;

/**
 * Maps a QuickBooks Fault to our error family. Only the numeric code, the fault type and the element name
 * (when it is a field name) are read; `Message` and `Detail` are ignored because QuickBooks echoes
 * submitted values, such as a patient's name, in them.
 */
export function parseQuickBooksError(response: HttpResponse, context: ErrorContext): LedgerError | undefined {
  if (response.status < 400) return undefined;
  const fault = readFault(response.text);
  // Only a numeric code is kept: a fault whose `code` is anything else is treated as having none.
  const code =
    fault.code !== undefined && /^\d{1,10}$/.test(fault.code)
      ? fault.code.replace(/^0+(?=\d)/, '')
      : undefined;
  const providerCode = code;
  const element = fault.element && ELEMENT_SYNTAX.test(fault.element) ? fault.element : '';
  const base = { providerCode, httpStatus: response.status };

  if (response.status === 429 || (code && THROTTLE_CODES.has(code))) {
    const seconds = parseRetryAfter(response.headers.get('retry-after')) ?? QUICKBOOKS_THROTTLE_WAIT_SECONDS;
    return new RateLimitError({
      ...base,
      retryAt: retryAtFrom(seconds),
      rateLimit: { remaining: 0, resetSeconds: seconds, scope: 'minute', policy: 'quickbooks-realm' },
    });
  }
  if (response.status === 401 || (code && AUTH_CODES.has(code))) return new AuthenticationError(base);
  if (response.status === 403 || (code && PERMISSION_CODES.has(code))) return new PermissionError(base);
  if (code && NOT_FOUND_CODES.has(code)) return new NotFoundError(base);
  if (code && STALE_CODES.has(code)) return new ConflictError({ ...base, code: 'stale_object' });
  if (code && DUPLICATE_CODES.has(code)) return new ConflictError({ ...base, code: 'duplicate' });
  if (response.status >= 500) {
    return new ProviderUnavailableError({ ...base, outcome: context.isWrite ? 'uncertain' : 'failed' });
  }
  if (response.status === 400 || fault.type === 'ValidationFault') {
    return new ValidationError({
      ...base,
      issues: [{ path: element, code: `quickbooks_${code ?? 'fault'}` }],
    });
  }
  return errorForStatus(response.status).with(base);
}

function readFault(text: string): FaultSummary {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) return readXmlFault(trimmed);
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    // Authentication faults use lower-case keys (`fault.error`), everything else `Fault.Error`.
    const fault = (body.Fault ?? body.fault) as Record<string, unknown> | undefined;
    const errors = (fault?.Error ?? fault?.error) as Record<string, unknown>[] | undefined;
    const first = Array.isArray(errors) ? errors[0] : undefined;
    return {
      code: typeof first?.code === 'string' ? first.code : undefined,
      type: typeof fault?.type === 'string' ? fault.type : undefined,
      element: typeof first?.element === 'string' ? first.element : undefined,
    };
  } catch {
    return { code: undefined, type: undefined, element: undefined };
  }
}

/** XML faults (sent when a request asked for XML, or by some gateways): only attributes are read. */
function readXmlFault(text: string): FaultSummary {
  const code = /<Error\b[^>]*\bcode="(\d{1,10})"/.exec(text)?.[1];
  const type = /<Fault\b[^>]*\btype="([A-Za-z]{1,40})"/.exec(text)?.[1];
  const element = /<Error\b[^>]*\belement="([A-Za-z0-9_.]{1,128})"/.exec(text)?.[1];
  return { code, type, element };
}
