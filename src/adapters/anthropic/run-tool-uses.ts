import type {
  ContentBlock,
  ContentBlockParam,
  ToolResultBlockParam,
  ToolUseBlock,
  ToolUseBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { ToolCallOptions } from '../../tools/tool.js';
import { toolResultText } from '../../tools/tool-result.js';
import type { LedgerToolkit } from '../../tools/toolkit.js';

/** Per-run options: the call id comes from each `tool_use` block. */
export type AnthropicRunOptions = Omit<ToolCallOptions, 'callId'>;

function isToolUse(block: ContentBlock | ContentBlockParam): block is ToolUseBlock | ToolUseBlockParam {
  return block.type === 'tool_use';
}

/**
 * Runs the `tool_use` blocks of an assistant message, one after another (ledger writes keep their order),
 * and returns one `tool_result` block per use, in order, for the next user message. A failed call is a
 * result with `is_error: true` and the structured failure as its content.
 *
 * @example
 * ```ts
 * const results = await runAnthropicToolUses(toolkit, message.content);
 * messages.push({ role: 'assistant', content: message.content }, { role: 'user', content: results });
 * ```
 */
export async function runAnthropicToolUses(
  toolkit: LedgerToolkit,
  content: string | readonly (ContentBlock | ContentBlockParam)[],
  options: AnthropicRunOptions = {},
): Promise<ToolResultBlockParam[]> {
  const results: ToolResultBlockParam[] = [];
  // A plain-text turn (MessageParam content may be a string) has no tool uses.
  if (typeof content === 'string') return results;
  for (const block of content) {
    if (!isToolUse(block)) continue;
    const result = await toolkit.execute(block.name, block.input, { ...options, callId: block.id });
    results.push({
      type: 'tool_result',
      tool_use_id: block.id,
      content: toolResultText(result),
      ...(result.ok ? {} : { is_error: true }),
    });
  }
  return results;
}
