/**
 * The ledger tools with the Anthropic SDK's Messages API: `npx tsx examples/agents/anthropic.ts`.
 *
 * Runs offline: `createMessage` stands in for `anthropic.messages.create` and answers from a script,
 * typed with the SDK's own types. With a key, replace it by
 * `(request) => new Anthropic().messages.create(request)`.
 */
import type {
  Message,
  MessageCreateParamsNonStreaming,
  MessageParam,
} from '@anthropic-ai/sdk/resources/messages';
import { runAnthropicToolUses, toAnthropicTools } from 'ledgerbridge/anthropic';
import { createLedgerToolkit } from 'ledgerbridge/tools';
import { openSimulatedBooks } from './simulated-books.js';

const { books, close } = await openSimulatedBooks(['post_journal_entry']);
const toolkit = createLedgerToolkit(books, { allow: { writes: ['post_journal_entry'] } });
const tools = toAnthropicTools(toolkit);

const script: Message['content'][] = [
  [
    { type: 'text', text: 'Posting the adjustment.', citations: null },
    {
      type: 'tool_use',
      id: 'toolu_01',
      name: 'post_journal_entry',
      caller: { type: 'direct' },
      input: {
        date: '2026-03-31',
        currency: 'USD',
        entryNumber: null,
        memo: null,
        lines: [
          { accountId: '8', side: 'debit', amount: '42.00', description: null, contactId: null },
          { accountId: '1', side: 'credit', amount: '41.00', description: null, contactId: null },
        ],
      },
    },
  ],
  [
    { type: 'text', text: 'It did not balance; correcting the credit to 42.00.', citations: null },
    {
      type: 'tool_use',
      id: 'toolu_02',
      name: 'post_journal_entry',
      caller: { type: 'direct' },
      input: {
        date: '2026-03-31',
        currency: 'USD',
        entryNumber: 'ADJ-7',
        memo: null,
        lines: [
          { accountId: '8', side: 'debit', amount: '42.00', description: null, contactId: null },
          { accountId: '1', side: 'credit', amount: '42.00', description: null, contactId: null },
        ],
      },
    },
  ],
  [{ type: 'text', text: 'Posted journal entry ADJ-7.', citations: null }],
];

async function createMessage(
  request: MessageCreateParamsNonStreaming,
): Promise<Pick<Message, 'role' | 'content' | 'stop_reason'>> {
  const turn = request.messages.filter((message) => message.role === 'assistant').length;
  const content = script[turn] ?? [{ type: 'text', text: 'Done.', citations: null }];
  return {
    role: 'assistant',
    content,
    stop_reason: content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn',
  };
}

const messages: MessageParam[] = [
  { role: 'user', content: 'Move 42.00 of supplies out of the checking account.' },
];
for (let turn = 0; turn < 5; turn += 1) {
  const reply = await createMessage({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages, tools });
  messages.push({ role: 'assistant', content: reply.content });
  if (reply.stop_reason !== 'tool_use') break;
  // One tool_result per tool_use; failures carry is_error: true and a structured body.
  const results = await runAnthropicToolUses(toolkit, reply.content);
  for (const result of results)
    console.log(result.tool_use_id, result.is_error ? 'error' : 'ok', String(result.content).slice(0, 120));
  messages.push({ role: 'user', content: results });
}
console.log(reply(messages.at(-1)));
close();

function reply(message: MessageParam | undefined): string {
  const content = message?.content ?? '';
  if (typeof content === 'string') return content;
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}
