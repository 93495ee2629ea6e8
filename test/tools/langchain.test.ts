import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { BaseChatModel, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  type AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  ToolMessage,
} from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { toLangChainTools } from '../../src/adapters/langchain/index.js';
import {
  EVERY_TOOL,
  paymentInput,
  SNAPSHOT_TOOLKIT,
  startToolkitHarness,
  unbalancedJournalInput,
  writeRequests,
} from './support/toolkit-harness.js';

const harness = startToolkitHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.audit.clear();
});

/** A chat model that answers from a script: a real LangChain BaseChatModel, no network. */
class ScriptedChatModel extends BaseChatModel {
  bound: ReturnType<typeof convertToOpenAITool>[] = [];
  private turn = 0;

  constructor(private readonly script: AIMessage[]) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(tools: BindToolsInput[]): Runnable<BaseLanguageModelInput, AIMessageChunk> {
    this.bound = tools.map((tool) => convertToOpenAITool(tool as StructuredToolInterface));
    return this;
  }

  async _generate(): Promise<ChatResult> {
    const message = this.script[this.turn] ?? new AIMessage('Done.');
    this.turn += 1;
    return { generations: [{ text: String(message.content), message }] };
  }
}

const withoutDialect = (schema: unknown) => {
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  return rest;
};

describe('LangChain structured tools', () => {
  it('present each tool’s strict JSON Schema to a model, unchanged', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    const tools = toLangChainTools(toolkit);
    for (const [index, tool] of tools.entries()) {
      const converted = convertToOpenAITool(tool);
      expect(converted.function.name).toBe(toolkit.tools[index]?.name);
      expect(withoutDialect(converted.function.parameters)).toEqual(toolkit.tools[index]?.inputJsonSchema);
    }
  });

  it('emit stable definitions (snapshot, as bindTools sends them)', async () => {
    const toolkit = await harness.toolkit(SNAPSHOT_TOOLKIT);
    const definitions = toLangChainTools(toolkit).map((tool) => convertToOpenAITool(tool));
    await expect(JSON.stringify(definitions, null, 2)).toMatchFileSnapshot(
      '__snapshots__/langchain-tools.snap',
    );
  });

  it('invoked with arguments, answer JSON text, failures included, never throwing', async () => {
    const tools = toLangChainTools(await harness.toolkit());
    const balance = tools.find((tool) => tool.name === 'get_invoice_balance');
    expect(JSON.parse(String(await balance?.invoke({ invoiceId: '2' })))).toMatchObject({
      ok: true,
      balance: '183.50',
    });
    expect(JSON.parse(String(await balance?.invoke({ invoiceId: 2, extra: true })))).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
  });

  it('invoked with a tool call, answer a ToolMessage flagged error on failure, with the call id audited', async () => {
    const tools = toLangChainTools(await harness.toolkit({ allow: { writes: ['record_payment'] } }));
    const pay = tools.find((tool) => tool.name === 'record_payment');
    const paid: unknown = await pay?.invoke({
      id: 'lc_call_1',
      name: 'record_payment',
      args: paymentInput(),
      type: 'tool_call',
    });
    expect(paid).toBeInstanceOf(ToolMessage);
    expect(paid).toMatchObject({
      tool_call_id: 'lc_call_1',
      status: 'success',
      artifact: { ok: true, status: 'created' },
    });
    const refused: unknown = await pay?.invoke({
      id: 'lc_call_2',
      name: 'record_payment',
      args: paymentInput({ amount: '-1' }),
      type: 'tool_call',
    });
    expect(refused).toMatchObject({ tool_call_id: 'lc_call_2', status: 'error' });
    const audited = harness.audit.records.map((record) => record.actor.callId);
    expect(audited).toEqual(expect.arrayContaining(['lc_call_1', 'lc_call_2']));
  });
});

describe('a LangChain agent loop (bound model, tool calls, tool messages)', () => {
  it('runs the tools a model asks for and feeds their results back', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment', 'post_journal_entry'] } });
    const tools = toLangChainTools(toolkit);
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const model = new ScriptedChatModel([
      new AIMessage({
        content: '',
        tool_calls: [
          { id: 'lc_1', name: 'get_invoice_balance', args: { invoiceId: '2' }, type: 'tool_call' },
        ],
      }),
      new AIMessage({
        content: '',
        tool_calls: [
          { id: 'lc_2', name: 'record_payment', args: paymentInput(), type: 'tool_call' },
          { id: 'lc_3', name: 'post_journal_entry', args: unbalancedJournalInput(), type: 'tool_call' },
        ],
      }),
      new AIMessage('Recorded the payment; the journal entry does not balance.'),
    ]);
    const agent = model.bindTools(tools);
    expect(model.bound.map((definition) => definition.function.name)).toEqual(
      toolkit.tools.map((tool) => tool.name),
    );

    const messages: BaseMessage[] = [
      new HumanMessage('Apply the 20.00 check to invoice 2 and post the adjustment.'),
    ];
    for (let turn = 0; turn < 5; turn += 1) {
      const reply = await agent.invoke(messages);
      messages.push(reply);
      if (!reply.tool_calls?.length) break;
      for (const call of reply.tool_calls) {
        const tool = byName.get(call.name);
        if (tool) messages.push((await tool.invoke({ ...call, type: 'tool_call' })) as ToolMessage);
      }
    }

    const toolMessages = messages.filter((message): message is ToolMessage => message instanceof ToolMessage);
    expect(toolMessages.map((message) => [message.tool_call_id, message.status])).toEqual([
      ['lc_1', 'success'],
      ['lc_2', 'success'],
      ['lc_3', 'error'],
    ]);
    expect(messages.at(-1)?.content).toContain('Recorded the payment');
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(1);
  });
});
