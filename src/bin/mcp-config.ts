/**
 * The `ledgerbridge-mcp` configuration. Pure (no provider code), so it imports the library's modules
 * directly and can be tested in process; the binary's other modules use the public subpaths.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { AUDIT_IDENTIFIER } from '../audit/audit-record.js';
import { ConfigurationError } from '../http/errors.js';
import { INTENT_NAMES, type IntentName } from '../intents/index.js';
import { RESOURCE_NAMES, type ResourceName } from '../schema/resources.js';
import { PHI_ROLE_PRESETS, type PhiRole } from '../tools/projection.js';

const Identifier = z.string().regex(AUDIT_IDENTIFIER);
const IntentList = z.array(z.enum(INTENT_NAMES as [IntentName, ...IntentName[]]));
const EnvironmentVariable = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

/** Where the connection's credentials come from. */
const ConnectionSource = z.discriminatedUnion('mode', [
  /** The provider's simulator inside the server process: offline, synthetic clinic data, no credentials. */
  z.strictObject({
    mode: z.literal('simulator'),
    seed: z.enum(['clinic', 'empty']).default('clinic'),
    /** The provider's throttling in the simulator (Intuit's 500/min and 10/s; Xero's 60/min and 5 at once). */
    throttle: z.boolean().default(true),
  }),
  /** A module of the host that exports a `TokenVault` (or a function returning one). */
  z.strictObject({
    mode: z.literal('vault'),
    /** Path of the module, relative to the config file. */
    module: z.string().min(1),
    /** Name of the export; default `vault`, then `default`. */
    export: z.string().min(1).optional(),
    providerTenantId: z.string().min(1).optional(),
  }),
  /**
   * An access token and provider tenant (QuickBooks realm id, Xero tenant id) from the environment, for trying
   * a sandbox or demo company (tokens expire within the hour). `environment` applies to QuickBooks only.
   */
  z.strictObject({
    mode: z.literal('token'),
    accessTokenEnv: EnvironmentVariable.default('LEDGERBRIDGE_ACCESS_TOKEN'),
    providerTenantIdEnv: EnvironmentVariable.default('LEDGERBRIDGE_PROVIDER_TENANT_ID'),
    environment: z.enum(['production', 'sandbox']).default('sandbox'),
  }),
]);

/**
 * The `ledgerbridge-mcp` configuration file.
 *
 * @example
 * ```json
 * {
 *   "provider": "quickbooks",
 *   "tenantId": "clinic-42",
 *   "connectionId": "qbo-main",
 *   "connection": { "mode": "simulator" },
 *   "tools": { "allow": { "writes": ["record_payment"] }, "mode": "propose", "fields": { "role": "billing" } }
 * }
 * ```
 */
export const LedgerMcpConfig = z
  .strictObject({
    /** Which accounting provider the connection reaches. */
    provider: z.enum(['quickbooks', 'xero']),
    tenantId: Identifier,
    connectionId: Identifier,
    connection: ConnectionSource,
    /** Where audit records go: a hash-chained JSONL file (path relative to the config file), or memory. */
    audit: z.union([z.strictObject({ file: z.string().min(1) }), z.literal('memory')]).default('memory'),
    /** The environment variable holding the idempotency secret (≥ 32 bytes). */
    idempotencySecretEnv: EnvironmentVariable.default('LEDGERBRIDGE_IDEMPOTENCY_SECRET'),
    /** The connection's write policy. Default: allow exactly the toolkit's write tools, no limits. */
    policy: z
      .strictObject({
        allow: IntentList.optional(),
        limits: z.record(z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^\d+(\.\d+)?$/)).optional(),
        requireApproval: IntentList.optional(),
        /** What happens when a write needs approval: refused, or `pending_approval` for a person to handle. */
        approvals: z.enum(['deny', 'pending']).default('deny'),
      })
      .optional(),
    tools: z
      .strictObject({
        allow: z
          .strictObject({
            writes: IntentList.optional(),
            reads: z
              .union([z.literal('all'), z.array(z.enum(RESOURCE_NAMES as [ResourceName, ...ResourceName[]]))])
              .optional(),
          })
          .optional(),
        /** Default `write`, as for `createLedgerToolkit`: without `allow.writes` there is no write tool. */
        mode: z.enum(['read', 'propose', 'write']).optional(),
        fields: z
          .strictObject({
            role: z.enum(Object.keys(PHI_ROLE_PRESETS) as [PhiRole, ...PhiRole[]]).optional(),
            allowPhi: z.array(z.string().min(1)).optional(),
          })
          .optional(),
        actor: z
          .strictObject({
            agentId: Identifier.optional(),
            sessionId: Identifier.optional(),
            authorizedBy: Identifier.optional(),
          })
          .optional(),
      })
      .default({}),
  })
  .refine((config) => config.connection.mode === 'simulator' || config.audit !== 'memory', {
    path: ['audit'],
    error: 'a real connection needs an audit file',
  });
export type LedgerMcpConfig = z.infer<typeof LedgerMcpConfig>;

/** A loaded configuration and the directory its relative paths are resolved against. */
export interface LoadedMcpConfig {
  readonly config: LedgerMcpConfig;
  readonly baseDirectory: string;
}

/** Where the server looks for its configuration, in order. */
export interface McpConfigSources {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

function invalid(path: string, code: string): ConfigurationError {
  return new ConfigurationError({ operation: 'mcp.config', issues: [{ path, code }] });
}

function configPathArgument(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--config');
  if (index === -1) return undefined;
  const path = argv[index + 1];
  if (path === undefined || path.startsWith('--')) throw invalid('--config', 'missing_path');
  return path;
}

/**
 * Reads the configuration from `--config <file>`, else the file named by `LEDGERBRIDGE_MCP_CONFIG`, else
 * the JSON in `LEDGERBRIDGE_MCP_CONFIG_JSON`. Fails with a ConfigurationError naming paths only (a
 * config can hold a secret's name, never the secret, but the error still quotes nothing).
 */
export async function loadMcpConfig(sources: McpConfigSources): Promise<LoadedMcpConfig> {
  const file = configPathArgument(sources.argv) ?? sources.env.LEDGERBRIDGE_MCP_CONFIG;
  let text: string;
  let baseDirectory = sources.cwd;
  if (file !== undefined) {
    const path = resolve(sources.cwd, file);
    baseDirectory = dirname(path);
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw invalid('config', 'unreadable_file');
    }
  } else if (sources.env.LEDGERBRIDGE_MCP_CONFIG_JSON !== undefined) {
    text = sources.env.LEDGERBRIDGE_MCP_CONFIG_JSON;
  } else {
    throw invalid('config', 'missing');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('config', 'invalid_json');
  }
  const parsed = LedgerMcpConfig.safeParse(json);
  if (!parsed.success) {
    throw new ConfigurationError({
      operation: 'mcp.config',
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        code: issue.code,
      })),
    });
  }
  return { config: parsed.data, baseDirectory };
}
