import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  canonicalJson,
  contentFingerprint,
  createTenantSecretResolver,
  deriveIdempotencyKey,
  IDEMPOTENCY_KEY_LENGTH,
  type IdempotencyKeyInput,
  isValidCallerKey,
  resolveTenantSecret,
  scopedStoreKey,
} from '../../src/executor/idempotency/index.js';
import {
  ConfigurationError,
  isLedgerError,
  type LedgerError,
  ValidationError,
} from '../../src/http/errors.js';
import { hasShared, missingSharedMessage, sharedPath } from '../support/shared-dir.js';

const KEY_SYNTAX = /^[A-Za-z0-9_-]{43}$/;
const SECRET = new Uint8Array(32).fill(7);
const BASE: IdempotencyKeyInput = {
  secret: SECRET,
  tenantId: 'clinic-42',
  connectionId: 'qbo-main',
  intent: 'record_payment',
  content: { contactId: 'C-101', amount: '250.00', currency: 'USD' },
};

function expectNotCanonicalizable(run: () => unknown): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ValidationError).issues).toEqual([{ path: '', code: 'not_canonicalizable' }]);
}

describe.skipIf(!hasShared('vectors', 'jcs'))('canonicalJson against the RFC 8785 vectors', () => {
  it('reproduces every output byte for byte', () => {
    const inputDir = sharedPath('vectors', 'jcs', 'input');
    const outputDir = sharedPath('vectors', 'jcs', 'output');
    const names = readdirSync(inputDir).filter((name) => name.endsWith('.json'));
    expect(names.length).toBeGreaterThan(0);
    let passed = 0;
    for (const name of names) {
      const input: unknown = JSON.parse(readFileSync(join(inputDir, name), 'utf8'));
      let expected = readFileSync(join(outputDir, name));
      // The published outputs have no trailing newline; tolerate one added by an editor, as canonical
      // JSON itself can never end in one.
      if (expected.at(-1) === 0x0a) expected = expected.subarray(0, -1);
      const actual = Buffer.from(canonicalJson(input), 'utf8');
      expect(actual.equals(expected), name).toBe(true);
      passed += 1;
    }
    console.log(`RFC 8785 vectors passed: ${passed}/${names.length}`);
  });
});
if (!hasShared('vectors', 'jcs')) console.warn(missingSharedMessage('vectors', 'jcs'));

interface WycheproofMacTest {
  tcId: number;
  key: string;
  msg: string;
  tag: string;
  result: 'valid' | 'invalid' | 'acceptable';
}
interface WycheproofMacFile {
  testGroups: { keySize: number; tagSize: number; tests: WycheproofMacTest[] }[];
}

const HMAC_VECTORS = ['vectors', 'wycheproof', 'hmac_sha256_test.json'] as const;

describe.skipIf(!hasShared(...HMAC_VECTORS))('HMAC-SHA-256 against Wycheproof', () => {
  it('produces every valid tag and none of the invalid ones', () => {
    const file = JSON.parse(readFileSync(sharedPath(...HMAC_VECTORS), 'utf8')) as WycheproofMacFile;
    let valid = 0;
    let invalid = 0;
    for (const group of file.testGroups) {
      for (const test of group.tests) {
        const full = hmac(sha256, hexToBytes(test.key), hexToBytes(test.msg));
        // Groups with tagSize < 256 test truncated tags: compare the leading tagSize / 8 bytes.
        const matches = bytesToHex(full.subarray(0, group.tagSize / 8)) === test.tag;
        if (test.result === 'valid') {
          expect(matches, `tcId ${test.tcId}`).toBe(true);
          valid += 1;
        } else if (test.result === 'invalid') {
          expect(matches, `tcId ${test.tcId}`).toBe(false);
          invalid += 1;
        }
      }
    }
    expect(valid).toBeGreaterThan(0);
    console.log(`Wycheproof HMAC-SHA-256 vectors passed: ${valid} valid, ${invalid} invalid`);
  });
});
if (!hasShared(...HMAC_VECTORS)) console.warn(missingSharedMessage(...HMAC_VECTORS));

