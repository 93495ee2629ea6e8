import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyXeroMessage, parseXeroError } from '../../providers/xero/index.js';
import { createXeroSimulator } from '../../providers/xero/testing.js';
import { isLedgerError, type LedgerError } from '../../src/http/errors.js';
import type { HttpResponse } from '../../src/http/transport.js';
import { renderError } from '../support/canary.js';
import { xeroProviderClient } from '../support/xero-client.js';

const CANARY = 'Test Patient Canary Q7Z';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: new Headers(headers),
    text: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function validationException(elements: unknown[]) {
  return {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  };
}

const write = { operation: 'invoices.create', isWrite: true };

describe('parseXeroError: ValidationException', () => {
  it.each([
    [
      `The contact name ${CANARY} is already assigned to another contact. The contact name must be unique across all active contacts.`,
      'xero_duplicate',
      '',
    ],
    ["Account code '9999' is not a valid code for this document.", 'xero_invalid_account', 'accountId'],
    ['Account code must be specified.', 'xero_account_required', 'accountId'],
    [
      "The TaxType code 'GST on Income' does not exist or cannot be used for this type of transaction.",
      'xero_invalid_tax_type',
      'taxRateId',
    ],
    ["Item code 'X-1' is not valid.", 'xero_invalid_item', 'itemId'],
    [`The contact ${CANARY} is archived and cannot be used.`, 'xero_invalid_contact', 'contactId'],
    ['Payment amount exceeds the amount outstanding on this document.', 'xero_amount_exceeds_due', 'amount'],
    ['The total debits (10.00) must equal total credits (9.00).', 'xero_unbalanced', 'lines'],
    ['Invoice not of valid status for modification.', 'xero_invalid_status', ''],
    ['This document cannot be updated as it has a payment allocated.', 'xero_invalid_status', ''],
    ['The due date must be on or after the invoice date.', 'xero_invalid_date', ''],
    ['The currency EUR is not enabled for this organisation.', 'xero_invalid_currency', 'currency'],
    ['Narration must be specified.', 'xero_required_field', ''],
    ['Something Xero has never said before', 'xero_validation', ''],
  ])('%s → %s', (message, code, field) => {
    const error = parseXeroError(
      response(400, validationException([{ Name: CANARY, ValidationErrors: [{ Message: message }] }])),
      write,
    );
    expect(error?.issues).toEqual([{ path: field, code }]);
    expect(classifyXeroMessage(message).code).toBe(code);
    expect(renderError(error)).not.toContain(CANARY);
    expect(renderError(error)).not.toContain(message.slice(0, 20));
  });

  it('reads line-level errors as lines.N paths and keeps Xero’s type as the provider code', () => {
    const error = parseXeroError(
      response(
        400,
        validationException([
          {
            Contact: { Name: CANARY },
            LineItems: [
              { Description: CANARY, ValidationErrors: [] },
              {
                Description: CANARY,
                ValidationErrors: [{ Message: "Account code '123' is not a valid code for this document." }],
              },
            ],
            ValidationErrors: [{ Message: 'Invoice Type must be specified.' }],
          },
        ]),
      ),
      write,
    );
    expect(error).toMatchObject({
      name: 'ValidationError',
      code: 'validation_failed',
      httpStatus: 400,
      providerCode: 'ValidationException',
      issues: [
        { path: '', code: 'xero_required_field' },
        { path: 'lines.1.accountId', code: 'xero_invalid_account' },
      ],
    });
    expect(renderError(error)).not.toContain(CANARY);
  });

  it('keeps element indexes for batches, and caps what it reads from a hostile body', () => {
    const batch = parseXeroError(
      response(
        400,
        validationException([
          { ValidationErrors: [] },
          { ValidationErrors: [{ Message: 'Date is not valid' }] },
        ]),
      ),
      write,
    );
    expect(batch?.issues).toEqual([{ path: 'elements.1', code: 'xero_invalid_date' }]);
    const hostile = parseXeroError(
      response(
        400,
        validationException([
          {
            ValidationErrors: Array.from({ length: 500 }, () => ({ Message: 'x' })),
            [CANARY]: { ValidationErrors: [{ Message: 'y' }] },
          },
        ]),
      ),
      write,
    );
    expect(hostile?.issues).toHaveLength(50);
    expect(JSON.stringify(hostile)).not.toContain(CANARY);
  });

  it('a duplicate alone is a ConflictError coded duplicate', () => {
    const error = parseXeroError(
      response(
        400,
        validationException([
          {
            ValidationErrors: [
              { Message: `The contact name ${CANARY} is already assigned to another contact.` },
            ],
          },
        ]),
      ),
      write,
    );
    expect(error).toMatchObject({
      name: 'ConflictError',
      code: 'duplicate',
      issues: [{ path: '', code: 'xero_duplicate' }],
    });
  });
});

