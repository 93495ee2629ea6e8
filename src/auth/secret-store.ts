import type { ConnectionKey } from './token-vault.js';

/** One sealed record as a {@link SecretStore} keeps it. */
export interface SealedEntry {
  /** The record version, for compare-and-swap. The vault also binds it into the sealed bytes. */
  readonly version: number;
  /** Opaque sealed bytes; only the vault that wrote them can open them. */
  readonly sealed: Uint8Array;
}

/**
 * Durable storage for sealed bytes, one entry per connection. It never sees plaintext: the encrypted vault
 * seals before `put` and opens after `get`. Implementations: {@link memorySecretStore},
 * {@link fileSecretStore}; a database table (tenant, connection, version, bytes) fits the same shape.
 *
 * @example
 * ```ts
 * const vault = createEncryptedVault({ store: fileSecretStore({ dir: '/var/lib/app/vault' }), keyRing });
 * ```
 */
export interface SecretStore {
  get(key: ConnectionKey): Promise<SealedEntry | undefined>;
  /**
   * Stores `entry` only if the stored version equals `expectedVersion` (`undefined`: only if absent), in one
   * atomic step. Throws `ConflictError` otherwise. `entry.version` is the new version.
   */
  put(
    key: ConnectionKey,
    entry: SealedEntry,
    options: { readonly expectedVersion: number | undefined },
  ): Promise<void>;
  delete(key: ConnectionKey): Promise<void>;
  /** The connections of one tenant. */
  list(tenantId: string): Promise<ConnectionKey[]>;
  /** Every tenant with at least one entry (for re-wrapping the whole store after a key rotation). */
  listTenants(): Promise<string[]>;
}