describe('canonicalJson', () => {
  it('sorts keys, drops whitespace and normalises numbers', () => {
    expect(canonicalJson({ b: [1, 2.0], a: 1.0, c: { z: null, y: true } })).toBe(
      '{"a":1,"b":[1,2],"c":{"y":true,"z":null}}',
    );
    expect(canonicalJson(JSON.parse('[1E30, 4.50, -0, 2e-3]'))).toBe('[1e+30,4.5,0,0.002]');
  });

  it('omits undefined properties and applies toJSON', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });

  it('keeps an own __proto__ key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it('allows shared references that are not cycles', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('rejects what JSON cannot carry without loss', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const cyclicArray: unknown[] = [];
    cyclicArray.push(cyclicArray);
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const sparse = [1, , 2];
    const cases: [string, unknown][] = [
      ['undefined at the root', undefined],
      ['undefined in an array', [1, undefined]],
      ['a hole in an array', sparse],
      ['bigint', { amount: 10n }],
      ['NaN', { amount: Number.NaN }],
      ['Infinity', [Number.POSITIVE_INFINITY]],
      ['-Infinity', Number.NEGATIVE_INFINITY],
      ['a function value', { run: () => 1 }],
      ['a function at the root', () => 1],
      ['a symbol value', { tag: Symbol('x') }],
      ['a cycle', cyclic],
      ['an array cycle', cyclicArray],
      ['a Map', { lookup: new Map([['a', 1]]) }],
      ['a Set', new Set([1])],
      ['a typed array', new Uint8Array([1, 2])],
      ['a boxed string', { s: new String('ab') }],
      ['a class instance', new (class Money {})()],
      ['a lone surrogate in a value', { name: 'a\uD800b' }],
      ['a lone surrogate in a key', { 'a\uDC00': 1 }],
      ['an invalid date', { at: new Date(Number.NaN) }],
    ];
    for (const [label, value] of cases) {
      expect(() => canonicalJson(value), label).toThrow(ValidationError);
      expectNotCanonicalizable(() => canonicalJson(value));
    }
  });

  it('does not leak what a throwing toJSON or getter said', () => {
    const secretText = 'PATIENT-CANARY-7731';
    const throwing = {
      toJSON() {
        throw new Error(secretText);
      },
    };
    const getter = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error(secretText);
      },
    });
    for (const value of [throwing, getter]) {
      try {
        canonicalJson(value);
        expect.unreachable();
      } catch (error) {
        expect(isLedgerError(error)).toBe(true);
        expect(JSON.stringify(error)).not.toContain(secretText);
        expect(String((error as Error).stack)).not.toContain(secretText);
        expect((error as LedgerError).cause).toBeUndefined();
      }
    }
  });

  it('round-trips arbitrary JSON and is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme' }), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