describe('parseXeroError: by status', () => {
  it.each([
    [
      401,
      { Title: 'Unauthorized', Detail: 'AuthenticationUnsuccessful' },
      'AuthenticationError',
      'authentication_failed',
    ],
    [
      403,
      { Title: 'Forbidden', Detail: 'AuthenticationUnsuccessful' },
      'PermissionError',
      'permission_denied',
    ],
    [404, "The resource you're looking for cannot be found", 'NotFoundError', 'not_found'],
    [
      400,
      {
        ErrorNumber: 14,
        Type: 'PostDataInvalidException',
        Message: `JSON for post data was invalid ${CANARY}`,
      },
      'ValidationError',
      'validation_failed',
    ],
    [
      400,
      { ErrorNumber: 16, Type: 'QueryParseException', Message: `No property ${CANARY}` },
      'ValidationError',
      'validation_failed',
    ],
    [
      400,
      { Title: 'Bad Request', Detail: 'The Idempotency-Key has already been used with a different request.' },
      'IdempotencyConflictError',
      'idempotency_conflict',
    ],
    [
      400,
      { Title: 'Idempotency key reuse', Detail: 'request body does not match the original request' },
      'IdempotencyConflictError',
      'idempotency_conflict',
    ],
    [
      500,
      { Title: 'An error occurred', Detail: `while processing ${CANARY}` },
      'ProviderUnavailableError',
      'provider_unavailable',
    ],
    [503, 'Organisation is offline', 'ProviderUnavailableError', 'provider_unavailable'],
  ])('%i %j → %s', (status, body, name, code) => {
    const error = parseXeroError(response(status, body), { operation: 'invoices.get', isWrite: false });
    expect(error).toMatchObject({ name, code, httpStatus: status });
    expect(renderError(error)).not.toContain(CANARY);
  });

  it('post-data and query errors say which', () => {
    expect(
      parseXeroError(response(400, { ErrorNumber: 14, Type: 'PostDataInvalidException' }), write)?.issues,
    ).toEqual([{ path: '', code: 'xero_post_data_invalid' }]);
    expect(
      parseXeroError(response(400, { ErrorNumber: 16, Type: 'QueryParseException' }), write)?.issues,
    ).toEqual([{ path: '', code: 'xero_query_invalid' }]);
  });

  it('a 5xx on a write is uncertain; on a read it failed', () => {
    expect(parseXeroError(response(502, ''), write)?.outcome).toBe('uncertain');
    expect(parseXeroError(response(502, ''), { operation: 'invoices.get', isWrite: false })?.outcome).toBe(
      'failed',
    );
  });

  it.each([
    ['minute', '17', 'minute', 17, 'xero-tenant-minute', 60],
    ['day', '3600', 'day', 3600, 'xero-tenant-day', 5000],
    ['appminute', '42', 'app', 42, 'xero-app-minute', 10000],
    ['concurrent', '1', 'concurrency', 1, 'xero-tenant-concurrent', 5],
    ['Daily', undefined, 'day', 3600, 'xero-tenant-day', 5000],
    [undefined, undefined, 'minute', 60, 'xero-tenant-minute', 60],
  ])(
    '429 X-Rate-Limit-Problem %s, Retry-After %s → scope %s',
    (problem, retryAfter, scope, seconds, policy, limit) => {
      const before = Date.now();
      const error = parseXeroError(
        response(429, '', {
          ...(problem === undefined ? {} : { 'x-rate-limit-problem': problem }),
          ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
        }),
        { operation: 'invoices.list', isWrite: false },
      );
      expect(error).toMatchObject({
        name: 'RateLimitError',
        code: 'rate_limited',
        retryable: true,
        rateLimit: { scope, remaining: 0, resetSeconds: seconds, policy, limit },
      });
      const retryAt = Date.parse(String(error?.retryAt));
      expect(retryAt).toBeGreaterThanOrEqual(before + seconds * 1000 - 5);
    },
  );
});

