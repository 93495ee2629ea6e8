import type { Message, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runAnthropicToolUses, toAnthropicTools } from '../../src/adapters/anthropic/index.js';
import {
  EVERY_TOOL,
  paymentInput,
  SNAPSHOT_TOOLKIT,
  startToolkitHarness,
  unbalancedJournalInput,
} from './support/toolkit-harness.js';

const harness = startToolkitHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.audit.clear();
});

describe('Anthropic tools', () => {
  it('carry each tool’s JSON Schema as input_schema', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    const tools = toAnthropicTools(toolkit);
    expect(tools.map((tool) => tool.name)).toEqual(toolkit.tools.map((tool) => tool.name));
    for (const [index, tool] of tools.entries()) {
      expect(tool.input_schema).toEqual(toolkit.tools[index]?.inputJsonSchema);
      expect(tool.input_schema.type).toBe('object');
    }
  });

  it('emit stable definitions (snapshot)', async () => {
    const toolkit = await harness.toolkit(SNAPSHOT_TOOLKIT);
    await expect(JSON.stringify(toAnthropicTools(toolkit), null, 2)).toMatchFileSnapshot(
      '__snapshots__/anthropic-tools.snap',
    );
  });
});

describe('runAnthropicToolUses', () => {
  it('turns tool_use blocks into tool_result blocks, is_error on failures, text blocks skipped', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment', 'post_journal_entry'] } });
    const content: Message['content'] = [
      { type: 'text', text: 'Let me check the balance, then record the payment.', citations: null },
      {
        type: 'tool_use',
        id: 'toolu_01',
        name: 'get_invoice_balance',
        input: { invoiceId: '2' },
        caller: { type: 'direct' },
      },
      {
        type: 'tool_use',
        id: 'toolu_02',
        name: 'record_payment',
        input: paymentInput(),
        caller: { type: 'direct' },
      },
      {
        type: 'tool_use',
        id: 'toolu_03',
        name: 'post_journal_entry',
        input: unbalancedJournalInput(),
        caller: { type: 'direct' },
      },
      {
        type: 'tool_use',
        id: 'toolu_04',
        name: 'void_invoice',
        input: { invoiceId: '2' },
        caller: { type: 'direct' },
      },
    ];
    const results = await runAnthropicToolUses(toolkit, content, { actor: { agentId: 'claude-agent' } });
    expect(results.map((block) => [block.type, block.tool_use_id, block.is_error ?? false])).toEqual([
      ['tool_result', 'toolu_01', false],
      ['tool_result', 'toolu_02', false],
      ['tool_result', 'toolu_03', true],
      ['tool_result', 'toolu_04', true],
    ]);
    const parsed = results.map((block) => JSON.parse(block.content as string) as Record<string, unknown>);
    expect(parsed[1]).toMatchObject({ ok: true, status: 'created' });
    expect(parsed[2]).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(parsed[3]).toMatchObject({ ok: false, error: { code: 'tool_not_found' } });
    const outcome = harness.audit.records.find(
      (record) => record.operation === 'intent.record_payment' && record.phase === 'outcome',
    );
    expect(outcome?.actor).toEqual({ agentId: 'claude-agent', callId: 'toolu_02' });

    // The blocks go straight into the next user turn.
    const next: MessageParam = { role: 'user', content: results };
    expect(next.content).toHaveLength(4);
  });

  it('accepts request-side blocks (a replayed conversation) too', async () => {
    const toolkit = await harness.toolkit();
    const turn: MessageParam = {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_09', name: 'get_company', input: {} }],
    };
    const results = await runAnthropicToolUses(toolkit, turn.content);
    expect(results).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_09', content: expect.stringContaining('"ok":true') },
    ]);
    expect(await runAnthropicToolUses(toolkit, 'just text')).toEqual([]);
  });
});
