import { type JSONSchema7, jsonSchema, type Tool, tool } from 'ai';
import type { ToolResult } from '../../tools/tool-result.js';
import type { LedgerToolkit } from '../../tools/toolkit.js';

/** AI SDK tools keyed by tool name, as `generateText({ tools })` takes them. */
export type LedgerAiSdkTools = Record<string, Tool<unknown, ToolResult>>;

/**
 * The toolkit as AI SDK tools. The AI SDK's `toolCallId` becomes the audit trail's call id and its abort
 * signal cancels the ledger calls. Inputs are described by the tools' JSON Schemas but validated by the
 * toolkit itself, so a malformed call comes back to the model as a structured `validation_failed`
 * result naming paths, the same as in every other framework, instead of an AI SDK error quoting it.
 *
 * @example
 * ```ts
 * const { text } = await generateText({ model, tools: toAiSdkTools(toolkit), stopWhen: stepCountIs(8), prompt });
 * ```
 */
export function toAiSdkTools(toolkit: LedgerToolkit): LedgerAiSdkTools {
  const tools: LedgerAiSdkTools = {};
  for (const ledgerTool of toolkit.tools) {
    tools[ledgerTool.name] = tool<unknown, ToolResult>({
      description: ledgerTool.description,
      inputSchema: jsonSchema<unknown>(ledgerTool.inputJsonSchema as JSONSchema7),
      execute: (input, { toolCallId, abortSignal }) =>
        ledgerTool.execute(input, { callId: toolCallId, signal: abortSignal }),
    });
  }
  return tools;
}
