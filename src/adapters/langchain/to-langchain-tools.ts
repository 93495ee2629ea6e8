import { ToolMessage } from '@langchain/core/messages';
import { DynamicStructuredTool, type ToolRunnableConfig } from '@langchain/core/tools';
import { z } from 'zod';
import type { LedgerTool } from '../../tools/tool.js';
import { toolResultText } from '../../tools/tool-result.js';
import type { LedgerToolkit } from '../../tools/toolkit.js';

/** The tool-call id LangChain passes when a tool runs for a model's tool call. */
function toolCallIdOf(config: ToolRunnableConfig | undefined): string | undefined {
  return config?.toolCall?.id ?? undefined;
}

/**
 * A zod schema that accepts any object but describes itself as the tool's strict JSON Schema. LangChain
 * validates tool input before calling the tool and throws on a mismatch; the toolkit validates itself and
 * answers with a structured `validation_failed` result, so LangChain is shown the real schema (through
 * zod's metadata, which its JSON Schema conversion merges) and handed the raw input.
 */
function describedInput(tool: LedgerTool) {
  return z.looseObject({}).meta({ ...tool.inputJsonSchema });
}

function structuredTool(tool: LedgerTool): DynamicStructuredTool {
  return new DynamicStructuredTool({
    name: tool.name,
    description: tool.description,
    schema: describedInput(tool),
    func: async (input: unknown, _runManager, config?: ToolRunnableConfig) => {
      const callId = toolCallIdOf(config);
      const result = await tool.execute(input, { callId, signal: config?.signal });
      const content = toolResultText(result);
      if (callId === undefined) return content;
      // A ToolMessage of our own carries the failure flag (status 'error'), which agents and LangGraph's
      // tool node read; the structured result rides along as the artifact.
      return new ToolMessage({
        content,
        tool_call_id: callId,
        name: tool.name,
        status: result.ok ? 'success' : 'error',
        artifact: result,
      });
    },
  });
}

/**
 * The toolkit as LangChain.js structured tools, for `model.bindTools(tools)`, agents and LangGraph.
 * Invoked with a tool call, each returns a `ToolMessage` (`status: 'error'` on failure); invoked with
 * plain arguments, the result as JSON text.
 *
 * @example
 * ```ts
 * const tools = toLangChainTools(toolkit);
 * const ai = await model.bindTools(tools).invoke(messages);
 * for (const call of ai.tool_calls ?? []) messages.push(await tools.find((t) => t.name === call.name)!.invoke(call));
 * ```
 */
export function toLangChainTools(toolkit: LedgerToolkit): DynamicStructuredTool[] {
  return toolkit.tools.map(structuredTool);
}
