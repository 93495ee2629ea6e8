/**
 * A QuickBooks simulator with Intuit's OAuth endpoints behind msw, an encrypted vault and a ledger whose
 * QuickBooks provider refreshes tokens: the setup a host runs, minus the real Intuit.
 */
import { type SetupServer, setupServer } from 'msw/node';
import { quickbooks } from '../../providers/quickbooks/index.js';
import {
  createQuickBooksSimulator,
  type QuickBooksOAuthSimulatorOptions,
  type QuickBooksSimulator,
} from '../../providers/quickbooks/testing.js';
import { type MemoryAuditSink, memoryAuditSink } from '../../src/audit/index.js';
import { createEncryptedVault, type EncryptedVault } from '../../src/auth/encrypted-vault.js';
import { memorySecretStore } from '../../src/auth/memory-secret-store.js';
import type { ConnectionKey, TokenSet, VaultRecord } from '../../src/auth/token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import { createLedger, type Ledger, type LedgerOptions } from '../../src/ledger.js';
import { testKeyRing } from './support.js';

export interface QuickBooksOAuthHarness {
  readonly sim: QuickBooksSimulator;
  readonly server: SetupServer;
  readonly vault: EncryptedVault;
  readonly audit: MemoryAuditSink;
  readonly ledger: Ledger;
  /** Mints a grant at the simulator and stores it in the vault, as a finished OAuth callback would. */
  seedGrant(key: ConnectionKey): Promise<VaultRecord>;
  connect(key: ConnectionKey): Promise<Connection>;
  /** Token-endpoint calls for the refresh grant. */
  refreshCalls(): number;
  close(): void;
}

export function startQuickBooksOAuthHarness(
  options: { oauth?: QuickBooksOAuthSimulatorOptions; ledger?: Partial<LedgerOptions> } = {},
): QuickBooksOAuthHarness {
  const sim = createQuickBooksSimulator({
    throttle: false,
    oauth: { tokenPrefix: 'CANARY', ...options.oauth },
  });
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const audit = memoryAuditSink();
  const vault = createEncryptedVault({ store: memorySecretStore(), keyRing: testKeyRing(2).keyRing });
  const ledger = createLedger({
    vault,
    audit,
    idempotencySecret: 'test-idempotency-secret-0123456789abcdef',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options.ledger,
  });
  const provider = quickbooks({
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    rateLimits: false,
  });
  return {
    sim,
    server,
    vault,
    audit,
    ledger,
    async seedGrant(key) {
      const grant = sim.oauth.issueGrant();
      const now = Date.now();
      const tokens: TokenSet = {
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        accessTokenExpiresAt: new Date(now + grant.expiresIn * 1000).toISOString(),
        refreshTokenExpiresAt: new Date(now + grant.refreshTokenExpiresIn * 1000).toISOString(),
        providerTenantId: grant.providerTenantId,
      };
      return vault.put(key, tokens, { expectedVersion: undefined });
    },
    connect: (key) => ledger.connect({ provider, ...key }),
    refreshCalls: () => sim.oauth.tokenCalls.filter((call) => call.grantType === 'refresh_token').length,
    close: () => server.close(),
  };
}
