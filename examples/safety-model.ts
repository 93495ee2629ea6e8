/**
 * The write pipeline's safety model, step by step, against the QuickBooks simulator:
 * `npx tsx examples/safety-model.ts`.
 */
import {
  type ApprovalRequest,
  createLedger,
  createMemoryTokenVault,
  type ExecutionPlan,
  isLedgerError,
  memoryAuditSink,
} from 'ledgerbridge';
import { quickbooks } from 'ledgerbridge/quickbooks';
import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
import { setupServer } from 'msw/node';

const simulator = createQuickBooksSimulator();
const server = setupServer(...simulator.handlers);
server.listen({ onUnhandledRequest: 'error' });

const vault = createMemoryTokenVault();
const connection = { tenantId: 'clinic-42', connectionId: 'qbo-main' };
await vault.put(
  connection,
  { accessToken: simulator.credentials.accessToken, providerTenantId: simulator.credentials.realmId },
  { expectedVersion: undefined },
);
const audit = memoryAuditSink();
const ledger = createLedger({ vault, audit, idempotencySecret: 'example-secret-use-your-kms-in-production' });

// Policy: only payments and journal entries; anything over 100.00 USD waits for a human.
const waiting: ApprovalRequest[] = [];
const books = await ledger.connect({
  ...connection,
  provider: quickbooks(),
  policy: {
    allow: ['record_payment', 'post_journal_entry'],
    limits: { USD: '100.00' },
    approve: async (request) => {
      waiting.push(request);
      return { decision: 'pending', approvalRef: `approval-${waiting.length}` };
    },
  },
});
const context = { tenantId: 'clinic-42', actor: { agentId: 'billing-agent', sessionId: 'sess-9' } };

// 1. Intents are strict: a model's extra key or float-looking amount is refused, naming the path.
try {
  await books.execute({ intent: 'record_payment', amount: 1.5e2, note: 'free text' }, context);
} catch (error) {
  if (isLedgerError(error)) console.log('1. refused:', error.issues?.slice(0, 3));
}

// 2. Accounting rules in exact money: an unbalanced journal entry never reaches the ledger.
try {
  await books.execute(
    {
      intent: 'post_journal_entry',
      date: '2026-03-31',
      currency: 'USD',
      entryNumber: null,
      memo: null,
      lines: [
        { accountId: '8', side: 'debit', amount: '10.00', description: null, contactId: null },
        { accountId: '1', side: 'credit', amount: '9.99', description: null, contactId: null },
      ],
    },
    context,
  );
} catch (error) {
  if (isLedgerError(error)) console.log('2. refused:', error.issues);
}

// 3. Live reference checks: a hallucinated invoice id is refused by a read, before any write.
const payment = {
  intent: 'record_payment',
  customerId: '1',
  date: '2026-03-10',
  amount: '150.00',
  currency: 'USD',
  depositAccountId: null,
  reference: null,
  memo: null,
  allocations: [{ invoiceId: '2', amount: '150.00' }],
} as const;
try {
  await books.execute({ ...payment, allocations: [{ invoiceId: '9999', amount: '150.00' }] }, context);
} catch (error) {
  if (isLedgerError(error)) console.log('3. refused:', error.issues);
}

// 4. Policy: 150.00 is over the limit, so the write waits for approval and returns a dry-run plan.
const pending = await books.execute(payment, context);
const plan = pending.plan as ExecutionPlan;
console.log('4.', pending.status, plan.request.method, plan.request.path, 'key', plan.idempotencyKey);

// 5. A supervisor approves; the host runs the same intent under the same key.
const approved = await books.execute(plan.intent, { ...context, approval: { approvedBy: 'supervisor-3' } });
console.log('5.', approved.status, 'payment', approved.entityId, 'verified', approved.verification?.ok);

// 6. The agent retries: the stored outcome is replayed, not paid twice.
console.log(
  '6.',
  (await books.execute(payment, { ...context, approval: { approvedBy: 'supervisor-3' } })).status,
);

// 7. The connection drops right after QuickBooks committed a write: the SDK resends under the same
//    requestid, QuickBooks replays its first answer, and there is still one journal entry.
simulator.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/journalentry' });
const journal = await books.execute(
  {
    intent: 'post_journal_entry',
    date: '2026-03-31',
    currency: 'USD',
    entryNumber: 'ADJ-7',
    memo: null,
    lines: [
      { accountId: '8', side: 'debit', amount: '42.00', description: null, contactId: null },
      { accountId: '1', side: 'credit', amount: '42.00', description: null, contactId: null },
    ],
  },
  context,
);
const entries = simulator.company.list('JournalEntry').filter((entry) => entry.DocNumber === 'ADJ-7').length;
console.log(
  '7.',
  journal.status,
  `after ${journal.attempts} attempts; journal entries in the ledger: ${entries}`,
);

// 8. Every step is in the audit trail, as metadata only.
console.log(
  '8.',
  audit.records.map((record) => `${record.operation} ${record.phase} ${record.outcome}`),
);
server.close();
