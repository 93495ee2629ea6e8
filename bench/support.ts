import type { Bench } from 'tinybench';
import { memoryAuditSink } from '../src/audit/index.js';
import { createMemoryTokenVault } from '../src/auth/memory-token-vault.js';
import type { Connection } from '../src/connection/connection.js';
import type { LedgerProvider } from '../src/engine/provider.js';
import { createLedger } from '../src/ledger.js';

/**
 * A connection to a simulator served on loopback, set up the way a host would (vault, ledger, connect), with
 * plain http allowed because the server is local.
 */
export async function connectOverLoopback(
  provider: LedgerProvider,
  credentials: { readonly accessToken: string; readonly providerTenantId: string },
): Promise<Connection> {
  const vault = createMemoryTokenVault();
  const key = { tenantId: 'bench', connectionId: provider.name };
  await vault.put(key, credentials, { expectedVersion: undefined });
  const ledger = createLedger({
    vault,
    audit: memoryAuditSink(),
    idempotencySecret: 'benchmark-secret-benchmark-secret-0123',
    transport: { allowInsecureLoopback: true },
  });
  return ledger.connect({ ...key, provider });
}

/** A finished task's mean latency in milliseconds; throws when the task produced no result. */
export function meanMs(bench: Bench, name: string): number {
  const result = bench.getTask(name)?.result as { latency?: { mean: number } } | undefined;
  if (!result?.latency) throw new Error(`benchmark ${name} produced no result`);
  return result.latency.mean;
}
