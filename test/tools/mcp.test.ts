import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { registerLedgerTools } from '../../src/adapters/mcp/index.js';
import { verifyAuditLog } from '../../src/audit/index.js';
import type { LedgerToolkit } from '../../src/tools/index.js';
import { spawnMcpServer } from './support/mcp-process.js';
import {
  EVERY_TOOL,
  paymentInput,
  SNAPSHOT_TOOLKIT,
  startToolkitHarness,
  unbalancedJournalInput,
  writeRequests,
} from './support/toolkit-harness.js';

const harness = startToolkitHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.audit.clear();
});

async function connectedClient(toolkit: LedgerToolkit): Promise<Client> {
  const server = new McpServer({ name: 'ledgerbridge-test', version: '0.0.0' });
  registerLedgerTools(server, toolkit);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-client', version: '0.0.0' });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return client;
}

const parse = (result: Awaited<ReturnType<Client['callTool']>>) =>
  JSON.parse((result.content as { type: string; text: string }[])[0]?.text ?? 'null') as Record<
    string,
    unknown
  >;

describe('registerLedgerTools with the official client over an in-memory transport', () => {
  it('lists every tool with its strict schema and MCP annotations', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    const client = await connectedClient(toolkit);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(toolkit.tools.map((tool) => tool.name));
    for (const [index, tool] of tools.entries()) {
      const { $schema: _dialect, ...inputSchema } = tool.inputSchema as Record<string, unknown>;
      expect(inputSchema).toEqual(toolkit.tools[index]?.inputJsonSchema);
      expect(tool.annotations).toEqual(toolkit.tools[index]?.annotations);
    }
    await client.close();
  });

  it('emits stable definitions (snapshot of tools/list)', async () => {
    const client = await connectedClient(await harness.toolkit(SNAPSHOT_TOOLKIT));
    const { tools } = await client.listTools();
    await expect(JSON.stringify(tools, null, 2)).toMatchFileSnapshot('__snapshots__/mcp-tools.snap');
    await client.close();
  });

  it('calls tools: structured content on success, isError with a structured failure otherwise', async () => {
    const client = await connectedClient(
      await harness.toolkit({ allow: { writes: ['record_payment', 'post_journal_entry'] } }),
    );
    const paid = await client.callTool({ name: 'record_payment', arguments: paymentInput() });
    expect(paid.isError).toBeUndefined();
    expect(paid.structuredContent).toMatchObject({ ok: true, status: 'created' });
    expect(parse(paid)).toEqual(paid.structuredContent);

    const refused = await client.callTool({
      name: 'post_journal_entry',
      arguments: unbalancedJournalInput(),
    });
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'lines', code: 'unbalanced' }] },
    });

    // Malformed arguments reach the toolkit (not the SDK's zod check) and come back structured.
    const malformed = await client.callTool({ name: 'get_invoice', arguments: { id: 7, bogus: 'x' } });
    expect(malformed.isError).toBe(true);
    expect(malformed.structuredContent).toMatchObject({ ok: false, error: { code: 'validation_failed' } });

    const callIds = harness.audit.records.map((record) => record.actor.callId);
    expect(callIds.every((id) => typeof id === 'string' && id.startsWith('mcp-'))).toBe(true);
    await client.close();
  });

  it('a tool the toolkit does not expose is unknown to the server, and nothing is sent', async () => {
    const client = await connectedClient(await harness.toolkit());
    harness.sim.requests.clear();
    const result = await client.callTool({ name: 'record_payment', arguments: paymentInput() });
    expect(result.isError).toBe(true);
    expect(harness.sim.requests.requests).toHaveLength(0);
    await client.close();
  });
});

