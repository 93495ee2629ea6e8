import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigurationError, ConflictError, isLedgerError, LedgerError } from '../http/errors.js';
import { aesGcmOpen, aesGcmSeal, GCM_IV_BYTES } from './aes-gcm.js';
import type { KeyRing } from './key-ring.js';
import {
  decodeSealed,
  encodeSealed,
  payloadContext,
  type SealedParts,
  wrapContext,
} from './sealed-record.js';
import type { SealedEntry, SecretStore } from './secret-store.js';
import type { ConnectionKey, PutOptions, TokenSet, TokenVault, VaultRecord } from './token-vault.js';
import { VaultIntegrityError } from './vault-errors.js';

/** Options for {@link createEncryptedVault}. */
export interface EncryptedVaultOptions {
  /** Where the sealed bytes live. */
  readonly store: SecretStore;
  /** The key-encryption keys. */
  readonly keyRing: KeyRing;
  /**
   * Records whose data key is wrapped under a lower KEK version fail closed. Raise it after `rewrap()` has
   * moved every record, to retire old keys. Default 1 (nothing retired).
   */
  readonly minimumKeyVersion?: number | undefined;
}

/** Counts from {@link EncryptedVault.rewrap}. */
export interface RewrapReport {
  /** Records looked at. */
  readonly examined: number;
  /** Records whose data key was re-wrapped under the primary KEK. */
  readonly rewrapped: number;
  /** Records already under the primary KEK. */
  readonly alreadyCurrent: number;
  /** Records that could not be unwrapped (tampered, or under an unknown or retired key); left untouched. */
  readonly unreadable: number;
}

/** A {@link TokenVault} that seals every record; see {@link createEncryptedVault}. */
export interface EncryptedVault extends TokenVault {
  /**
   * Re-wraps every record's data key under the key ring's current primary KEK, leaving the token ciphertext
   * as it is. Run it after `keyRing.rotate(…)`; then raise `minimumKeyVersion` to retire the old keys. Safe
   * to run while the vault is in use: each record moves by compare-and-swap and is retried on a race.
   */
  rewrap(options?: { readonly tenantIds?: readonly string[] | undefined }): Promise<RewrapReport>;
}

const DATA_KEY_BYTES = 32;
const MAX_RECORD_VERSION = 0xffff_ffff;
const REWRAP_ATTEMPTS = 5;

const StoredTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  accessTokenExpiresAt: z.string().optional(),
  refreshTokenExpiresAt: z.string().optional(),
  scope: z.string().optional(),
  providerTenantId: z.string().optional(),
});
const StoredPayload = z.object({ status: z.enum(['active', 'needs_reauth']), tokens: StoredTokens });

/**
 * The encrypted {@link TokenVault} (DESIGN invariant 6). Each `put` seals the record with AES-256-GCM under
 * a fresh 256-bit data key and a random 96-bit IV; the data key is wrapped by the key ring's primary KEK.
 * Both layers authenticate the tenant, connection and versions, so a record copied to another connection,
 * rolled to another version, spliced with another record's key, truncated or altered in any bit is refused
 * with one {@link VaultIntegrityError}. Format: see `sealed-record.ts`.
 *
 * @example
 * ```ts
 * const keyRing = localKeyRingFromEnv('LEDGERBRIDGE_VAULT');
 * const vault = createEncryptedVault({ store: fileSecretStore({ dir: './vault' }), keyRing });
 * const ledger = createLedger({ vault, audit, idempotencySecret });
 *
 * // later: rotate the KEK and move every record to it
 * keyRing.rotate(3, process.env.LEDGERBRIDGE_VAULT_KEY_3);
 * await vault.rewrap();
 * ```
 */
