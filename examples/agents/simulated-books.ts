/**
 * The host-side setup every agent example shares: a QuickBooks simulator behind msw, a token vault, an
 * audit sink and one connection with a write policy. In production the vault is encrypted, the audit sink
 * is a file (or your SIEM), and `quickbooks()` talks to Intuit; see `examples/quick-start.ts`.
 */
import { createLedger, createMemoryTokenVault, memoryAuditSink } from 'ledgerbridge';
import { quickbooks } from 'ledgerbridge/quickbooks';
import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
import type { IntentName } from 'ledgerbridge/tools';
import { setupServer } from 'msw/node';

export async function openSimulatedBooks(allow: readonly IntentName[]) {
  const simulator = createQuickBooksSimulator({ throttle: false });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const vault = createMemoryTokenVault();
  const key = { tenantId: 'clinic-42', connectionId: 'qbo-main' };
  await vault.put(
    key,
    { accessToken: simulator.credentials.accessToken, providerTenantId: simulator.credentials.realmId },
    { expectedVersion: undefined },
  );
  const audit = memoryAuditSink();
  const ledger = createLedger({
    vault,
    audit,
    idempotencySecret: 'example-secret-use-your-kms-in-production',
  });
  const books = await ledger.connect({
    ...key,
    provider: quickbooks(),
    policy: { allow, limits: { USD: '5000.00' } },
  });
  return { books, simulator, audit, close: () => server.close() };
}
