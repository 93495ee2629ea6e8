import { generateText, stepCountIs } from 'ai';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptedModel } from '../../examples/agents/scripted-model.js';
import { toAiSdkTools } from '../../src/adapters/ai-sdk/index.js';
import {
  listInvoicesInput,
  okResult,
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

describe('toAiSdkTools in a real generateText tool loop', () => {
  it('runs a multi-step session: reads, a payment, a refused journal, then an answer', async () => {
    const toolkit = await harness.toolkit({
      allow: { writes: ['record_payment', 'post_journal_entry'] },
      actor: { agentId: 'billing-agent', sessionId: 'sess-ai' },
    });
    const model = scriptedModel([
      () => ({
        text: 'Let me look at the open invoices.',
        calls: [{ tool: 'list_invoices', input: listInvoicesInput({ status: 'open', pageSize: 3 }) }],
      }),
      ([listed]) => {
        const [first] = okResult<{ items: { id: string }[] }>(listed?.output as never).items;
        return { calls: [{ tool: 'get_invoice_balance', input: { invoiceId: first?.id } }] };
      },
      ([balance]) => {
        const { invoiceId } = okResult<{ invoiceId: string }>(balance?.output as never);
        return {
          calls: [
            {
              tool: 'record_payment',
              input: paymentInput({ allocations: [{ invoiceId, amount: '20.00' }] }),
            },
            { tool: 'post_journal_entry', input: unbalancedJournalInput() },
          ],
        };
      },
      () => ({ text: 'Payment recorded; the journal entry was refused because it does not balance.' }),
    ]);

    const result = await generateText({
      model,
      tools: toAiSdkTools(toolkit),
      prompt: 'Apply the 20.00 check to the oldest open invoice and fix the journal.',
      stopWhen: stepCountIs(6),
    });

    expect(result.steps).toHaveLength(4);
    expect(result.text).toContain('Payment recorded');
    const outputs = result.steps.flatMap((step) =>
      step.toolResults.map((part) => [part.toolName, part.output]),
    );
    expect(outputs).toEqual([
      ['list_invoices', expect.objectContaining({ ok: true, resource: 'invoices' })],
      ['get_invoice_balance', expect.objectContaining({ ok: true, balance: expect.any(String) })],
      ['record_payment', expect.objectContaining({ ok: true, status: 'created' })],
      [
        'post_journal_entry',
        expect.objectContaining({
          ok: false,
          error: expect.objectContaining({
            code: 'validation_failed',
            issues: [{ path: 'lines', code: 'unbalanced' }],
          }),
        }),
      ],
    ]);
    // The AI SDK's tool-call ids land in the audit trail, joined to the transcript.
    const callIds = result.steps.flatMap((step) => step.toolCalls.map((call) => call.toolCallId));
    expect(callIds).toEqual(['call_1_1', 'call_2_1', 'call_3_1', 'call_3_2']);
    const audited = new Set(harness.audit.records.map((record) => record.actor.callId));
    for (const id of callIds) expect(audited.has(id)).toBe(true);
    expect(harness.audit.records.every((record) => record.actor.agentId === 'billing-agent')).toBe(true);
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(1);
  });

  it('hands malformed input to the toolkit, which answers with a structured failure', async () => {
    const toolkit = await harness.toolkit();
    const model = scriptedModel([
      () => ({ calls: [{ tool: 'get_invoice', input: { id: 42, note: 'extra' } }] }),
      () => ({ text: 'The id was wrong.' }),
    ]);
    const result = await generateText({
      model,
      tools: toAiSdkTools(toolkit),
      prompt: 'x',
      stopWhen: stepCountIs(3),
    });
    const [first] = result.steps;
    expect(first?.toolResults[0]?.output).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'id' }, { path: '', code: 'unrecognized_keys' }] },
    });
    expect(first?.content.some((part) => part.type === 'tool-error')).toBe(false);
  });

  it('stops where stopWhen says, even if the model keeps calling tools', async () => {
    const toolkit = await harness.toolkit();
    const model = scriptedModel(
      Array.from({ length: 10 }, () => () => ({ calls: [{ tool: 'get_rate_limit_status', input: {} }] })),
    );
    const result = await generateText({
      model,
      tools: toAiSdkTools(toolkit),
      prompt: 'x',
      stopWhen: stepCountIs(3),
    });
    expect(result.steps).toHaveLength(3);
  });

  it('a tool the toolkit does not allow is unknown to the AI SDK and never reaches the ledger', async () => {
    const toolkit = await harness.toolkit();
    harness.sim.requests.clear();
    const model = scriptedModel([() => ({ calls: [{ tool: 'record_payment', input: paymentInput() }] })]);
    const result = await generateText({
      model,
      tools: toAiSdkTools(toolkit),
      prompt: 'x',
      stopWhen: stepCountIs(2),
    });
    expect(result.steps[0]?.content.some((part) => part.type === 'tool-error')).toBe(true);
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('sends the model stable tool definitions (snapshot of what the model received)', async () => {
    const toolkit = await harness.toolkit(SNAPSHOT_TOOLKIT);
    const model = scriptedModel([() => ({ text: 'ok' })]);
    await generateText({ model, tools: toAiSdkTools(toolkit), prompt: 'x' });
    const sent = model.doGenerateCalls[0]?.tools;
    expect(sent?.map((tool) => tool.name)).toEqual(toolkit.tools.map((tool) => tool.name));
    await expect(JSON.stringify(sent, null, 2)).toMatchFileSnapshot('__snapshots__/ai-sdk-tools.snap');
  });
});
