/**
 * `ledgerbridge/ai-sdk`: the toolkit as Vercel AI SDK tools (`ai` 5 or 6), for `generateText`,
 * `streamText` and agents.
 */
export { type LedgerAiSdkTools, toAiSdkTools } from './to-ai-sdk-tools.js';
