import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  isLedgerError,
  LEDGER_ERROR_FIELD_NAMES,
  LedgerError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from '../../src/http/errors.js';

describe('LedgerError', () => {
  it('composes its message from allow-listed fields only', () => {
    const error = new NotFoundError({ provider: 'quickbooks', operation: 'invoices.get', httpStatus: 400 });
    expect(error.message).toBe('quickbooks invoices.get: not_found (HTTP 400)');
    expect(error.name).toBe('NotFoundError');
    expect(error.retryable).toBe(false);
    expect(error.outcome).toBe('failed');
  });

  it('serialises exactly the allow-listed fields', () => {
    const error = new RateLimitError({ provider: 'xero', retryAt: '2026-01-01T00:00:00.000Z', attempts: 2 });
    const json = error.toJSON();
    for (const key of Object.keys(json)) expect(LEDGER_ERROR_FIELD_NAMES).toContain(key);
    expect(json).toMatchObject({
      name: 'RateLimitError',
      code: 'rate_limited',
      retryable: true,
      attempts: 2,
    });
  });

  it('drops provider codes and request ids that are not token syntax', () => {
    const error = new LedgerError({
      code: 'validation_failed',
      providerCode: 'Name Jane Doe already exists',
      providerRequestId: 'tid with spaces',
    });
    expect(error.providerCode).toBeUndefined();
    expect(error.providerRequestId).toBeUndefined();
    expect(new LedgerError({ code: 'conflict', providerCode: '5010' }).providerCode).toBe('5010');
  });

  it('keeps only LedgerError causes', () => {
    const fields = { code: 'internal', cause: new Error('secret body') as unknown as LedgerError } as const;
    const error = new LedgerError(fields);
    expect(error.cause).toBeUndefined();
    const inner = new NotFoundError({});
    expect(new LedgerError({ code: 'internal', cause: inner }).cause).toBe(inner);
  });

  it('names validation paths and never values', () => {
    const error = new ValidationError({ issues: [{ path: 'lines.0.amount', code: 'invalid_string' }] });
    expect(error.message).toContain('lines.0.amount invalid_string');
    expect(inspect(error)).toContain('lines.0.amount');
  });

  it('is recognised across package copies by its global brand', () => {
    const foreign = Object.create(null) as Record<symbol, unknown>;
    foreign[Symbol.for('ledgerbridge.LedgerError')] = true;
    expect(isLedgerError(foreign)).toBe(true);
    expect(isLedgerError(new Error('x'))).toBe(false);
    expect(isLedgerError(new ConfigurationError({}))).toBe(true);
  });

  it('with() keeps the class and merges fields', () => {
    const error = new NotFoundError({ provider: 'quickbooks' }).with({ attempts: 3 });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.attempts).toBe(3);
    expect(error.provider).toBe('quickbooks');
  });
});

describe('LedgerError issues', () => {
  it('replace any path or code that is not identifier syntax', () => {
    const error = new ValidationError({
      issues: [
        { path: 'lines.0.amount', code: 'Name Jane Doe exists' },
        { path: 'Jane Doe', code: 'x' },
      ],
    });
    expect(error.issues).toEqual([
      { path: 'lines.0.amount', code: 'unrecognised' },
      { path: '', code: 'x' },
    ]);
    expect(error.message).not.toContain('Jane');
  });
});
