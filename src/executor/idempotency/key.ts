import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ConfigurationError } from '../../http/errors.js';
import { canonicalJson } from './canonical-json.js';
import { MIN_IDEMPOTENCY_SECRET_BYTES } from './secrets.js';

/** What identifies one logical write. */
export interface IdempotencyKeyInput {
  /** The tenant's HMAC key, from `resolveTenantSecret` / `createTenantSecretResolver`. */
  readonly secret: Uint8Array;
  readonly tenantId: string;
  readonly connectionId: string;
  /** The intent type, for example `record_payment`. */
  readonly intent: string;
  /**
   * The semantic content of the write: the validated command, without anything that varies between
   * retries of the same write (timestamps of the attempt, actor session, rationale).
   */
  readonly content: unknown;
}

/** Length of every derived key: 32 HMAC bytes in unpadded base64url. */
export const IDEMPOTENCY_KEY_LENGTH = 43;

const FINGERPRINT_KEY_LABEL = 'ledgerbridge/idempotency/fingerprint/v1';
const STORE_KEY_LABEL = 'ledgerbridge/idempotency/store-key/v1';
const encoder = new TextEncoder();

/**
 * Derives the idempotency key of a write: unpadded base64url of HMAC-SHA-256(secret, RFC 8785 JSON of
 * `{ tenant, connection, intent, content }`). The same write always gets the same key, whatever its key
 * order or number spelling, so every retry (and a repeat of the call) carries one key. Always
 * {@link IDEMPOTENCY_KEY_LENGTH} characters of `[A-Za-z0-9_-]`, within QuickBooks' `requestid` (50) and
 * Xero's `Idempotency-Key` (128) limits.
 *
 * @throws {ValidationError} `not_canonicalizable` when `content` is not plain JSON data.
 * @throws {ConfigurationError} when `secret` is shorter than 32 bytes.
 */
export function deriveIdempotencyKey(input: IdempotencyKeyInput): string {
  return base64url(hmac(sha256, checkedSecret(input.secret), encoder.encode(identityJson(input))));
}

/**
 * A fingerprint of a write's identity, stored beside a key so that a key reused for different content is
 * detected (`IdempotencyConflictError`). Equal for equal writes, different otherwise; 43 base64url chars.
 *
 * Keyed on purpose (HMAC under a subkey of the tenant secret, not a bare SHA-256): stores may be
 * persisted by the host, and an unkeyed hash of small, guessable content (an amount, a contact, a date)
 * could be confirmed by brute force, which would leak the payload it stands for.
 */
export function contentFingerprint(input: IdempotencyKeyInput): string {
  const fingerprintKey = hmac(sha256, checkedSecret(input.secret), encoder.encode(FINGERPRINT_KEY_LABEL));
  return base64url(hmac(sha256, fingerprintKey, encoder.encode(identityJson(input))));
}

/**
 * The key under which a write is kept in an idempotency store: one string per tenant, connection and
 * idempotency key, so that two tenants using the same caller-supplied key (`order-1`) never meet in a
 * shared store. Unpadded base64url of SHA-256, 43 characters; it scopes, it does not hide.
 */
export function scopedStoreKey(input: { tenantId: string; connectionId: string; key: string }): string {
  const scoped = canonicalJson([STORE_KEY_LABEL, input.tenantId, input.connectionId, input.key]);
  return base64url(sha256(encoder.encode(scoped)));
}

const CALLER_KEY_SYNTAX = /^[\x21-\x7E]{1,255}$/;

/**
 * True when a caller-supplied idempotency key is usable: 1–255 printable ASCII characters, no spaces.
 * Keys longer than a provider accepts (QuickBooks 50, Xero 128) are shortened per provider when sent.
 */
export function isValidCallerKey(key: unknown): key is string {
  return typeof key === 'string' && CALLER_KEY_SYNTAX.test(key);
}

function identityJson(input: IdempotencyKeyInput): string {
  return canonicalJson({
    tenant: input.tenantId,
    connection: input.connectionId,
    intent: input.intent,
    content: input.content,
  });
}

function checkedSecret(secret: Uint8Array): Uint8Array {
  if (!(secret instanceof Uint8Array) || secret.length < MIN_IDEMPOTENCY_SECRET_BYTES) {
    throw new ConfigurationError({ issues: [{ path: 'secret', code: 'too_small' }] });
  }
  return secret;
}

function base64url(bytes: Uint8Array): string {
  // btoa is global in Node ≥ 16, browsers and edge runtimes; Buffer would tie the root entry to Node.
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
