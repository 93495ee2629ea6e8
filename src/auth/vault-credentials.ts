import type { CredentialSource } from '../engine/provider-client.js';
import { AuthenticationError, ConfigurationError } from '../http/errors.js';
import type { ConnectionKey, TokenVault } from './token-vault.js';

/**
 * Reads a connection's access token from the vault on every call, so nothing outside the vault holds it
 * between calls. Refusing an expired token here means no request ever leaves with one.
 */
export function vaultCredentials(
  vault: TokenVault,
  key: ConnectionKey,
  provider: string,
  providerTenantId: string | undefined,
): CredentialSource {
  return {
    async current() {
      const record = await vault.get(key);
      if (!record) {
        throw new AuthenticationError({ provider, issues: [{ path: 'vault', code: 'no_credentials' }] });
      }
      if (record.status === 'needs_reauth') {
        throw new AuthenticationError({ provider, issues: [{ path: 'vault', code: 'needs_reauth' }] });
      }
      const expiresAt = record.tokens.accessTokenExpiresAt;
      if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()) {
        throw new AuthenticationError({
          provider,
          issues: [{ path: 'vault', code: 'access_token_expired' }],
        });
      }
      const tenant = providerTenantId ?? record.tokens.providerTenantId;
      if (!tenant) {
        throw new ConfigurationError({ provider, issues: [{ path: 'providerTenantId', code: 'required' }] });
      }
      return { accessToken: record.tokens.accessToken, target: { providerTenantId: tenant } };
    },
  };
}
