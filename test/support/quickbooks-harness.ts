import { type SetupServer, setupServer } from 'msw/node';
import { quickbooks } from '../../providers/quickbooks/index.js';
import type { QuickBooksSimulatorOptions } from '../../providers/quickbooks/testing.js';
import { createQuickBooksSimulator, type QuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { type MemoryAuditSink, memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import type { WritePolicy } from '../../src/executor/policy.js';
import { INTENT_NAMES } from '../../src/intents/index.js';
import { type ConnectOptions, createLedger, type LedgerOptions } from '../../src/ledger.js';

/** Every intent allowed, no limits: for adapter tests that are not about policy. */
export const ALLOW_ALL: WritePolicy = { allow: INTENT_NAMES };

/** A fixed 32-byte secret for tests. */
export const TEST_IDEMPOTENCY_SECRET = 'test-idempotency-secret-0123456789abcdef';

export interface QuickBooksHarness {
  readonly sim: QuickBooksSimulator;
  readonly server: SetupServer;
  readonly audit: MemoryAuditSink;
  connect(options?: Partial<ConnectOptions> & { ledger?: Partial<LedgerOptions> }): Promise<Connection>;
  close(): void;
}

/**
 * Starts the QuickBooks simulator behind msw and returns a way to open connections to it through the
 * public API (vault, ledger, connect), the way a host would.
 */
export function startQuickBooksHarness(
  options: QuickBooksSimulatorOptions = { throttle: false },
): QuickBooksHarness {
  const sim = createQuickBooksSimulator(options);
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const audit = memoryAuditSink();
  return {
    sim,
    server,
    audit,
    async connect(overrides = {}) {
      const vault = createMemoryTokenVault();
      const key = {
        tenantId: overrides.tenantId ?? 'clinic-42',
        connectionId: overrides.connectionId ?? 'qbo-main',
      };
      await vault.put(
        key,
        { accessToken: sim.credentials.accessToken, providerTenantId: sim.credentials.realmId },
        { expectedVersion: undefined },
      );
      const ledger = createLedger({
        vault,
        audit,
        idempotencySecret: TEST_IDEMPOTENCY_SECRET,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        ...overrides.ledger,
      });
      const { ledger: _ledger, ...connect } = overrides;
      return ledger.connect({ provider: quickbooks(), policy: ALLOW_ALL, ...key, ...connect });
    },
    close() {
      server.close();
    },
  };
}
