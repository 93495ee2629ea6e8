import { describe, expect, it } from 'vitest';
import { parseNetSuiteThrottle } from '../../providers/netsuite/rate-limit.js';
import { parseQuickBooksError } from '../../providers/quickbooks/errors.js';
import { parseIetfRateLimit } from '../../src/http/ietf-rate-limit.js';
import { mostRestrictive, rateLimitHeaders } from '../../src/http/rate-limit-info.js';
import { parseRetryAfter } from '../../src/http/retry-after.js';
import type { HttpResponse } from '../../src/http/transport.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('Retry-After', () => {
  it.each([
    ['0', 0],
    ['120', 120],
    ['  7 ', 7],
    ['86400', 86_400],
    ['86401', undefined],
    ['99999999999999999999', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['', undefined],
    ['soon', undefined],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30],
    ['Sun, 01 Mar 2026 11:59:00 GMT', undefined],
    ['Sun, 01 Mar 2026 12:00:00 GMT', undefined],
    ['Sunday, 01-Mar-26 12:00:30 GMT', undefined],
    ['Mon, 01 Mar 2100 12:00:00 GMT', undefined],
    ['Sun, 32 Mar 2026 12:00:30 GMT', undefined],
  ])('%j → %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('ignores absent headers', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('IETF RateLimit fields', () => {
  const parse = (headers: Record<string, string>) => parseIetfRateLimit(new Headers(headers), NOW);

  it.each([
    [
      'the lower-case trio',
      { 'ratelimit-limit': '100', 'ratelimit-remaining': '42', 'ratelimit-reset': '30' },
      { limit: 100, remaining: 42, resetSeconds: 30 },
    ],
    [
      'a structured pair',
      { ratelimit: '"default";r=50;t=30', 'ratelimit-policy': '"default";q=100;w=60' },
      { limit: 100, remaining: 50, resetSeconds: 30, windowSeconds: 60, policy: 'default' },
    ],
    [
      'a token policy name',
      { ratelimit: 'burst;r=5;t=1', 'ratelimit-policy': 'burst;q=10;w=1' },
      { limit: 10, remaining: 5, resetSeconds: 1, windowSeconds: 1, policy: 'burst' },
    ],
    [
      'several policies: the one that makes us wait wins',
      {
        ratelimit: '"minute";r=0;t=20, "day";r=4000;t=50000',
        'ratelimit-policy': '"minute";q=60;w=60, "day";q=5000;w=86400',
      },
      { limit: 60, remaining: 0, resetSeconds: 20, windowSeconds: 60, policy: 'minute' },
    ],
    [
      'several policies none exhausted: the fewest remaining wins',
      { ratelimit: '"minute";r=9;t=20, "day";r=3;t=50000' },
      { remaining: 3, resetSeconds: 50_000, policy: 'day' },
    ],
    [
      'Retry-After wins over a reset parameter',
      { ratelimit: '"default";r=0;t=5', 'retry-after': '90' },
      { remaining: 0, resetSeconds: 90, policy: 'default' },
    ],
    ['Retry-After alone', { 'retry-after': '12' }, { remaining: 0, resetSeconds: 12 }],
  ])('%s', (_name, headers, expected) => {
    expect(parse(headers)).toMatchObject(expected);
  });

  it.each([
    ['garbage structured field', { ratelimit: ';;;=="' }],
    ['negative numbers', { 'ratelimit-remaining': '-1', 'ratelimit-reset': '-30' }],
    [
      'huge numbers',
      { 'ratelimit-remaining': '999999999999999', ratelimit: '"x";r=99999999999999;t=9999999999' },
    ],
    ['floats', { 'ratelimit-reset': '1.5', ratelimit: '"x";r=1.5' }],
    ['inner lists', { ratelimit: '("a" "b");r=1' }],
    ['a past Retry-After', { 'retry-after': 'Sun, 01 Mar 2026 11:00:00 GMT' }],
    ['nothing at all', {}],
  ])('%s are ignored', (_name, headers) => {
    expect(parse(headers)).toBeUndefined();
  });

  it('keeps the valid policy when another is garbage', () => {
    expect(parse({ ratelimit: '"ok";r=3;t=10', 'ratelimit-remaining': 'abc' })).toMatchObject({
      remaining: 3,
      policy: 'ok',
    });
  });
});

describe('rendering for hosts that re-expose limits', () => {
  it('renders the trio and the structured fields, and they parse back', () => {
    const info = {
      limit: 500,
      remaining: 12,
      resetSeconds: 29.2,
      windowSeconds: 60,
      policy: 'quickbooks-realm',
      scope: 'minute' as const,
    };
    const headers = rateLimitHeaders(info);
    expect(headers).toEqual({
      'ratelimit-limit': '500',
      'ratelimit-remaining': '12',
      'ratelimit-reset': '30',
      RateLimit: '"quickbooks-realm";r=12;t=30',
      'RateLimit-Policy': '"quickbooks-realm";q=500;w=60',
    });
    expect(parseIetfRateLimit(new Headers(headers), NOW)).toMatchObject({
      limit: 500,
      remaining: 12,
      resetSeconds: 30,
      windowSeconds: 60,
    });
  });

  it('never renders a free-text policy name or a negative number', () => {
    expect(rateLimitHeaders({ remaining: -3, policy: 'Jane Doe practice' })).toEqual({});
    expect(rateLimitHeaders({ remaining: 2, policy: 'Jane Doe practice' }).RateLimit).toBe('"default";r=2');
  });

  it('picks the most restrictive of several', () => {
    expect(
      mostRestrictive(
        { remaining: 5 },
        undefined,
        { remaining: 0, resetSeconds: 3 },
        { remaining: 0, resetSeconds: 9 },
      ),
    ).toEqual({
      remaining: 0,
      resetSeconds: 9,
    });
    expect(mostRestrictive()).toBeUndefined();
  });
});

function response(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: new Headers(headers), text: body };
}

describe('provider throttling', () => {
  it('QuickBooks 429 with fault 3001 (JSON and XML) waits Intuit’s minute', () => {
    const json = '{"Fault":{"Error":[{"Message":"x","Detail":"y","code":"3001"}],"type":"SERVICE"}}';
    const xml =
      '<IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>x</Message></Error></Fault></IntuitResponse>';
    for (const body of [json, xml]) {
      const error = parseQuickBooksError(response(429, body), { operation: 'invoices.list', isWrite: false });
      expect(error).toMatchObject({
        code: 'rate_limited',
        providerCode: '3001',
        rateLimit: { resetSeconds: 60, remaining: 0 },
      });
    }
  });

  it.each([
    [429, '{}', {}, 1],
    [429, 'not json', { 'retry-after': '4' }, 4],
    [400, '{"o:errorDetails":[{"detail":"Jane Doe","o:errorCode":"SSS_REQUEST_LIMIT_EXCEEDED"}]}', {}, 1],
    [403, '{"o:errorDetails":[{"o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"}]}', {}, 1],
  ])('NetSuite %i %s is a concurrency rejection', (status, body, headers, seconds) => {
    const error = parseNetSuiteThrottle(response(status, body, headers));
    expect(error).toMatchObject({
      code: 'rate_limited',
      rateLimit: { scope: 'concurrency', resetSeconds: seconds },
    });
    expect(JSON.stringify(error)).not.toContain('Jane Doe');
  });

  it('NetSuite errors that are not throttling are left to the error mapper', () => {
    expect(
      parseNetSuiteThrottle(response(400, '{"o:errorDetails":[{"o:errorCode":"INVALID_FIELD"}]}')),
    ).toBeUndefined();
  });
});
