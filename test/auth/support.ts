/** Shared helpers for the credential suites: canary tokens and leak checks. */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { localKeyRing } from '../../src/auth/key-ring.js';
import type { TokenSet } from '../../src/auth/token-vault.js';

/** A token value that must never show up outside the vault and the wire. */
export function canary(kind: 'ACCESS' | 'REFRESH', label = ''): string {
  return `CANARY-${kind}-TOKEN-${label}${randomBytes(8).toString('hex')}`;
}

/** A canary token set. */
export function canaryTokens(overrides: Partial<TokenSet> = {}): TokenSet {
  return {
    accessToken: canary('ACCESS'),
    refreshToken: canary('REFRESH'),
    accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    refreshTokenExpiresAt: new Date(Date.now() + 100 * 86_400_000).toISOString(),
    providerTenantId: '9341453050298415',
    ...overrides,
  };
}

/** Every way an error can be rendered: message, stack, cause chain, JSON, util.inspect, String. */
export function renderings(error: unknown): string {
  const parts: string[] = [String(error), inspect(error, { depth: 10, showHidden: true })];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    parts.push(
      current.message,
      current.stack ?? '',
      JSON.stringify(current),
      inspect(current, { depth: 10 }),
    );
    current = current.cause;
  }
  return parts.join('\n');
}

/** Asserts none of `secrets` appears in `text`. */
export function expectNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (secret.length > 0) expect(text.includes(secret), 'a secret leaked').toBe(false);
  }
}

/** A key ring with versions 1..count, primary = count. */
export function testKeyRing(count = 1, primary = count) {
  const keys: Record<number, string> = {};
  for (let version = 1; version <= count; version += 1) keys[version] = randomBytes(32).toString('base64');
  return { keys, keyRing: localKeyRing({ keys, primary }) };
}
