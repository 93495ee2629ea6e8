import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { FunctionTool } from 'openai/resources/responses/responses';
import type { LedgerToolkit } from '../../tools/toolkit.js';
import { toOpenAiStrictSchema } from './strict-schema.js';

/**
 * The toolkit as Chat Completions function tools, in strict mode (the model's arguments always match the
 * schema's shape).
 *
 * @example
 * ```ts
 * const completion = await openai.chat.completions.create({ model, messages, tools: toOpenAiChatTools(toolkit) });
 * ```
 */
export function toOpenAiChatTools(toolkit: LedgerToolkit): ChatCompletionFunctionTool[] {
  return toolkit.tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: toOpenAiStrictSchema(tool.inputJsonSchema),
      strict: true,
    },
  }));
}

/**
 * The toolkit as Responses API function tools, in strict mode.
 *
 * @example
 * ```ts
 * const response = await openai.responses.create({ model, input, tools: toOpenAiResponsesTools(toolkit) });
 * ```
 */
export function toOpenAiResponsesTools(toolkit: LedgerToolkit): FunctionTool[] {
  return toolkit.tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    parameters: toOpenAiStrictSchema(tool.inputJsonSchema),
    strict: true,
  }));
}
