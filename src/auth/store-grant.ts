import { ConflictError } from '../http/errors.js';
import type { ConnectionKey, TokenSet, TokenVault, VaultRecord } from './token-vault.js';

/**
 * Stores a newly authorised grant (from `exchangeAuthorizationCode`) for a connection, creating the record
 * or replacing the one there, including a `needs_reauth` one: a reconnect makes it `active` again.
 * Compare-and-swap on the version just read, retried a few times if a refresher writes in between. A record
 * the vault cannot open (VaultIntegrityError) is not overwritten: delete it first.
 */
export async function storeGrant(
  vault: TokenVault,
  key: ConnectionKey,
  tokens: TokenSet,
): Promise<VaultRecord> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await vault.get(key);
    try {
      return await vault.put(key, tokens, { expectedVersion: current?.version, status: 'active' });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError({
    operation: 'vault.put',
    issues: [{ path: 'version', code: 'version_mismatch' }],
  });
}
