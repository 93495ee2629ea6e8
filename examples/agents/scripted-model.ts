/**
 * A deterministic stand-in for a language model, for the offline demo and examples: the AI SDK's own
 * `MockLanguageModelV3` answering from a script. Each turn sees the tool results of the previous step and
 * returns what the "model" says and which tools it calls. Swap it for a real model
 * (`openai('gpt-5')`, `anthropic('claude-sonnet-4-5')`) and nothing else changes.
 */
import { MockLanguageModelV3 } from 'ai/test';

type CallOptions = Parameters<MockLanguageModelV3['doGenerate']>[0];
type GenerateResult = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;

/** One tool result the model sees, by tool name. */
export interface SeenResult {
  readonly tool: string;
  readonly output: unknown;
}

/** What one turn says and calls. */
export interface ScriptedReply {
  readonly text?: string | undefined;
  readonly calls?: readonly { readonly tool: string; readonly input: unknown }[] | undefined;
}

/** One turn of the script. It may be async (an agent that waits before trying again). */
export type ScriptedTurn = (results: readonly SeenResult[]) => ScriptedReply | Promise<ScriptedReply>;

function lastResults(prompt: CallOptions['prompt']): SeenResult[] {
  const results: SeenResult[] = [];
  for (const message of prompt) {
    if (message.role === 'assistant') results.length = 0;
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type === 'tool-result') {
        results.push({
          tool: part.toolName,
          output: part.output.type === 'json' ? part.output.value : undefined,
        });
      }
    }
  }
  return results;
}

/** A model that plays `turns` in order; tool-call ids are `call_<step>_<n>`. */
export function scriptedModel(turns: readonly ScriptedTurn[]): MockLanguageModelV3 {
  let step = 0;
  return new MockLanguageModelV3({
    doGenerate: async (options: CallOptions): Promise<GenerateResult> => {
      const turn: ScriptedTurn = turns[step] ?? (() => ({ text: 'Done.' }));
      step += 1;
      const { text, calls = [] } = await turn(lastResults(options.prompt));
      return {
        content: [
          ...(text ? [{ type: 'text' as const, text }] : []),
          ...calls.map((call, index) => ({
            type: 'tool-call' as const,
            toolCallId: `call_${step}_${index + 1}`,
            toolName: call.tool,
            input: JSON.stringify(call.input),
          })),
        ],
        finishReason: { unified: calls.length > 0 ? 'tool-calls' : 'stop', raw: undefined },
        usage: {
          inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 0, text: 0, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
}

/** The result of a tool the model saw, by name (the first one of that name in the step). */
export function resultOf<Fields>(results: readonly SeenResult[], tool: string): Fields & { ok: boolean } {
  const found = results.find((result) => result.tool === tool);
  if (found === undefined) throw new Error(`the script expected a ${tool} result`);
  return found.output as Fields & { ok: boolean };
}
