import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ConfigurationError, isLedgerError, LedgerError } from '../../http/errors.js';

/**
 * The secret idempotency keys are derived from.
 *
 * - A `string` (UTF-8, at least 32 characters) or `Uint8Array` (at least 32 bytes) is a master secret:
 *   each tenant gets its own key, HMAC-SHA-256(master, `ledgerbridge/idempotency/v1/<tenantId>`), so two
 *   tenants never share a key space.
 * - A function is called once per resolution with the tenant id, for hosts that keep one secret per tenant
 *   in their KMS; what it returns (at least 32 bytes) is used as that tenant's key as is. ledgerbridge does
 *   not cache it, so rotation and caching stay with the host.
 *
 * @example
 * ```ts
 * createLedger({ vault, idempotencySecret: process.env.LEDGERBRIDGE_IDEMPOTENCY_SECRET! });
 * createLedger({ vault, idempotencySecret: (tenantId) => kms.getSecret(`idempotency/${tenantId}`) });
 * ```
 */
export type IdempotencySecret =
  | string
  | Uint8Array
  | ((tenantId: string) => Uint8Array | string | Promise<Uint8Array | string>);

/** The shortest secret accepted, in bytes (and in characters for a string): the HMAC-SHA-256 output size. */
export const MIN_IDEMPOTENCY_SECRET_BYTES = 32;

const DERIVATION_PREFIX = 'ledgerbridge/idempotency/v1/';
const OPERATION = 'idempotency.resolve_secret';
const encoder = new TextEncoder();

/**
 * Resolves the per-tenant HMAC key for `tenantId` (see {@link IdempotencySecret}). Always returns a fresh
 * array the caller may zero or keep.
 *
 * @throws {ConfigurationError} when the secret is too short or of the wrong type, or `tenantId` is empty.
 * @throws {LedgerError} code `internal` when a secret function throws; the host's error is not attached
 *   because it may describe key material.
 */
export async function resolveTenantSecret(secret: IdempotencySecret, tenantId: string): Promise<Uint8Array> {
  checkTenantId(tenantId);
  if (typeof secret === 'function') return callSecretFunction(secret, tenantId);
  return deriveTenantKey(secretValueBytes(secret), tenantId);
}

/** Options for {@link createTenantSecretResolver}. */
export interface TenantSecretResolverOptions {
  /** How many derived per-tenant keys to keep (master secrets only). Default 256; 0 disables the cache. */
  readonly cacheSize?: number;
}

/**
 * Like {@link resolveTenantSecret}, but checks a master secret once, up front (so a bad secret fails at
 * `createLedger`, not at the first write), and keeps a small LRU cache of derived per-tenant keys. The
 * cache holds configuration only, never anything derived from payloads. Secret functions are called on
 * every resolution.
 *
 * @throws {ConfigurationError} at once when a master secret is too short or of the wrong type.
 */
export function createTenantSecretResolver(
  secret: IdempotencySecret,
  options: TenantSecretResolverOptions = {},
): (tenantId: string) => Promise<Uint8Array> {
  if (typeof secret === 'function') {
    return (tenantId) => resolveTenantSecret(secret, tenantId);
  }
  // A private copy, so later changes to the host's buffer cannot change keys mid-flight.
  const master = secretValueBytes(secret).slice();
  const cacheSize = options.cacheSize ?? 256;
  const cache = new Map<string, Uint8Array>();
  return async (tenantId) => {
    checkTenantId(tenantId);
    let key = cache.get(tenantId);
    if (key === undefined) {
      key = deriveTenantKey(master, tenantId);
      if (cacheSize > 0) {
        if (cache.size >= cacheSize) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
        cache.set(tenantId, key);
      }
    } else {
      // Re-inserting moves the tenant to the young end of the Map's insertion order (LRU).
      cache.delete(tenantId);
      cache.set(tenantId, key);
    }
    return key.slice();
  };
}

function deriveTenantKey(master: Uint8Array, tenantId: string): Uint8Array {
  return hmac(sha256, master, encoder.encode(DERIVATION_PREFIX + tenantId));
}

/** The bytes of a secret value (a master secret or what a secret function returned), length-checked. */
function secretValueBytes(secret: unknown): Uint8Array {
  // Typed `unknown` because JavaScript callers and secret functions can hand over anything.
  if (typeof secret === 'string') {
    if (secret.length < MIN_IDEMPOTENCY_SECRET_BYTES) throw secretInvalid('too_small');
    return encoder.encode(secret);
  }
  if (!(secret instanceof Uint8Array)) throw secretInvalid('invalid_type');
  if (secret.length < MIN_IDEMPOTENCY_SECRET_BYTES) throw secretInvalid('too_small');
  return secret;
}

async function callSecretFunction(
  secret: (tenantId: string) => Uint8Array | string | Promise<Uint8Array | string>,
  tenantId: string,
): Promise<Uint8Array> {
  let returned: unknown;
  try {
    returned = await secret(tenantId);
  } catch (error) {
    if (isLedgerError(error)) throw error;
    throw new LedgerError({ code: 'internal', operation: OPERATION });
  }
  // Copied so that the host zeroing or reusing its buffer cannot change a key that is in use.
  return secretValueBytes(returned).slice();
}

function checkTenantId(tenantId: string): void {
  if (typeof tenantId !== 'string' || tenantId.length === 0) {
    throw new ConfigurationError({ operation: OPERATION, issues: [{ path: 'tenantId', code: 'too_small' }] });
  }
}

function secretInvalid(code: 'too_small' | 'invalid_type'): ConfigurationError {
  return new ConfigurationError({ operation: OPERATION, issues: [{ path: 'idempotencySecret', code }] });
}