describe('the ledgerbridge-mcp binary over real stdio', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledgerbridge-mcp-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('serves the simulator offline: lists tools, reads, writes, audits to a verifiable file', async () => {
    const configPath = join(directory, 'mcp.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        provider: 'quickbooks',
        tenantId: 'clinic-42',
        connectionId: 'qbo-main',
        connection: { mode: 'simulator', throttle: false },
        audit: { file: 'audit.jsonl' },
        tools: {
          allow: { writes: ['record_payment'], reads: ['invoices', 'customers'] },
          mode: 'write',
          fields: { role: 'billing' },
          actor: { agentId: 'mcp-agent' },
        },
      }),
    );
    const { client, stderr, close } = await spawnMcpServer(['--config', configPath]);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([
        'list_invoices',
        'get_invoice',
        'list_customers',
        'get_customer',
        'find_contact',
        'get_invoice_balance',
        'get_rate_limit_status',
        'record_payment',
      ]);
      const found = await client.callTool({
        name: 'find_contact',
        arguments: { namePrefix: 'Test Patient B', role: 'customer', limit: null },
      });
      expect(found.structuredContent).toMatchObject({
        ok: true,
        matches: [{ displayName: 'Test Patient Bravo (SYNTHETIC)' }],
      });
      expect(JSON.stringify(found.structuredContent)).not.toContain('example.test');
      const paid = await client.callTool({ name: 'record_payment', arguments: paymentInput() });
      expect(paid.structuredContent).toMatchObject({ ok: true, status: 'created' });
      const again = await client.callTool({ name: 'record_payment', arguments: paymentInput() });
      expect(again.structuredContent).toMatchObject({ ok: true, status: 'replayed' });
      const denied = await client.callTool({ name: 'void_invoice', arguments: { invoiceId: '2' } });
      expect(denied.isError).toBe(true);
    } finally {
      await close();
    }
    expect(stderr()).toContain('serving 8 tools (write mode) for clinic-42/qbo-main');
    expect(stderr()).not.toContain('Test Patient');
    const verification = await verifyAuditLog({ path: join(directory, 'audit.jsonl') });
    expect(verification).toMatchObject({ ok: true });
    expect(verification.count).toBeGreaterThan(4);
  });

  it('serves the Xero simulator the same way when the configuration names xero', async () => {
    const configPath = join(directory, 'mcp-xero.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        provider: 'xero',
        tenantId: 'clinic-42',
        connectionId: 'xero-main',
        connection: { mode: 'simulator' },
        tools: { allow: { reads: ['invoices'] }, mode: 'read' },
      }),
    );
    const { client, stderr, close } = await spawnMcpServer(['--config', configPath]);
    try {
      const listed = await client.callTool({
        name: 'list_invoices',
        arguments: { status: null, contactId: null, updatedSince: null, pageSize: 3, cursor: null },
      });
      expect(listed.isError).toBeFalsy();
      const page = listed.structuredContent as { ok: boolean; items: { id: string }[] };
      expect(page.ok).toBe(true);
      expect(page.items).toHaveLength(3);
      // Xero ids are GUIDs; QuickBooks' are small integers.
      expect(page.items[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await close();
    }
    expect(stderr()).toContain('for clinic-42/xero-main');
  });

  it('refuses a bad configuration with a message naming paths only, and exits 2', async () => {
    const configPath = join(directory, 'bad.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        provider: 'quickbooks',
        tenantId: 'Dr Jane Doe',
        connectionId: 'qbo-main',
        connection: { mode: 'token' },
        tools: { allow: { writes: ['wire_money'] } },
      }),
    );
    const { exitCode, stderr } = await spawnMcpServer(['--config', configPath], { expectExit: true });
    expect(exitCode).toBe(2);
    expect(stderr).toContain('configuration_invalid');
    expect(stderr).toContain('tenantId');
    expect(stderr).toContain('tools.allow.writes.0');
    expect(stderr).not.toMatch(/Jane|wire_money/);
  });
});

describe('the binary’s configuration', () => {
  it('reads inline JSON from the environment when no file is named', async () => {
    const { loadMcpConfig } = await import('../../src/bin/mcp-config.js');
    const loaded = await loadMcpConfig({
      argv: [],
      cwd: '/tmp',
      env: {
        LEDGERBRIDGE_MCP_CONFIG_JSON: JSON.stringify({
          provider: 'quickbooks',
          tenantId: 'clinic-42',
          connectionId: 'qbo-main',
          connection: { mode: 'simulator' },
        }),
      },
    });
    expect(loaded.config).toMatchObject({
      connection: { mode: 'simulator', seed: 'clinic', throttle: true },
      audit: 'memory',
      tools: {},
    });
  });

  it('requires an audit file for a real connection', async () => {
    const { loadMcpConfig } = await import('../../src/bin/mcp-config.js');
    const error = await loadMcpConfig({
      argv: [],
      cwd: '/tmp',
      env: {
        LEDGERBRIDGE_MCP_CONFIG_JSON: JSON.stringify({
          provider: 'quickbooks',
          tenantId: 'clinic-42',
          connectionId: 'qbo-main',
          connection: { mode: 'token' },
        }),
      },
    }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      code: 'configuration_invalid',
      issues: [{ path: 'audit', code: 'custom' }],
    });
  });
});

describe('writes the binary does not allow', () => {
  it('are absent from a read-only server', async () => {
    const client = await connectedClient(
      await harness.toolkit({ allow: { writes: ['record_payment'] }, mode: 'read' }),
    );
    const { tools } = await client.listTools();
    expect(tools.some((tool) => tool.name === 'record_payment')).toBe(false);
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
    await client.close();
  });
});
