import type { AuditSink } from '../audit/audit-sink.js';
import type { LedgerProvider } from '../engine/provider.js';
import type { CredentialSource } from '../engine/provider-client.js';
import type { TransportOptions } from '../http/transport.js';
import { createMemoryLockProvider, type LockProvider } from './lock-provider.js';
import { createOAuthHttp, type OAuthHttp } from './oauth-http.js';
import { createRefreshingCredentials } from './refreshing-credentials.js';
import type { ConnectionKey, TokenVault } from './token-vault.js';
import { vaultCredentials } from './vault-credentials.js';

/** What a ledger shares between its connections' credential sources. */
export interface CredentialFactoryOptions {
  readonly vault: TokenVault;
  readonly audit?: AuditSink | undefined;
  /** Default: one in-process lock provider for the whole ledger. */
  readonly locks?: LockProvider | undefined;
  /** The ledger's transport options; token endpoints get the same TLS policy. */
  readonly transport?: TransportOptions | undefined;
}

/**
 * Picks each connection's credential source: a refreshing one when the provider describes how to refresh
 * (`provider.auth`), else plain vault reads that refuse an expired token.
 */
export function createCredentialFactory(
  options: CredentialFactoryOptions,
): (provider: LedgerProvider, key: ConnectionKey, providerTenantId: string | undefined) => CredentialSource {
  const locks = options.locks ?? createMemoryLockProvider();
  let http: OAuthHttp | undefined;
  return (provider, key, providerTenantId) => {
    if (!provider.auth)
      return vaultCredentials(options.vault, key, provider.definition.name, providerTenantId);
    http ??= createOAuthHttp(options.transport);
    return createRefreshingCredentials({
      vault: options.vault,
      key,
      refresher: provider.auth.createRefresher(http),
      providerTenantId,
      locks,
      audit: options.audit,
      refreshMarginMs: provider.auth.refreshMarginMs,
    });
  };
}
