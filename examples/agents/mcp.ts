/**
 * The ledger tools on a Model Context Protocol server: `npx tsx examples/agents/mcp.ts`.
 *
 * Registers the toolkit on an `McpServer` and talks to it with the official client over an in-memory
 * transport, in one process. To serve a desktop agent over stdio instead, run the `ledgerbridge-mcp`
 * binary with a config file such as `examples/agents/ledgerbridge-mcp.json` (see the README).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerLedgerTools } from 'ledgerbridge/mcp';
import { createLedgerToolkit } from 'ledgerbridge/tools';
import { openSimulatedBooks } from './simulated-books.js';

const { books, close } = await openSimulatedBooks(['record_payment']);
// Propose mode: write tools validate and return dry-run plans; a person runs them.
const toolkit = createLedgerToolkit(books, {
  allow: { writes: ['record_payment'], reads: ['invoices', 'customers'] },
  mode: 'propose',
  onProposal: ({ plan, callId }) =>
    console.log(`proposal ${callId}: ${plan.action} ${plan.resource}, key ${plan.idempotencyKey}`),
});

const server = new McpServer({ name: 'ledgerbridge', version: '0.1.0' });
registerLedgerTools(server, toolkit);
const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
const client = new Client({ name: 'example-agent', version: '0.1.0' });
await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);

const { tools } = await client.listTools();
console.log(
  tools.map((tool) => `${tool.name}${tool.annotations?.readOnlyHint ? '' : ' (writes)'}`).join(', '),
);

const proposed = await client.callTool({
  name: 'record_payment',
  arguments: {
    customerId: '1',
    date: '2026-03-15',
    amount: '40.00',
    currency: 'USD',
    depositAccountId: null,
    reference: null,
    memo: null,
    allocations: [{ invoiceId: '2', amount: '40.00' }],
  },
});
console.log('record_payment →', JSON.stringify(proposed.structuredContent));

const refused = await client.callTool({ name: 'get_invoice', arguments: { id: 'no such id!' } });
console.log('get_invoice →', refused.isError ? 'isError' : 'ok', JSON.stringify(refused.structuredContent));

await client.close();
close();
