/**
 * `ledgerbridge/openai`: the toolkit as OpenAI function tools (Chat Completions and Responses, strict
 * mode), and runners that execute the tool calls a response returns. Uses only the `openai` package's
 * types; nothing from it is loaded at run time.
 */
export {
  type OpenAiRunOptions,
  runOpenAiResponsesToolCalls,
  runOpenAiToolCalls,
} from './run-tool-calls.js';
export { checkOpenAiStrictSchema, type OpenAiStrictIssue, type OpenAiStrictRule } from './strict-checker.js';
export { type OpenAiStrictSchema, toOpenAiStrictSchema } from './strict-schema.js';
export { toOpenAiChatTools, toOpenAiResponsesTools } from './tools.js';
