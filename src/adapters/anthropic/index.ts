/**
 * `ledgerbridge/anthropic`: the toolkit as Anthropic tools, and a runner that turns `tool_use` blocks into
 * `tool_result` blocks. Uses only the `@anthropic-ai/sdk` package's types; nothing from it is loaded at
 * run time.
 */
export { type AnthropicRunOptions, runAnthropicToolUses } from './run-tool-uses.js';
export { toAnthropicTools } from './tools.js';
