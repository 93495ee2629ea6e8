/**
 * The ledger tools in a Vercel AI SDK agent loop: `npx tsx examples/agents/ai-sdk.ts`.
 *
 * Runs offline with a scripted model; with a real one, pass e.g. `model: openai('gpt-5')` from
 * `@ai-sdk/openai` and a prompt, and keep everything else.
 */
import { generateText, stepCountIs } from 'ai';
import { toAiSdkTools } from 'ledgerbridge/ai-sdk';
import { createLedgerToolkit } from 'ledgerbridge/tools';
import { resultOf, scriptedModel } from './scripted-model.js';
import { openSimulatedBooks } from './simulated-books.js';

const { books, audit, close } = await openSimulatedBooks(['record_payment']);

// Deny by default: only the writes listed here exist as tools; patient contact details stay out.
const toolkit = createLedgerToolkit(books, {
  allow: { writes: ['record_payment'] },
  fields: { role: 'billing' },
  actor: { agentId: 'billing-agent', sessionId: 'chat-1001', authorizedBy: 'user-17' },
});

const model = scriptedModel([
  () => ({
    calls: [
      { tool: 'find_contact', input: { namePrefix: 'Test Patient Alpha', role: 'customer', limit: 1 } },
    ],
  }),
  (results) => {
    const [patient] = resultOf<{ matches: { id: string }[] }>(results, 'find_contact').matches;
    return {
      calls: [
        {
          tool: 'list_invoices',
          input: {
            status: 'open',
            contactId: patient?.id ?? null,
            updatedSince: null,
            cursor: null,
            pageSize: 5,
          },
        },
      ],
    };
  },
  (results) => {
    const [invoice] = resultOf<{ items: { id: string; contactId: string }[] }>(
      results,
      'list_invoices',
    ).items;
    return {
      calls: [
        {
          tool: 'record_payment',
          input: {
            customerId: invoice?.contactId,
            date: '2026-03-15',
            amount: '40.00',
            currency: 'USD',
            depositAccountId: null,
            reference: 'CHK-1001',
            memo: null,
            allocations: [{ invoiceId: invoice?.id, amount: '40.00' }],
          },
        },
      ],
    };
  },
  () => ({ text: 'Recorded the 40.00 check against the open invoice.' }),
]);

const { text, steps } = await generateText({
  model,
  tools: toAiSdkTools(toolkit),
  prompt: 'Test Patient Alpha paid 40.00 by check; apply it to their open invoice.',
  stopWhen: stepCountIs(6),
});

for (const step of steps) {
  for (const result of step.toolResults)
    console.log(result.toolName, JSON.stringify(result.output).slice(0, 140));
}
console.log(text);
console.log(
  'audit:',
  audit.records.map((record) => `${record.operation} ${record.outcome} ${record.actor.callId}`),
);
close();
