import { describe, expect, it } from 'vitest';
import { parseQuickBooksError } from '../../providers/quickbooks/errors.js';
import type { HttpResponse } from '../../src/http/transport.js';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: new Headers(headers),
    text: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function fault(
  code: string,
  type = 'ValidationFault',
  detail = 'Detail echoing Test Patient Canary',
  element?: string,
) {
  return {
    Fault: { Error: [{ Message: 'Message about Test Patient Canary', Detail: detail, code, element }], type },
  };
}

const read = { operation: 'invoices.get', isWrite: false };
const write = { operation: 'invoices.create', isWrite: true };

describe('QuickBooks fault mapping', () => {
  it.each([
    [400, fault('610'), 'NotFoundError', 'not_found'],
    [400, fault('5010'), 'ConflictError', 'stale_object'],
    [400, fault('6240'), 'ConflictError', 'duplicate'],
    [400, fault('2020'), 'ValidationError', 'validation_failed'],
    [400, fault('4000'), 'ValidationError', 'validation_failed'],
    [429, fault('3001', 'SERVICE'), 'RateLimitError', 'rate_limited'],
    [403, fault('003100', 'SECURITY'), 'PermissionError', 'permission_denied'],
    [500, fault('10000', 'SystemFault'), 'ProviderUnavailableError', 'provider_unavailable'],
    [
      401,
      {
        fault: {
          error: [{ message: 'x', detail: 'Token expired: abc', code: '3200' }],
          type: 'AUTHENTICATION',
        },
      },
      'AuthenticationError',
      'authentication_failed',
    ],
    [404, 'not json at all', 'NotFoundError', 'not_found'],
  ] as const)('HTTP %i %j → %s', (status, body, name, code) => {
    const error = parseQuickBooksError(response(status, body), read);
    expect(error?.name).toBe(name);
    expect(error?.code).toBe(code);
    expect(JSON.stringify(error)).not.toContain('Canary');
    expect(String(error?.stack)).not.toContain('Canary');
  });

  it('keeps the numeric provider code and a field-name element only', () => {
    const error = parseQuickBooksError(
      response(400, fault('2020', 'ValidationFault', 'x', 'Line.Amount')),
      write,
    );
    expect(error?.providerCode).toBe('2020');
    expect(error?.issues).toEqual([{ path: 'Line.Amount', code: 'quickbooks_2020' }]);
    const freeText = parseQuickBooksError(
      response(400, fault('2020', 'ValidationFault', 'x', 'Jane Doe, DOB 1/1')),
      write,
    );
    expect(freeText?.issues).toEqual([{ path: '', code: 'quickbooks_2020' }]);
  });

  it('throttling waits Intuit’s 60 seconds unless Retry-After says otherwise', () => {
    const now = Date.now();
    const error = parseQuickBooksError(response(429, fault('3001', 'SERVICE')), read);
    expect(Date.parse(error!.retryAt!) - now).toBeGreaterThanOrEqual(59_000);
    expect(error?.rateLimit).toMatchObject({ remaining: 0, resetSeconds: 60, scope: 'minute' });
    const told = parseQuickBooksError(response(429, fault('3001', 'SERVICE'), { 'retry-after': '5' }), read);
    expect(told?.rateLimit?.resetSeconds).toBe(5);
  });

  it('reads XML faults by attribute only', () => {
    const xml = `<?xml version="1.0"?><IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>Test Patient Canary</Message></Error></Fault></IntuitResponse>`;
    const error = parseQuickBooksError(response(429, xml), read);
    expect(error?.code).toBe('rate_limited');
    expect(error?.providerCode).toBe('3001');
  });

  it('marks a 5xx on a write as uncertain', () => {
    expect(parseQuickBooksError(response(503, fault('10000', 'SystemFault')), write)?.outcome).toBe(
      'uncertain',
    );
    expect(parseQuickBooksError(response(503, fault('10000', 'SystemFault')), read)?.outcome).toBe('failed');
  });

  it('ignores successful responses', () => {
    expect(parseQuickBooksError(response(200, { Invoice: {} }), read)).toBeUndefined();
  });
});

describe('QuickBooks fault codes that are not codes', () => {
  it('never carry free text into the error, its issues or its message', () => {
    const body = {
      Fault: {
        Error: [
          { Message: 'x', Detail: 'y', code: 'Duplicate name Jane_Doe_DOB_1980', element: 'DisplayName' },
        ],
        type: 'ValidationFault',
      },
    };
    const error = parseQuickBooksError(response(400, body), write);
    expect(error?.issues).toEqual([{ path: 'DisplayName', code: 'quickbooks_fault' }]);
    expect(JSON.stringify(error)).not.toContain('Jane');
    expect(String(error?.message)).not.toContain('Jane');
  });
});
