import { ConflictError } from '../http/errors.js';
import type { SealedEntry, SecretStore } from './secret-store.js';
import type { ConnectionKey } from './token-vault.js';

/**
 * A {@link SecretStore} in process memory: for tests, the simulators and single-process demos. Entries are
 * still sealed, so a heap dump shows ciphertext only.
 */
export function memorySecretStore(): SecretStore {
  const entries = new Map<string, { key: ConnectionKey; entry: SealedEntry }>();
  const id = (key: ConnectionKey) => JSON.stringify([key.tenantId, key.connectionId]);
  const copy = (entry: SealedEntry): SealedEntry => ({
    version: entry.version,
    sealed: entry.sealed.slice(),
  });
  return {
    async get(key) {
      const found = entries.get(id(key));
      return found ? copy(found.entry) : undefined;
    },
    async put(key, entry, options) {
      const current = entries.get(id(key))?.entry;
      if (current?.version !== options.expectedVersion) {
        throw new ConflictError({
          operation: 'vault.put',
          issues: [{ path: 'version', code: 'version_mismatch' }],
        });
      }
      entries.set(id(key), {
        key: { tenantId: key.tenantId, connectionId: key.connectionId },
        entry: copy(entry),
      });
    },
    async delete(key) {
      entries.delete(id(key));
    },
    async list(tenantId) {
      return [...entries.values()].filter((item) => item.key.tenantId === tenantId).map((item) => item.key);
    },
    async listTenants() {
      return [...new Set([...entries.values()].map((item) => item.key.tenantId))];
    },
  };
}