export function createEncryptedVault(options: EncryptedVaultOptions): EncryptedVault {
  const { store, keyRing } = options;
  const minimumKeyVersion = options.minimumKeyVersion ?? 1;

  async function unwrap(key: ConnectionKey, parts: SealedParts, recordVersion: number, operation: string) {
    if (parts.keyVersion < minimumKeyVersion || parts.contentVersion > recordVersion) return undefined;
    try {
      const dataKey = await keyRing.unwrapKey(
        parts.keyVersion,
        parts.wrappedKey,
        wrapContext(key, parts, recordVersion),
      );
      return dataKey?.byteLength === DATA_KEY_BYTES ? dataKey : undefined;
    } catch (error) {
      // A KMS outage is not tampering: report it as what it is, still without detail.
      throw isLedgerError(error) ? error : new LedgerError({ code: 'internal', operation });
    }
  }

  async function open(key: ConnectionKey, entry: SealedEntry): Promise<VaultRecord> {
    const parts = decodeSealed(entry.sealed);
    const dataKey = parts && (await unwrap(key, parts, entry.version, 'vault.get'));
    if (!parts || !dataKey) throw new VaultIntegrityError({ operation: 'vault.get' });
    const plaintext = aesGcmOpen(
      dataKey,
      parts.payloadIv,
      parts.payload,
      payloadContext(key, parts.contentVersion),
    );
    dataKey.fill(0);
    if (!plaintext) throw new VaultIntegrityError({ operation: 'vault.get' });
    let parsed: z.infer<typeof StoredPayload>;
    try {
      parsed = StoredPayload.parse(JSON.parse(new TextDecoder().decode(plaintext)));
    } catch {
      throw new VaultIntegrityError({ operation: 'vault.get' });
    } finally {
      plaintext.fill(0);
    }
    return { tokens: parsed.tokens, version: entry.version, status: parsed.status };
  }

  async function seal(key: ConnectionKey, tokens: TokenSet, status: VaultRecord['status'], version: number) {
    const keyVersion = keyRing.primaryVersion;
    if (keyVersion < minimumKeyVersion) {
      throw new ConfigurationError({
        operation: 'vault.put',
        issues: [{ path: 'keyRing', code: 'primary_retired' }],
      });
    }
    const dataKey = new Uint8Array(randomBytes(DATA_KEY_BYTES));
    const payloadIv = new Uint8Array(randomBytes(GCM_IV_BYTES));
    const plaintext = new TextEncoder().encode(JSON.stringify({ status, tokens: pickTokens(tokens) }));
    try {
      const payload = aesGcmSeal(dataKey, payloadIv, plaintext, payloadContext(key, version));
      const parts = { keyVersion, contentVersion: version };
      const wrappedKey = await keyRing.wrapKey(keyVersion, dataKey, wrapContext(key, parts, version));
      return encodeSealed({ ...parts, wrappedKey, payloadIv, payload });
    } finally {
      dataKey.fill(0);
      plaintext.fill(0);
    }
  }

  async function rewrapOne(key: ConnectionKey): Promise<keyof Omit<RewrapReport, 'examined'> | 'absent'> {
    for (let attempt = 0; attempt < REWRAP_ATTEMPTS; attempt += 1) {
      const entry = await store.get(key);
      if (!entry) return 'absent';
      const parts = decodeSealed(entry.sealed);
      if (!parts) return 'unreadable';
      const primary = keyRing.primaryVersion;
      if (parts.keyVersion === primary) return 'alreadyCurrent';
      const dataKey = await unwrap(key, parts, entry.version, 'vault.rewrap');
      if (!dataKey) return 'unreadable';
      const version = entry.version + 1;
      let sealed: Uint8Array;
      try {
        const moved = { keyVersion: primary, contentVersion: parts.contentVersion };
        const wrappedKey = await keyRing.wrapKey(primary, dataKey, wrapContext(key, moved, version));
        sealed = encodeSealed({ ...parts, ...moved, wrappedKey });
      } finally {
        dataKey.fill(0);
      }
      try {
        await store.put(key, { version, sealed }, { expectedVersion: entry.version });
        return 'rewrapped';
      } catch (error) {
        // A refresh stored new tokens meanwhile (sealed under the primary already, or retried next loop).
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    throw new ConflictError({
      operation: 'vault.rewrap',
      issues: [{ path: 'version', code: 'version_mismatch' }],
    });
  }

  return {
    async get(key) {
      const entry = await store.get(key);
      return entry === undefined ? undefined : open(key, entry);
    },
    async put(key, tokens, putOptions: PutOptions) {
      const expected = putOptions.expectedVersion;
      if (
        expected !== undefined &&
        (!Number.isInteger(expected) || expected < 1 || expected >= MAX_RECORD_VERSION)
      ) {
        throw new ConflictError({
          operation: 'vault.put',
          issues: [{ path: 'version', code: 'version_mismatch' }],
        });
      }
      const version = (expected ?? 0) + 1;
      const status = putOptions.status ?? 'active';
      const sealed = await seal(key, tokens, status, version);
      await store.put(key, { version, sealed }, { expectedVersion: expected });
      return { tokens: pickTokens(tokens), version, status };
    },
    delete: (key) => store.delete(key),
    list: (tenantId) => store.list(tenantId),
    async rewrap(rewrapOptions = {}) {
      const counts = { examined: 0, rewrapped: 0, alreadyCurrent: 0, unreadable: 0 };
      const tenants = rewrapOptions.tenantIds ?? (await store.listTenants());
      for (const tenantId of tenants) {
        for (const key of await store.list(tenantId)) {
          const result = await rewrapOne(key);
          if (result === 'absent') continue;
          counts.examined += 1;
          counts[result] += 1;
        }
      }
      return counts;
    },
  };
}

/** Only the known token fields are sealed: an object with extra members cannot smuggle data into the vault. */
function pickTokens(tokens: TokenSet): TokenSet {
  const picked: Record<string, string> = { accessToken: tokens.accessToken };
  for (const field of [
    'refreshToken',
    'accessTokenExpiresAt',
    'refreshTokenExpiresAt',
    'scope',
    'providerTenantId',
  ] as const) {
    const value = tokens[field];
    if (value !== undefined) picked[field] = value;
  }
  return picked as unknown as TokenSet;
}
