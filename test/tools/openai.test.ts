import { toStrictJsonSchema } from 'openai/lib/transform';
import type { ChatCompletion, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import type { Response, ResponseOutputItem } from 'openai/resources/responses/responses';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkOpenAiStrictSchema,
  runOpenAiResponsesToolCalls,
  runOpenAiToolCalls,
  toOpenAiChatTools,
  toOpenAiResponsesTools,
  toOpenAiStrictSchema,
} from '../../src/adapters/openai/index.js';
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

const closed = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

describe('the strict-mode checker', () => {
  it('passes a schema inside the strict subset', () => {
    expect(
      checkOpenAiStrictSchema(
        closed({
          name: { type: 'string', pattern: '^[a-z]+$', description: 'x' },
          when: { type: 'string', format: 'date' },
          count: { type: 'integer', minimum: 1, maximum: 5 },
          note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          kind: { type: 'string', enum: ['a', 'b'] },
          lines: { type: 'array', minItems: 1, maxItems: 3, items: closed({ amount: { type: 'string' } }) },
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    ['a non-object root', { type: 'array', items: { type: 'string' } }, 'root_not_object'],
    ['a union at the root', { ...closed({}), anyOf: [closed({})] }, 'root_is_union'],
    [
      'an open object',
      { ...closed({ a: { type: 'string' } }), additionalProperties: true },
      'additional_properties_not_false',
    ],
    [
      'a missing additionalProperties',
      { type: 'object', properties: {}, required: [] },
      'additional_properties_not_false',
    ],
    [
      'an optional key',
      { ...closed({ a: { type: 'string' }, b: { type: 'string' } }), required: ['a'] },
      'property_not_required',
    ],
    ['minLength', closed({ a: { type: 'string', minLength: 1 } }), 'unsupported_keyword'],
    ['allOf', closed({ a: { allOf: [{ type: 'string' }] } }), 'unsupported_keyword'],
    ['a default', closed({ a: { type: 'string', default: 'x' } }), 'unsupported_keyword'],
    ['an unsupported format', closed({ a: { type: 'string', format: 'uri' } }), 'unsupported_format'],
    ['a node without a type', closed({ a: { description: 'anything' } }), 'missing_type'],
    [
      'a nested open object',
      closed({ a: { type: 'object', properties: {}, required: [] } }),
      'additional_properties_not_false',
    ],
  ])('flags %s', (_name, schema, rule) => {
    expect(checkOpenAiStrictSchema(schema).map((issue) => issue.rule)).toContain(rule);
  });

  it('flags nesting deeper than ten objects and more than a thousand enum values', () => {
    let deep: Record<string, unknown> = closed({ leaf: { type: 'string' } });
    for (let level = 0; level < 10; level += 1) deep = closed({ child: deep });
    expect(checkOpenAiStrictSchema(deep).map((issue) => issue.rule)).toContain('too_deep');
    const values = Array.from({ length: 1001 }, (_, index) => `v${index}`);
    expect(
      checkOpenAiStrictSchema(closed({ a: { type: 'string', enum: values } })).map((issue) => issue.rule),
    ).toContain('too_many_enum_values');
  });

  it('names paths as JSON Pointers and never quotes values', () => {
    const issues = checkOpenAiStrictSchema(
      closed({ 'a/b': { type: 'string', maxLength: 5, default: 'SECRET' } }),
    );
    expect(issues).toEqual([
      { path: '/properties/a~1b', rule: 'unsupported_keyword', keyword: 'maxLength' },
      { path: '/properties/a~1b', rule: 'unsupported_keyword', keyword: 'default' },
    ]);
  });
});

describe('the converter', () => {
  it('moves length limits into the description and closes every object', () => {
    const strict = toOpenAiStrictSchema({
      type: 'object',
      properties: {
        reference: { type: 'string', minLength: 1, maxLength: 21, description: 'Check number.' },
        extra: {
          type: 'object',
          properties: { a: { type: 'string' } },
          required: [],
          additionalProperties: false,
        },
      },
      required: ['reference'],
      additionalProperties: false,
    });
    expect(strict).toEqual({
      type: 'object',
      properties: {
        reference: { type: 'string', description: 'Check number. At most 21 characters.' },
        extra: {
          anyOf: [
            {
              type: 'object',
              properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
              required: ['a'],
              additionalProperties: false,
            },
            { type: 'null' },
          ],
        },
      },
      required: ['reference', 'extra'],
      additionalProperties: false,
    });
  });
});

describe('function tools', () => {
  it('every tool of the catalogue passes the strict checker, for Chat Completions and Responses', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    const chat = toOpenAiChatTools(toolkit);
    const responses = toOpenAiResponsesTools(toolkit);
    expect(chat).toHaveLength(toolkit.tools.length);
    for (const tool of chat) {
      expect(tool.function.strict).toBe(true);
      expect(tool.function.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(checkOpenAiStrictSchema(tool.function.parameters), tool.function.name).toEqual([]);
    }
    for (const tool of responses) expect(checkOpenAiStrictSchema(tool.parameters), tool.name).toEqual([]);
  });

  it('OpenAI’s own strict normaliser (openai/lib/transform) accepts every schema unchanged', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    for (const tool of toOpenAiChatTools(toolkit)) {
      const parameters = tool.function.parameters as Record<string, unknown>;
      expect(toStrictJsonSchema(parameters), tool.function.name).toEqual(parameters);
    }
  });

  it('emits stable definitions (snapshot)', async () => {
    const toolkit = await harness.toolkit(SNAPSHOT_TOOLKIT);
    await expect(JSON.stringify(toOpenAiChatTools(toolkit), null, 2)).toMatchFileSnapshot(
      '__snapshots__/openai-chat-tools.snap',
    );
    await expect(JSON.stringify(toOpenAiResponsesTools(toolkit), null, 2)).toMatchFileSnapshot(
      '__snapshots__/openai-responses-tools.snap',
    );
  });
});

describe('runOpenAiToolCalls (Chat Completions)', () => {
  it('answers every tool call of an assistant message, in order, failures included', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment', 'post_journal_entry'] } });
    const completion: ChatCompletion = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1_773_000_000,
      model: 'gpt-test',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          logprobs: null,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_invoice_balance', arguments: '{"invoiceId":"2"}' },
              },
              {
                id: 'call_2',
                type: 'function',
                function: { name: 'record_payment', arguments: JSON.stringify(paymentInput()) },
              },
              {
                id: 'call_3',
                type: 'function',
                function: { name: 'post_journal_entry', arguments: JSON.stringify(unbalancedJournalInput()) },
              },
              {
                id: 'call_4',
                type: 'function',
                function: { name: 'record_payment', arguments: '{"customerId": "1",' },
              },
              {
                id: 'call_5',
                type: 'function',
                function: { name: 'void_invoice', arguments: '{"invoiceId":"2"}' },
              },
              { id: 'call_6', type: 'custom', custom: { name: 'shell', input: 'rm -rf /' } },
            ],
          },
        },
      ],
    };
    const toolCalls: ChatCompletionMessageToolCall[] | undefined = completion.choices[0]?.message.tool_calls;
    const messages = await runOpenAiToolCalls(toolkit, toolCalls);
    expect(messages.map((message) => [message.role, message.tool_call_id])).toEqual([
      ['tool', 'call_1'],
      ['tool', 'call_2'],
      ['tool', 'call_3'],
      ['tool', 'call_4'],
      ['tool', 'call_5'],
      ['tool', 'call_6'],
    ]);
    const results = messages.map(
      (message) => JSON.parse(message.content as string) as Record<string, unknown>,
    );
    expect(results[0]).toMatchObject({ ok: true, balance: '183.50' });
    expect(results[1]).toMatchObject({ ok: true, status: 'created' });
    expect(results[2]).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'lines' }] },
    });
    expect(results[3]).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ code: 'invalid_json' }] },
    });
    expect(results[4]).toMatchObject({ ok: false, error: { code: 'tool_not_found' } });
    expect(results[5]).toMatchObject({ ok: false, error: { code: 'tool_not_found' } });
    expect(
      harness.audit.records.some(
        (record) => record.actor.callId === 'call_2' && record.outcome === 'success',
      ),
    ).toBe(true);
  });

  it('does nothing for a message without tool calls', async () => {
    const toolkit = await harness.toolkit();
    expect(await runOpenAiToolCalls(toolkit, undefined)).toEqual([]);
  });
});

describe('runOpenAiResponsesToolCalls (Responses)', () => {
  it('answers each function_call item with a function_call_output', async () => {
    const toolkit = await harness.toolkit();
    const output: ResponseOutputItem[] = [
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
      },
      { type: 'function_call', call_id: 'fc_1', name: 'get_invoice_balance', arguments: '{"invoiceId":"2"}' },
      { type: 'function_call', call_id: 'fc_2', name: 'get_invoice', arguments: '{"id":"nope nope"}' },
    ];
    const response = { output } as Pick<Response, 'output'>;
    const items = await runOpenAiResponsesToolCalls(toolkit, response.output, {
      actor: { sessionId: 'resp-sess' },
    });
    expect(items.map((item) => [item.type, item.call_id])).toEqual([
      ['function_call_output', 'fc_1'],
      ['function_call_output', 'fc_2'],
    ]);
    expect(JSON.parse(items[0]?.output as string)).toMatchObject({ ok: true, invoiceId: '2' });
    expect(JSON.parse(items[1]?.output as string)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'id' }] },
    });
    expect(harness.audit.records[0]?.actor).toEqual({ sessionId: 'resp-sess', callId: 'fc_1' });
  });
});