/** A deep copy of `value` whose object keys are inserted in an order drawn from `seed`. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const walk = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== 'object') return item;
    const entries = Object.entries(item);
    for (let index = entries.length - 1; index > 0; index -= 1) {
      const other = next() % (index + 1);
      [entries[index], entries[other]] = [entries[other]!, entries[index]!];
    }
    const copy: Record<string, unknown> = {};
    for (const [key, child] of entries) {
      Object.defineProperty(copy, key, {
        value: walk(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  };
  return walk(value);
}

describe('deriveIdempotencyKey', () => {
  it('is the documented HMAC over canonical JSON, in unpadded base64url', () => {
    const canonical = canonicalJson({
      tenant: BASE.tenantId,
      connection: BASE.connectionId,
      intent: BASE.intent,
      content: BASE.content,
    });
    const expected = Buffer.from(hmac(sha256, SECRET, new TextEncoder().encode(canonical))).toString(
      'base64url',
    );
    expect(deriveIdempotencyKey(BASE)).toBe(expected);
  });

  it('ignores key order and number spelling', () => {
    const first = deriveIdempotencyKey({ ...BASE, content: JSON.parse('{"a":1,"b":[1.0,2]}') });
    const second = deriveIdempotencyKey({ ...BASE, content: JSON.parse('{"b":[1,2.0],"a":1.0e0}') });
    expect(first).toBe(second);
  });

  it('differs per tenant, connection, intent, content and secret', () => {
    const keys = [
      deriveIdempotencyKey(BASE),
      deriveIdempotencyKey({ ...BASE, tenantId: 'clinic-43' }),
      deriveIdempotencyKey({ ...BASE, connectionId: 'qbo-other' }),
      deriveIdempotencyKey({ ...BASE, intent: 'create_invoice' }),
      deriveIdempotencyKey({ ...BASE, content: { ...(BASE.content as object), amount: '250.01' } }),
      deriveIdempotencyKey({ ...BASE, secret: new Uint8Array(32).fill(8) }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fits every provider limit', () => {
    const key = deriveIdempotencyKey(BASE);
    expect(key).toHaveLength(IDEMPOTENCY_KEY_LENGTH);
    expect(key).toMatch(KEY_SYNTAX);
    expect(key.length).toBeLessThanOrEqual(50); // QuickBooks requestid
    expect(key.length).toBeLessThanOrEqual(128); // Xero Idempotency-Key
    expect(isValidCallerKey(key)).toBe(true);
  });

  it('rejects a short secret and non-JSON content', () => {
    expect(() => deriveIdempotencyKey({ ...BASE, secret: new Uint8Array(31) })).toThrow(ConfigurationError);
    expectNotCanonicalizable(() => deriveIdempotencyKey({ ...BASE, content: { amount: 1n } }));
  });

  it('is stable under shuffled keys and always 43 base64url chars (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 4 })),
        fc.integer(),
        (content, seed) => {
          const key = deriveIdempotencyKey({ ...BASE, content });
          expect(key).toMatch(KEY_SYNTAX);
          expect(deriveIdempotencyKey({ ...BASE, content: shuffleKeys(content, seed) })).toBe(key);
          expect(contentFingerprint({ ...BASE, content: shuffleKeys(content, seed) })).toBe(
            contentFingerprint({ ...BASE, content }),
          );
        },
      ),
    );
  });
});

describe('contentFingerprint', () => {
  it('is 43 base64url chars, equal for equal writes, different otherwise, and not the key', () => {
    const fingerprint = contentFingerprint(BASE);
    expect(fingerprint).toMatch(KEY_SYNTAX);
    expect(contentFingerprint({ ...BASE, content: { ...(BASE.content as object) } })).toBe(fingerprint);
    expect(contentFingerprint({ ...BASE, content: { amount: '1.00' } })).not.toBe(fingerprint);
    expect(contentFingerprint({ ...BASE, intent: 'create_invoice' })).not.toBe(fingerprint);
    expect(fingerprint).not.toBe(deriveIdempotencyKey(BASE));
  });

  it('is keyed: an unkeyed hash of the content does not reproduce it', () => {
    const canonical = canonicalJson({
      tenant: BASE.tenantId,
      connection: BASE.connectionId,
      intent: BASE.intent,
      content: BASE.content,
    });
    const bare = Buffer.from(sha256(new TextEncoder().encode(canonical))).toString('base64url');
    expect(contentFingerprint(BASE)).not.toBe(bare);
    expect(contentFingerprint({ ...BASE, secret: new Uint8Array(32).fill(9) })).not.toBe(
      contentFingerprint(BASE),
    );
  });
});

describe('scopedStoreKey', () => {
  it('separates the same caller key across tenants and connections', () => {
    const keys = [
      scopedStoreKey({ tenantId: 'a', connectionId: 'c', key: 'order-1' }),
      scopedStoreKey({ tenantId: 'b', connectionId: 'c', key: 'order-1' }),
      scopedStoreKey({ tenantId: 'a', connectionId: 'd', key: 'order-1' }),
      // No delimiter ambiguity: moving characters between fields changes the key.
      scopedStoreKey({ tenantId: 'a/c', connectionId: '', key: 'order-1' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(KEY_SYNTAX);
    expect(scopedStoreKey({ tenantId: 'a', connectionId: 'c', key: 'order-1' })).toBe(keys[0]);
  });
});

describe('isValidCallerKey', () => {
  it('accepts 1–255 printable ASCII characters without spaces', () => {
    expect(isValidCallerKey('a')).toBe(true);
    expect(isValidCallerKey('order-1:retry_ok.~!')).toBe(true);
    expect(isValidCallerKey('x'.repeat(255))).toBe(true);
    for (const bad of [
      '',
      'x'.repeat(256),
      'has space',
      'tab\t',
      'naïve',
      'line\n',
      '\u007f',
      42,
      null,
      undefined,
    ]) {
      expect(isValidCallerKey(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('tenant secrets', () => {
  const master = 'm'.repeat(32);

  it('rejects a short or mistyped master secret', async () => {
    await expect(resolveTenantSecret('m'.repeat(31), 't')).rejects.toBeInstanceOf(ConfigurationError);
    await expect(resolveTenantSecret(new Uint8Array(31), 't')).rejects.toBeInstanceOf(ConfigurationError);
    await expect(resolveTenantSecret(42 as unknown as string, 't')).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    expect(() => createTenantSecretResolver('short')).toThrow(ConfigurationError);
    await expect(resolveTenantSecret(master, '')).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('never puts the secret in the error', async () => {
    const short = 'SECRET-CANARY-1234';
    const error = await resolveTenantSecret(short, 't').catch((caught: unknown) => caught);
    expect(JSON.stringify(error)).not.toContain(short);
    expect((error as Error).message).not.toContain(short);
  });

  it('derives HMAC-SHA-256(master, "ledgerbridge/idempotency/v1/" + tenant), different per tenant', async () => {
    const encoder = new TextEncoder();
    const a = await resolveTenantSecret(master, 'clinic-a');
    const b = await resolveTenantSecret(master, 'clinic-b');
    expect(a).toEqual(
      hmac(sha256, encoder.encode(master), encoder.encode('ledgerbridge/idempotency/v1/clinic-a')),
    );
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
    expect(await resolveTenantSecret(encoder.encode(master), 'clinic-a')).toEqual(a);
  });

  it('calls a secret function with the tenant id and uses its result as is', async () => {
    const perTenant = new Uint8Array(32).fill(3);
    const secret = vi.fn(async (tenantId: string) => (tenantId === 'clinic-a' ? perTenant : 'k'.repeat(40)));
    expect(await resolveTenantSecret(secret, 'clinic-a')).toEqual(perTenant);
    expect(await resolveTenantSecret(secret, 'clinic-b')).toEqual(new TextEncoder().encode('k'.repeat(40)));
    expect(secret.mock.calls).toEqual([['clinic-a'], ['clinic-b']]);
  });

  it('checks what a secret function returns and hides what it throws', async () => {
    await expect(resolveTenantSecret(() => 'short', 't')).rejects.toBeInstanceOf(ConfigurationError);
    await expect(resolveTenantSecret(() => new Uint8Array(8), 't')).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    const error = await resolveTenantSecret(() => {
      throw new Error('kms said KEY-CANARY-99');
    }, 't').catch((caught: unknown) => caught);
    expect(isLedgerError(error)).toBe(true);
    expect((error as LedgerError).code).toBe('internal');
    expect(JSON.stringify(error)).not.toContain('KEY-CANARY-99');
  });

  it('returns copies, so callers cannot corrupt the resolver cache', async () => {
    const resolve = createTenantSecretResolver(master, { cacheSize: 2 });
    const first = await resolve('clinic-a');
    const expected = first.slice();
    first.fill(0);
    expect(await resolve('clinic-a')).toEqual(expected);
    await resolve('clinic-b');
    await resolve('clinic-c'); // evicts the least recently used; the result must not change
    expect(await resolve('clinic-a')).toEqual(await resolveTenantSecret(master, 'clinic-a'));
  });

  it('copies a master Uint8Array at construction', async () => {
    const bytes = new TextEncoder().encode(master);
    const resolve = createTenantSecretResolver(bytes, { cacheSize: 0 });
    const before = await resolve('t');
    bytes.fill(0);
    expect(await resolve('t')).toEqual(before);
  });

  it('calls a secret function on every resolution (the host owns caching and rotation)', async () => {
    const secret = vi.fn(() => 'r'.repeat(32));
    const resolve = createTenantSecretResolver(secret);
    await resolve('t');
    await resolve('t');
    expect(secret).toHaveBeenCalledTimes(2);
  });
});
