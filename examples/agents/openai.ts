/**
 * The ledger tools with the OpenAI SDK (Chat Completions; Responses works the same with
 * `toOpenAiResponsesTools` and `runOpenAiResponsesToolCalls`): `npx tsx examples/agents/openai.ts`.
 *
 * Runs offline: `createCompletion` stands in for `openai.chat.completions.create` and answers from a
 * script, typed with the SDK's own request and response types. With a key, replace it by
 * `(request) => new OpenAI().chat.completions.create(request)`.
 */
import { runOpenAiToolCalls, toOpenAiChatTools } from 'ledgerbridge/openai';
import { createLedgerToolkit } from 'ledgerbridge/tools';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { openSimulatedBooks } from './simulated-books.js';

const { books, close } = await openSimulatedBooks(['record_payment']);
const toolkit = createLedgerToolkit(books, {
  allow: { writes: ['record_payment'] },
  fields: { role: 'billing' },
});

// Strict function tools: every schema passes OpenAI's strict-mode rules.
const tools = toOpenAiChatTools(toolkit);

const script: ChatCompletion['choices'][number]['message'][] = [
  {
    role: 'assistant',
    content: null,
    refusal: null,
    tool_calls: [
      {
        id: 'call_balance',
        type: 'function',
        function: { name: 'get_invoice_balance', arguments: '{"invoiceId":"2"}' },
      },
    ],
  },
  {
    role: 'assistant',
    content: null,
    refusal: null,
    tool_calls: [
      {
        id: 'call_pay',
        type: 'function',
        function: {
          name: 'record_payment',
          arguments: JSON.stringify({
            customerId: '1',
            date: '2026-03-15',
            amount: '40.00',
            currency: 'USD',
            depositAccountId: null,
            reference: 'CHK-1001',
            memo: null,
            allocations: [{ invoiceId: '2', amount: '40.00' }],
          }),
        },
      },
    ],
  },
  { role: 'assistant', content: 'Applied 40.00 to invoice 1002; 143.50 remains open.', refusal: null },
];

async function createCompletion(request: ChatCompletionCreateParamsNonStreaming): Promise<ChatCompletion> {
  const turn = request.messages.filter((message) => message.role === 'assistant').length;
  const message = script[turn] ?? { role: 'assistant', content: 'Done.', refusal: null };
  return {
    id: `chatcmpl-${turn}`,
    object: 'chat.completion',
    created: 0,
    model: request.model,
    choices: [
      { index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop', logprobs: null },
    ],
  };
}

const messages: ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Test Patient Alpha paid 40.00 by check for invoice 1002 (id 2). Record it.' },
];
for (let turn = 0; turn < 5; turn += 1) {
  const completion = await createCompletion({ model: 'gpt-5', messages, tools });
  const message = completion.choices[0]?.message;
  if (!message) break;
  messages.push(message);
  if (!message.tool_calls?.length) break;
  // Every tool call gets its answer, failures included ({ ok: false, error: { code, retryable, retryAt, message } }).
  const answers = await runOpenAiToolCalls(toolkit, message.tool_calls, {
    actor: { sessionId: 'chat-1001' },
  });
  for (const answer of answers) console.log(answer.tool_call_id, String(answer.content).slice(0, 120));
  messages.push(...answers);
}
console.log(messages.at(-1)?.content);
close();
