import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import type { LedgerToolkit } from '../../tools/toolkit.js';

/**
 * The toolkit as Anthropic Messages API tools (`name`, `description`, `input_schema`).
 *
 * @example
 * ```ts
 * const message = await anthropic.messages.create({ model, max_tokens: 1024, messages, tools: toAnthropicTools(toolkit) });
 * ```
 */
export function toAnthropicTools(toolkit: LedgerToolkit): Tool[] {
  return toolkit.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { ...tool.inputJsonSchema, required: [...tool.inputJsonSchema.required] },
  }));
}