describe('errors from the simulator carry no Xero text', () => {
  const sim = createXeroSimulator({ throttle: false });
  const server = setupServer(...sim.handlers);
  const client = xeroProviderClient(sim, { retries: 0 });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    sim.faults.clear();
    sim.reset();
  });
  afterAll(() => server.close());

  async function failure(action: () => Promise<unknown>): Promise<LedgerError> {
    try {
      await action();
    } catch (error) {
      if (isLedgerError(error)) return error;
      throw error;
    }
    throw new Error('expected a LedgerError');
  }

  it('a duplicate contact name (echoed by Xero) is a ConflictError with no name in it', async () => {
    const name = String(sim.organisation.list('Contact')[0]?.Name);
    const error = await failure(() => client.create('customers', { displayName: name }));
    expect(error).toMatchObject({
      name: 'ConflictError',
      code: 'duplicate',
      provider: 'xero',
      operation: 'customers.create',
      httpStatus: 400,
    });
    expect(error.providerRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(renderError(error)).not.toContain(name);
  });

  it('401, 403 and 404 map by status', async () => {
    const wrongToken = createXeroSimulator({ accessToken: 'another-token', throttle: false });
    const other = xeroProviderClient(
      {
        ...wrongToken,
        credentials: { ...wrongToken.credentials, accessToken: 'nope', tenantId: sim.credentials.tenantId },
      },
      { retries: 0 },
    );
    expect(await failure(() => other.get('company', 'current'))).toMatchObject({
      name: 'AuthenticationError',
      httpStatus: 401,
    });
    const foreign = xeroProviderClient(
      { ...sim, credentials: { ...sim.credentials, tenantId: '00000000-0000-4000-8000-0000000000aa' } },
      { retries: 0 },
    );
    expect(await failure(() => foreign.get('company', 'current'))).toMatchObject({
      name: 'PermissionError',
      httpStatus: 403,
    });
    expect(await failure(() => client.get('invoices', '00000000-0000-4000-8000-0000000000bb'))).toMatchObject(
      {
        name: 'NotFoundError',
        code: 'not_found',
        httpStatus: 404,
        operation: 'invoices.get',
      },
    );
    expect(await failure(() => client.get('invoices', 'INV-0001'))).toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'id', code: 'invalid_id' }],
    });
  });

  it('a server error that echoes the request body is retried, then reported without the echo', async () => {
    sim.faults.inject({ kind: 'server_error', method: 'PUT', times: 5 });
    const retrying = xeroProviderClient(sim, { retries: 2 });
    const error = await failure(() =>
      retrying.create('customers', { displayName: CANARY }, { idempotencyKey: 'server-error-1' }),
    );
    expect(error).toMatchObject({
      name: 'ProviderUnavailableError',
      attempts: 3,
      outcome: 'uncertain',
      httpStatus: 500,
    });
    expect(renderError(error)).not.toContain(CANARY);
  });
});
