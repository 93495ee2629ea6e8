import { type SetupServer, setupServer } from 'msw/node';
import { type XeroOptions, xero } from '../../providers/xero/index.js';
import {
  createXeroSimulator,
  type XeroSimulator,
  type XeroSimulatorOptions,
} from '../../providers/xero/testing.js';
import { type MemoryAuditSink, memoryAuditSink } from '../../src/audit/index.js';
import { createMemoryTokenVault } from '../../src/auth/memory-token-vault.js';
import type { Connection } from '../../src/connection/connection.js';
import { type ConnectOptions, createLedger, type LedgerOptions } from '../../src/ledger.js';
import { ALLOW_ALL, TEST_IDEMPOTENCY_SECRET } from './quickbooks-harness.js';

export { ALLOW_ALL, TEST_IDEMPOTENCY_SECRET };

export interface XeroHarness {
  readonly sim: XeroSimulator;
  readonly server: SetupServer;
  readonly audit: MemoryAuditSink;
  connect(
    options?: Partial<ConnectOptions> & { ledger?: Partial<LedgerOptions>; provider?: XeroOptions },
  ): Promise<Connection>;
  close(): void;
}

/**
 * Starts the Xero simulator behind msw and returns a way to open connections to it through the public API
 * (vault, ledger, connect), the way a host would. The vault record carries the simulator's tenant id.
 */
export function startXeroHarness(options: XeroSimulatorOptions = { throttle: false }): XeroHarness {
  const sim = createXeroSimulator(options);
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
        connectionId: overrides.connectionId ?? 'xero-main',
      };
      await vault.put(
        key,
        { accessToken: sim.credentials.accessToken, providerTenantId: sim.credentials.tenantId },
        { expectedVersion: undefined },
      );
      const ledger = createLedger({
        vault,
        audit,
        idempotencySecret: TEST_IDEMPOTENCY_SECRET,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        ...overrides.ledger,
      });
      const { ledger: _ledger, provider: providerOptions, ...connect } = overrides;
      // The simulator's throttle is off in most suites, so the client-side limiter is too unless asked for.
      const provider = xero({ rateLimits: false, ...providerOptions });
      return ledger.connect({ provider, policy: ALLOW_ALL, ...key, ...connect });
    },
    close() {
      server.close();
    },
  };
}
