import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { LedgerTool } from '../../tools/tool.js';
import { type ToolResult, toolResultText } from '../../tools/tool-result.js';
import type { LedgerToolkit } from '../../tools/toolkit.js';

/**
 * A zod schema that accepts any object but lists itself (through zod's metadata, which the MCP SDK's JSON
 * Schema conversion merges) as the tool's strict JSON Schema. The MCP SDK validates arguments before
 * calling a tool and answers a mismatch with zod's message text; the toolkit validates itself and answers
 * with the same structured `validation_failed` result as in every other framework.
 */
function describedInput(tool: LedgerTool) {
  return z.looseObject({}).meta({ ...tool.inputJsonSchema });
}

/** MCP has no tool-call id; the JSON-RPC request id identifies the call within its session. */
function callIdOf(requestId: string | number): string {
  return `mcp-${String(requestId)}`;
}

/** A ledger result as an MCP tool result: JSON text for any client, structured content for newer ones. */
export function toCallToolResult(result: ToolResult): CallToolResult {
  return {
    content: [{ type: 'text', text: toolResultText(result) }],
    structuredContent: { ...result },
    ...(result.ok ? {} : { isError: true }),
  };
}

/**
 * Registers every tool of a toolkit on an MCP server, with its description, input schema and MCP
 * annotations. Returns the registered tools (to disable or remove them later).
 *
 * @example
 * ```ts
 * const server = new McpServer({ name: 'ledgerbridge', version: '0.1.0' });
 * registerLedgerTools(server, createLedgerToolkit(books, { allow: { writes: ['record_payment'] } }));
 * await server.connect(new StdioServerTransport());
 * ```
 */
export function registerLedgerTools(server: McpServer, toolkit: LedgerToolkit): RegisteredTool[] {
  return toolkit.tools.map((tool) =>
    server.registerTool(
      tool.name,
      {
        title: tool.annotations.title,
        description: tool.description,
        inputSchema: describedInput(tool),
        annotations: { ...tool.annotations },
      },
      async (input, extra) =>
        toCallToolResult(
          await tool.execute(input, { callId: callIdOf(extra.requestId), signal: extra.signal }),
        ),
    ),
  );
}
