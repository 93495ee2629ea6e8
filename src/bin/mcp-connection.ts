/**
 * Opens the connection a `ledgerbridge-mcp` configuration names. The binary is a consumer of the package:
 * it reaches providers and simulators through their public subpaths, like any host.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AuditSink,
  ConfigurationError,
  type Connection,
  createLedger,
  createMemoryTokenVault,
  fileAuditSink,
  memoryAuditSink,
  type TokenVault,
  type WritePolicy,
} from 'ledgerbridge';
import { quickbooks } from 'ledgerbridge/quickbooks';
import { xero } from 'ledgerbridge/xero';
import type { LedgerMcpConfig, LoadedMcpConfig } from './mcp-config.js';

/** An open connection and what must be closed with it. */
export interface OpenedConnection {
  readonly connection: Connection;
  /** Flushes the audit file and stops the simulator, if any. */
  close(): Promise<void>;
}

function invalid(path: string, code: string): ConfigurationError {
  return new ConfigurationError({ operation: 'mcp.connect', issues: [{ path, code }] });
}

function isTokenVault(value: unknown): value is TokenVault {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['get', 'put', 'delete', 'list'].every(
      (method) => typeof (value as Record<string, unknown>)[method] === 'function',
    )
  );
}

async function hostVault(
  module: string,
  exportName: string | undefined,
  baseDirectory: string,
): Promise<TokenVault> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(resolve(baseDirectory, module)).href)) as Record<string, unknown>;
  } catch {
    throw invalid('connection.module', 'unloadable_module');
  }
  const exported = exportName !== undefined ? loaded[exportName] : (loaded.vault ?? loaded.default);
  const vault: unknown = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  if (!isTokenVault(vault)) throw invalid('connection.export', 'not_a_token_vault');
  return vault;
}

/** A simulator running in this process (msw), so the server works offline. */
interface StartedSimulator {
  /** The token and provider tenant the simulator accepts. */
  readonly accessToken: string;
  readonly providerTenantId: string;
  stop(): void;
}

/** Starts the configured provider's simulator. */
async function startSimulator(
  provider: LedgerMcpConfig['provider'],
  seed: 'clinic' | 'empty',
  throttle: boolean,
): Promise<StartedSimulator> {
  // Optional peers, loaded only in simulator mode.
  const { setupServer } = await import('msw/node');
  const options = { seed, ...(throttle ? {} : { throttle: false as const }) };
  if (provider === 'xero') {
    const { createXeroSimulator } = await import('ledgerbridge/xero/testing');
    const simulator = createXeroSimulator(options);
    const server = setupServer(...simulator.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    const { accessToken, tenantId } = simulator.credentials;
    return { accessToken, providerTenantId: tenantId, stop: () => server.close() };
  }
  const { createQuickBooksSimulator } = await import('ledgerbridge/quickbooks/testing');
  const simulator = createQuickBooksSimulator(options);
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const { accessToken, realmId } = simulator.credentials;
  return { accessToken, providerTenantId: realmId, stop: () => server.close() };
}

function idempotencySecret(
  loaded: LoadedMcpConfig,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const secret = env[loaded.config.idempotencySecretEnv];
  if (secret !== undefined && secret.length >= 32) return secret;
  // The simulator holds synthetic data; a per-process key is enough there. Real ledgers need a stable one.
  if (loaded.config.connection.mode === 'simulator') return randomBytes(32).toString('base64url');
  throw invalid('idempotencySecretEnv', secret === undefined ? 'missing' : 'too_short');
}

function writePolicy(loaded: LoadedMcpConfig): WritePolicy {
  const { policy, tools } = loaded.config;
  const allow = policy?.allow ?? tools.allow?.writes ?? [];
  return {
    allow,
    ...(policy?.limits ? { limits: policy.limits } : {}),
    ...(policy?.requireApproval ? { requireApproval: policy.requireApproval } : {}),
    ...(policy?.approvals === 'pending' ? { approve: async () => ({ decision: 'pending' as const }) } : {}),
  };
}

/** Builds the vault, audit sink and ledger of a configuration and connects. */
export async function openConnection(
  loaded: LoadedMcpConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<OpenedConnection> {
  const { config, baseDirectory } = loaded;
  const key = { tenantId: config.tenantId, connectionId: config.connectionId };
  const source = config.connection;
  let vault: TokenVault;
  let stopSimulator: (() => void) | undefined;
  let providerTenantId: string | undefined;
  let environment: 'production' | 'sandbox' = 'production';

  if (source.mode === 'simulator') {
    const started = await startSimulator(config.provider, source.seed, source.throttle);
    stopSimulator = started.stop;
    vault = createMemoryTokenVault();
    const { accessToken, providerTenantId: simulatedTenant } = started;
    await vault.put(key, { accessToken, providerTenantId: simulatedTenant }, { expectedVersion: undefined });
  } else if (source.mode === 'token') {
    const accessToken = env[source.accessTokenEnv];
    providerTenantId = env[source.providerTenantIdEnv];
    if (!accessToken) throw invalid('connection.accessTokenEnv', 'missing');
    if (!providerTenantId) throw invalid('connection.providerTenantIdEnv', 'missing');
    environment = source.environment;
    vault = createMemoryTokenVault();
    await vault.put(key, { accessToken, providerTenantId }, { expectedVersion: undefined });
  } else {
    vault = await hostVault(source.module, source.export, baseDirectory);
    providerTenantId = source.providerTenantId;
  }

  const audit: AuditSink & { close?: () => Promise<void> } =
    config.audit === 'memory'
      ? memoryAuditSink()
      : fileAuditSink({ path: resolve(baseDirectory, config.audit.file) });
  try {
    const ledger = createLedger({ vault, audit, idempotencySecret: idempotencySecret(loaded, env) });
    const connection = await ledger.connect({
      ...key,
      provider: config.provider === 'xero' ? xero() : quickbooks({ environment }),
      policy: writePolicy(loaded),
      ...(providerTenantId ? { providerTenantId } : {}),
    });
    return {
      connection,
      async close() {
        stopSimulator?.();
        await audit.close?.();
      },
    };
  } catch (error) {
    stopSimulator?.();
    await audit.close?.();
    throw error;
  }
}
