/**
 * The ledger tools in a LangChain.js tool-calling loop: `npx tsx examples/agents/langchain.ts`.
 *
 * Runs offline with a scripted chat model; with a real one (`new ChatOpenAI({ model: 'gpt-5' })` from
 * `@langchain/openai`, or any model with `bindTools`) the loop is the same, and the tools work unchanged in
 * LangGraph's `createReactAgent`/`ToolNode`.
 */
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { BaseChatModel, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  type AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  type ToolMessage,
} from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { toLangChainTools } from 'ledgerbridge/langchain';
import { createLedgerToolkit } from 'ledgerbridge/tools';
import { openSimulatedBooks } from './simulated-books.js';

/** Answers from a script; stands in for a provider's chat model. */
class ScriptedChatModel extends BaseChatModel {
  private turn = 0;
  constructor(private readonly script: AIMessage[]) {
    super({});
  }
  _llmType(): string {
    return 'scripted';
  }
  override bindTools(_tools: BindToolsInput[]): Runnable<BaseLanguageModelInput, AIMessageChunk> {
    return this;
  }
  async _generate(): Promise<ChatResult> {
    const message = this.script[this.turn] ?? new AIMessage('Done.');
    this.turn += 1;
    return { generations: [{ text: String(message.content), message }] };
  }
}

const { books, close } = await openSimulatedBooks([]);
// Read tools only (no allow.writes), billing view of patient data.
const toolkit = createLedgerToolkit(books, { fields: { role: 'billing' } });
const tools = toLangChainTools(toolkit);
const byName = new Map(tools.map((tool) => [tool.name, tool]));

const model = new ScriptedChatModel([
  new AIMessage({
    content: '',
    tool_calls: [
      {
        id: 'lc_1',
        type: 'tool_call',
        name: 'find_contact',
        args: { namePrefix: 'Test Patient C', role: null, limit: null },
      },
      { id: 'lc_2', type: 'tool_call', name: 'get_invoice_balance', args: { invoiceId: '3' } },
    ],
  }),
  new AIMessage('Test Patient Charlie owes 157.75 on invoice 1003.'),
]).bindTools(tools);

const messages: BaseMessage[] = [new HumanMessage('What does Test Patient Charlie owe?')];
for (let turn = 0; turn < 5; turn += 1) {
  const reply = await model.invoke(messages);
  messages.push(reply);
  if (!reply.tool_calls?.length) break;
  for (const call of reply.tool_calls) {
    const tool = byName.get(call.name);
    if (!tool) continue;
    // Invoked with the tool call, each tool answers a ToolMessage (status 'error' when the call failed).
    const answer = (await tool.invoke({ ...call, type: 'tool_call' })) as ToolMessage;
    console.log(answer.tool_call_id, answer.status, String(answer.content).slice(0, 120));
    messages.push(answer);
  }
}
console.log(messages.at(-1)?.content);
close();
