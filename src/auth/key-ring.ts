import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigurationError } from '../http/errors.js';
import { aesGcmOpen, aesGcmSeal, GCM_IV_BYTES } from './aes-gcm.js';

/**
 * Versioned key-encryption keys (KEKs). The encrypted vault asks a key ring to wrap each record's data key
 * and to unwrap it again; the KEKs themselves never leave the ring. {@link localKeyRing} holds AES-256 keys
 * in process; a KMS-backed ring (AWS KMS, GCP KMS, Vault Transit) implements the same three members, passing
 * `context` as the KMS's encryption context / additional authenticated data.
 */
export interface KeyRing {
  /** The version that wraps new data keys. */
  readonly primaryVersion: number;
  /** Wraps (encrypts and authenticates) a data key under KEK `keyVersion`, bound to `context`. */
  wrapKey(keyVersion: number, dataKey: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
  /**
   * Unwraps a data key, or resolves `undefined` when the version is unknown, the wrapped bytes were altered
   * or `context` differs from the one used to wrap. Never says which.
   */
  unwrapKey(keyVersion: number, wrapped: Uint8Array, context: Uint8Array): Promise<Uint8Array | undefined>;
}

/** A key ring held in process, whose primary can be changed at run time. */
export interface LocalKeyRing extends KeyRing {
  /** The versions this ring can unwrap, ascending. */
  readonly versions: readonly number[];
  /**
   * Makes `version` the primary: new records are wrapped under it from now on. Pass `key` (base64 or 32
   * bytes) to add a version the ring does not hold yet. Existing records stay readable under their old
   * version until `vault.rewrap()` moves them.
   */
  rotate(version: number, key?: string | Uint8Array): void;
}

/** Options for {@link localKeyRing}. */
export interface LocalKeyRingOptions {
  /** KEKs by version (a positive integer): each 32 random bytes, base64 (standard or url-safe) or raw. */
  readonly keys: Readonly<Record<number | string, string | Uint8Array>>;
  /** The version that wraps new data keys. Default: the highest version. */
  readonly primary?: number | undefined;
}

const KEY_BYTES = 32;
const MAX_VERSION = 0xffff_ffff;

/**
 * A {@link KeyRing} of AES-256 KEKs held in memory. Data keys are wrapped with AES-256-GCM: a random 96-bit
 * IV per wrap, the record's context (tenant, connection, versions) as additional data, output
 * `IV ‖ ciphertext ‖ tag` (60 bytes).
 *
 * Generate a key with `openssl rand -base64 32`; keep it in a secret manager, not in source.
 *
 * @example
 * ```ts
 * const keyRing = localKeyRing({ keys: { 1: process.env.VAULT_KEY_1!, 2: process.env.VAULT_KEY_2! }, primary: 2 });
 * ```
 */
export function localKeyRing(options: LocalKeyRingOptions): LocalKeyRing {
  const keys = new Map<number, KeyObject>();
  for (const [version, key] of Object.entries(options.keys))
    keys.set(checkVersion(Number(version)), toKey(key));
  if (keys.size === 0) throw configError('keys', 'required');
  let primary = options.primary ?? Math.max(...keys.keys());
  if (!keys.has(primary)) throw configError('primary', 'unknown_key_version');

  const ring: LocalKeyRing = {
    get primaryVersion() {
      return primary;
    },
    get versions() {
      return [...keys.keys()].sort((a, b) => a - b);
    },
    rotate(version, key) {
      checkVersion(version);
      if (key !== undefined) {
        if (keys.has(version)) throw configError('version', 'already_present');
        keys.set(version, toKey(key));
      }
      if (!keys.has(version)) throw configError('version', 'unknown_key_version');
      primary = version;
    },
    async wrapKey(keyVersion, dataKey, context) {
      const kek = keys.get(keyVersion);
      if (kek === undefined) throw configError('keyVersion', 'unknown_key_version');
      const iv = randomBytes(GCM_IV_BYTES);
      const sealed = aesGcmSeal(kek, iv, dataKey, context);
      const wrapped = new Uint8Array(iv.byteLength + sealed.byteLength);
      wrapped.set(iv);
      wrapped.set(sealed, iv.byteLength);
      return wrapped;
    },
    async unwrapKey(keyVersion, wrapped, context) {
      const kek = keys.get(keyVersion);
      if (kek === undefined) return undefined;
      return aesGcmOpen(kek, wrapped.subarray(0, GCM_IV_BYTES), wrapped.subarray(GCM_IV_BYTES), context);
    },
  };
  // Printing the ring (a debugger, a careless log line) shows versions, never key material.
  Object.defineProperty(ring, inspect.custom, {
    value: () => `LocalKeyRing { versions: [${ring.versions.join(', ')}], primary: ${primary} }`,
  });
  Object.defineProperty(ring, 'toJSON', { value: () => ({ versions: ring.versions, primary }) });
  return ring;
}

/**
 * A {@link localKeyRing} from environment variables: `<prefix>_KEY_<version>` holds each base64 KEK and
 * `<prefix>_PRIMARY` names the primary version (default: the highest).
 *
 * @example
 * ```sh
 * LEDGERBRIDGE_VAULT_KEY_1=… LEDGERBRIDGE_VAULT_KEY_2=… LEDGERBRIDGE_VAULT_PRIMARY=2
 * ```
 * ```ts
 * const keyRing = localKeyRingFromEnv('LEDGERBRIDGE_VAULT');
 * ```
 */
export function localKeyRingFromEnv(
  prefix: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LocalKeyRing {
  const pattern = new RegExp(`^${prefix.replace(/[^A-Za-z0-9_]/g, '')}_KEY_(\\d{1,10})$`);
  const keys: Record<number, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = pattern.exec(name);
    if (match?.[1] !== undefined && value !== undefined && value !== '') keys[Number(match[1])] = value;
  }
  const primaryText = env[`${prefix}_PRIMARY`];
  const primary = primaryText === undefined || primaryText === '' ? undefined : Number(primaryText);
  if (primary !== undefined && !Number.isInteger(primary))
    throw configError('primary', 'invalid_key_version');
  return localKeyRing({ keys, primary });
}

function checkVersion(version: number): number {
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) {
    throw configError('keys', 'invalid_key_version');
  }
  return version;
}

function toKey(key: string | Uint8Array): KeyObject {
  const bytes =
    typeof key === 'string'
      ? Buffer.from(key.trim(), /[-_]/.test(key) ? 'base64url' : 'base64')
      : Buffer.from(key);
  // The error names the problem only, never the offending text, which might be a real key mis-pasted.
  if (bytes.byteLength !== KEY_BYTES) throw configError('keys', 'invalid_key_length');
  const keyObject = createSecretKey(bytes);
  bytes.fill(0);
  return keyObject;
}

function configError(path: string, code: string): ConfigurationError {
  return new ConfigurationError({ operation: 'keyRing', issues: [{ path, code }] });
}
