import type {
  ChatCompletionMessageToolCall,
  ChatCompletionToolMessageParam,
} from 'openai/resources/chat/completions';
import type { ResponseInputItem, ResponseOutputItem } from 'openai/resources/responses/responses';
import type { ToolCallOptions } from '../../tools/tool.js';
import {
  invalidArgumentsFailure,
  type ToolResult,
  toolFailure,
  toolResultText,
} from '../../tools/tool-result.js';
import type { LedgerToolkit } from '../../tools/toolkit.js';

/** Per-run options: the call id comes from each tool call. */
export type OpenAiRunOptions = Omit<ToolCallOptions, 'callId'>;

async function runArguments(
  toolkit: LedgerToolkit,
  name: string,
  argumentsText: string,
  options: ToolCallOptions,
): Promise<ToolResult> {
  let input: unknown;
  try {
    input = JSON.parse(argumentsText);
  } catch {
    return invalidArgumentsFailure();
  }
  return toolkit.execute(name, input, options);
}

/**
 * Runs the tool calls of a Chat Completions assistant message, one after another (ledger writes keep
 * their order), and returns one `tool` message per call, in order, ready to append to the conversation.
 * Failures are results too (`{ ok: false, error }`), so every call id gets its answer.
 *
 * @example
 * ```ts
 * const message = completion.choices[0].message;
 * messages.push(message, ...(await runOpenAiToolCalls(toolkit, message.tool_calls)));
 * ```
 */
export async function runOpenAiToolCalls(
  toolkit: LedgerToolkit,
  toolCalls: readonly ChatCompletionMessageToolCall[] | null | undefined,
  options: OpenAiRunOptions = {},
): Promise<ChatCompletionToolMessageParam[]> {
  const messages: ChatCompletionToolMessageParam[] = [];
  for (const call of toolCalls ?? []) {
    const result =
      call.type === 'function'
        ? await runArguments(toolkit, call.function.name, call.function.arguments, {
            ...options,
            callId: call.id,
          })
        : // Custom (free-text) tools are not part of a ledger toolkit.
          toolFailure('tool_not_found');
    messages.push({ role: 'tool', tool_call_id: call.id, content: toolResultText(result) });
  }
  return messages;
}

/**
 * Runs the `function_call` items of a Responses API output, one after another, and returns one
 * `function_call_output` item per call, ready to send as the next request's input.
 *
 * @example
 * ```ts
 * const outputs = await runOpenAiResponsesToolCalls(toolkit, response.output);
 * const next = await openai.responses.create({ model, previous_response_id: response.id, input: outputs, tools });
 * ```
 */
export async function runOpenAiResponsesToolCalls(
  toolkit: LedgerToolkit,
  output: readonly ResponseOutputItem[],
  options: OpenAiRunOptions = {},
): Promise<ResponseInputItem.FunctionCallOutput[]> {
  const items: ResponseInputItem.FunctionCallOutput[] = [];
  for (const item of output) {
    if (item.type !== 'function_call') continue;
    const result = await runArguments(toolkit, item.name, item.arguments, {
      ...options,
      callId: item.call_id,
    });
    items.push({ type: 'function_call_output', call_id: item.call_id, output: toolResultText(result) });
  }
  return items;
}
