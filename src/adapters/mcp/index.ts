/**
 * `ledgerbridge/mcp`: the toolkit on a Model Context Protocol server (`@modelcontextprotocol/sdk`).
 * For a ready-made stdio server, see the `ledgerbridge-mcp` binary.
 */
export { registerLedgerTools, toCallToolResult } from './register-ledger-tools.js';
