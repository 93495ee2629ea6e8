#!/usr/bin/env node
/**
 * `ledgerbridge-mcp`: a Model Context Protocol server over stdio that exposes one ledger connection's
 * tools. Configured by `--config <file>`, `LEDGERBRIDGE_MCP_CONFIG=<file>` or
 * `LEDGERBRIDGE_MCP_CONFIG_JSON=<json>` (see `mcp-config.ts`). With `"connection": { "mode": "simulator" }`
 * it runs offline against the QuickBooks simulator.
 *
 * stdout carries the protocol only. Diagnostics go to stderr as fixed sentences and error codes, never a
 * payload, a value or an upstream message.
 */
import { createRequire } from 'node:module';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { isLedgerError } from 'ledgerbridge';
import { registerLedgerTools } from 'ledgerbridge/mcp';
import { createLedgerToolkit } from 'ledgerbridge/tools';
import { loadMcpConfig } from './mcp-config.js';
import { openConnection } from './mcp-connection.js';

const USAGE = `Usage: ledgerbridge-mcp --config <file>
       LEDGERBRIDGE_MCP_CONFIG=<file> ledgerbridge-mcp
       LEDGERBRIDGE_MCP_CONFIG_JSON='{…}' ledgerbridge-mcp
`;

function say(line: string): void {
  process.stderr.write(`ledgerbridge-mcp: ${line}\n`);
}

/** The failure as codes and paths: a LedgerError's message is built from those only. */
function describe(error: unknown): string {
  return isLedgerError(error) ? error.message : 'unexpected failure';
}

function packageVersion(): string {
  try {
    const manifest: unknown = createRequire(import.meta.url)('ledgerbridge/package.json');
    const version = (manifest as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(USAGE);
    return;
  }
  const loaded = await loadMcpConfig({ argv, env: process.env, cwd: process.cwd() });
  const opened = await openConnection(loaded, process.env);
  const { tools } = loaded.config;
  const toolkit = createLedgerToolkit(opened.connection, {
    mode: tools.mode,
    allow: tools.allow,
    fields: tools.fields,
    actor: tools.actor,
  });

  const server = new McpServer({ name: 'ledgerbridge', version: packageVersion() });
  registerLedgerTools(server, toolkit);

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    try {
      await server.close();
      await opened.close();
    } finally {
      process.exit(code);
    }
  };
  process.stdin.on('end', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  await server.connect(new StdioServerTransport());
  say(
    `serving ${toolkit.tools.length} tools (${toolkit.mode} mode) for ${loaded.config.tenantId}/${loaded.config.connectionId} on ${loaded.config.provider} (${loaded.config.connection.mode})`,
  );
}

main().catch((error: unknown) => {
  say(describe(error));
  process.exit(2);
});
