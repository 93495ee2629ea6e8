import { ConflictError } from '../http/errors.js';
import type { ConnectionKey, PutOptions, TokenSet, TokenVault, VaultRecord } from './token-vault.js';

/**
 * A TokenVault held in process memory, unencrypted. For tests, the simulators and the demo; production
 * hosts use the encrypted vault over a durable SecretStore.
 */
export function createMemoryTokenVault(): TokenVault {
  const records = new Map<string, { key: ConnectionKey; record: VaultRecord }>();
  const id = (key: ConnectionKey) => JSON.stringify([key.tenantId, key.connectionId]);
  return {
    async get(key) {
      const found = records.get(id(key))?.record;
      return found ? structuredClone(found) : undefined;
    },
    async put(key, tokens: TokenSet, options: PutOptions) {
      const current = records.get(id(key))?.record;
      if (current?.version !== options.expectedVersion) {
        throw new ConflictError({
          operation: 'vault.put',
          issues: [{ path: 'version', code: 'version_mismatch' }],
        });
      }
      const record: VaultRecord = {
        tokens: structuredClone(tokens),
        version: (current?.version ?? 0) + 1,
        status: options.status ?? 'active',
      };
      records.set(id(key), { key: { tenantId: key.tenantId, connectionId: key.connectionId }, record });
      return structuredClone(record);
    },
    async delete(key) {
      records.delete(id(key));
    },
    async list(tenantId) {
      return [...records.values()]
        .filter((entry) => entry.key.tenantId === tenantId)
        .map((entry) => entry.key);
    },
  };
}
