/**
 * `npm run demo`: a billing agent's session, offline and in seconds. A scripted model (the AI SDK's own
 * mock, so the tool loop is the real `generateText`) drives the ledgerbridge tools through
 * `ledgerbridge/ai-sdk` against the QuickBooks simulator. Along the way QuickBooks drops an answer after
 * committing a payment and throttles a read, and the model hallucinates an unbalanced journal entry. The
 * same tools then serve a Xero organisation through the same unified schema. The session ends with the
 * audit file it wrote: metadata only, hash-chained and verified.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateText, stepCountIs } from 'ai';
import {
  AuditRecord,
  createLedger,
  createMemoryTokenVault,
  fileAuditSink,
  verifyAuditLog,
} from 'ledgerbridge';
import { toAiSdkTools } from 'ledgerbridge/ai-sdk';
import { quickbooks } from 'ledgerbridge/quickbooks';
import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
import { createLedgerToolkit, type ToolFailure } from 'ledgerbridge/tools';
import { xero } from 'ledgerbridge/xero';
import { createXeroSimulator } from 'ledgerbridge/xero/testing';
import { setupServer } from 'msw/node';
import { describeCall, describeResult } from './agents/describe-tool-call.js';
import { resultOf, scriptedModel } from './agents/scripted-model.js';

const started = Date.now();
const scene = (title: string) => console.log(`\n▸ ${title}`);
const note = (text: string) => console.log(`  ${text}`);

// 1. A simulated QuickBooks company (synthetic clinic data) answering on Intuit's real API host.
const simulator = createQuickBooksSimulator();
const server = setupServer(...simulator.handlers);
server.listen({ onUnhandledRequest: 'error' });

// 2. The host: a token vault, a hash-chained audit file, a ledger and one connection with its write policy.
const workDir = mkdtempSync(join(tmpdir(), 'ledgerbridge-demo-'));
const auditPath = join(workDir, 'audit.jsonl');
const vault = createMemoryTokenVault();
const connection = { tenantId: 'clinic-42', connectionId: 'qbo-main' };
await vault.put(
  connection,
  { accessToken: simulator.credentials.accessToken, providerTenantId: simulator.credentials.realmId },
  { expectedVersion: undefined },
);
const audit = fileAuditSink({ path: auditPath });
const ledger = createLedger({
  vault,
  audit,
  idempotencySecret: 'demo-only-secret-use-a-kms-in-production',
  // An interactive agent should not sit in a retry loop: past 1 s the SDK hands the wait to the agent,
  // with the time to come back (retryAt) normalised from QuickBooks' headers.
  retry: { maxWaitMs: 1_000 },
});
const books = await ledger.connect({
  ...connection,
  provider: quickbooks(),
  policy: { allow: ['create_invoice', 'record_payment', 'post_journal_entry'], limits: { USD: '5000.00' } },
});

// 3. The agent's tools: three writes allowed (deny by default), billing-role view of patient data.
const toolkit = createLedgerToolkit(books, {
  allow: { writes: ['create_invoice', 'record_payment', 'post_journal_entry'] },
  fields: { role: 'billing' },
  actor: { agentId: 'billing-agent', sessionId: 'demo-session-1', authorizedBy: 'user-17' },
});

// 4. The scripted model: what a billing agent would do, one step per turn.
let customerId = '';
let itemId = '';
let invoiceId = '';
const model = scriptedModel([
  () => {
    scene('Where are we? The practice and its open invoices');
    return {
      text: 'I will check which practice this is and what is still owed.',
      calls: [
        { tool: 'get_company', input: {} },
        {
          tool: 'list_invoices',
          input: { status: 'open', contactId: null, updatedSince: null, cursor: null, pageSize: 25 },
        },
      ],
    };
  },
  () => {
    scene('Reading a patient account');
    return {
      text: 'The patient at the desk is Test Patient Bravo. I will find the account and the visit item.',
      calls: [
        { tool: 'find_contact', input: { namePrefix: 'Test Patient Bravo', role: 'customer', limit: 1 } },
        {
          tool: 'list_items',
          input: {
            nameStartsWith: 'Office Visit 99213',
            active: true,
            updatedSince: null,
            cursor: null,
            pageSize: 1,
          },
        },
      ],
    };
  },
  (results) => {
    scene('Billing a follow-up visit');
    customerId = resultOf<{ matches: { id: string }[] }>(results, 'find_contact').matches[0]?.id ?? '';
    itemId = resultOf<{ items: { id: string }[] }>(results, 'list_items').items[0]?.id ?? '';
    return {
      text: 'Creating the invoice for today’s follow-up visit.',
      calls: [
        {
          tool: 'create_invoice',
          input: {
            customerId,
            invoiceNumber: null,
            issueDate: '2026-03-20',
            dueDate: '2026-04-19',
            currency: 'USD',
            lines: [
              {
                description: 'Follow-up visit',
                itemId,
                accountId: null,
                quantity: '1',
                unitPrice: '125.00',
                amount: '125.00',
                taxRateId: null,
                serviceDate: '2026-03-20',
              },
            ],
            memo: null,
            customerMemo: 'Thank you for visiting Maple Street Family Clinic.',
          },
        },
      ],
    };
  },
  (results) => {
    scene('Recording a payment');
    invoiceId = resultOf<{ entityId: string }>(results, 'create_invoice').entityId;
    return {
      text: 'The patient paid 75.00 by check at the desk; applying it to the new invoice.',
      calls: [{ tool: 'record_payment', input: payment('75.00', 'CHK-2041') }],
    };
  },
  () => {
    scene('The balance change');
    return {
      text: 'Checking what is still owed.',
      calls: [
        { tool: 'get_invoice_balance', input: { invoiceId } },
        { tool: 'get_customer', input: { id: customerId } },
      ],
    };
  },
  () => {
    scene('A hallucinated journal entry');
    return {
      text: 'Posting the supplies adjustment: debit 10.00, credit 9.99.',
      calls: [
        {
          tool: 'post_journal_entry',
          input: {
            date: '2026-03-31',
            currency: 'USD',
            entryNumber: null,
            memo: null,
            lines: [
              { accountId: '8', side: 'debit', amount: '10.00', description: null, contactId: null },
              { accountId: '1', side: 'credit', amount: '9.99', description: null, contactId: null },
            ],
          },
        },
      ],
    };
  },
  () => {
    scene('QuickBooks commits a payment, then the connection drops before its answer arrives');
    simulator.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/payment' });
    note('(simulator: the next payment is committed, then its response is dropped)');
    return {
      text: 'The rest of the balance, 50.00, came in by card; recording it.',
      calls: [{ tool: 'record_payment', input: payment('50.00', 'CARD-7731') }],
    };
  },
  () => {
    scene('QuickBooks throttles the connection (429)');
    simulator.faults.inject({ kind: 'rate_limit', retryAfterSeconds: 2 });
    note('(simulator: the next request gets 429 with Retry-After: 2)');
    return {
      text: 'Listing the open invoices again for the end-of-day summary.',
      calls: [
        {
          tool: 'list_invoices',
          input: { status: 'open', contactId: null, updatedSince: null, cursor: null, pageSize: 25 },
        },
      ],
    };
  },
  async (results) => {
    const failure = resultOf<ToolFailure>(results, 'list_invoices');
    const retryAt = failure.error.retryAt ?? new Date().toISOString();
    const wait = Math.max(0, Date.parse(retryAt) - Date.now());
    note(`agent: the ledger says come back at ${retryAt}; waiting ${(wait / 1000).toFixed(1)} s`);
    await sleep(wait);
    return {
      text: 'Trying again now that the wait is over.',
      calls: [
        {
          tool: 'list_invoices',
          input: { status: 'open', contactId: null, updatedSince: null, cursor: null, pageSize: 25 },
        },
      ],
    };
  },
  () => {
    scene('Done');
    return {
      text: 'Invoice billed and fully paid (75.00 check, 50.00 card), the unbalanced journal entry was refused, and nothing was written twice.',
    };
  },
]);

function payment(amount: string, reference: string) {
  return {
    customerId,
    date: '2026-03-22',
    amount,
    currency: 'USD',
    depositAccountId: null,
    reference,
    memo: null,
    allocations: [{ invoiceId, amount }],
  };
}

try {
  note(`Connected to QuickBooks (simulator) as ${connection.tenantId}/${connection.connectionId}`);
  note(
    `Agent tools: ${toolkit.tools.length} (${toolkit.tools.filter((tool) => tool.kind === 'write').length} writes)`,
  );

  const session = await generateText({
    model,
    tools: toAiSdkTools(toolkit),
    system: 'You are the billing assistant of a family clinic.',
    prompt: 'Bill Test Patient Bravo for today’s follow-up visit and record what they paid.',
    stopWhen: stepCountIs(12),
    onStepFinish: (step) => {
      if (step.text) note(`agent: ${step.text}`);
      for (const call of step.toolCalls) {
        note(`→ ${describeCall(call.toolName, call.input)}   [${call.toolCallId}]`);
        const result = step.toolResults.find((part) => part.toolCallId === call.toolCallId);
        for (const line of describeResult(call.toolName, result?.output)) note(`  ← ${line}`);
      }
    },
  });
  note(`${session.steps.length} model steps`);

  scene('QuickBooks’ side of it');
  const invoice = simulator.company.list('Invoice').find((record) => String(record.Id) === invoiceId);
  const links = Array.isArray(invoice?.LinkedTxn) ? invoice.LinkedTxn.length : 0;
  note(
    `payments on invoice ${invoiceId}: ${links} (the dropped one was resent under the same requestid, not duplicated)`,
  );

  scene('The same tools, a Xero organisation');
  // One more simulator on the same msw server: Xero's API host, tenant header, GUID ids, MS-JSON dates.
  const xeroSimulator = createXeroSimulator();
  server.use(...xeroSimulator.handlers);
  const xeroConnection = { tenantId: 'clinic-42', connectionId: 'xero-main' };
  await vault.put(
    xeroConnection,
    {
      accessToken: xeroSimulator.credentials.accessToken,
      providerTenantId: xeroSimulator.credentials.tenantId,
    },
    { expectedVersion: undefined },
  );
  const xeroBooks = await ledger.connect({
    ...xeroConnection,
    provider: xero(),
    policy: { allow: ['record_payment'], limits: { USD: '5000.00' } },
  });
  const xeroTools = createLedgerToolkit(xeroBooks, {
    allow: { writes: ['record_payment'] },
    fields: { role: 'billing' },
    actor: { agentId: 'billing-agent', sessionId: 'demo-session-1', authorizedBy: 'user-17' },
  });
  const open = await xeroTools.execute('list_invoices', {
    status: 'open',
    contactId: null,
    updatedSince: null,
    cursor: null,
    pageSize: 5,
  });
  const [owed] = open.ok ? (open.items as { id: string; contactId: string; balance: string }[]) : [];
  if (!owed) throw new Error('the Xero simulator has no open invoice');
  note(`→ list_invoices(status: "open") on Xero: first open invoice ${owed.id}, balance ${owed.balance} USD`);
  // Xero puts every payment into a bank account; the agent picks the practice's.
  const accounts = await xeroTools.execute('list_accounts', {
    nameStartsWith: null,
    active: true,
    updatedSince: null,
    cursor: null,
    pageSize: 100,
  });
  const bank = (accounts.ok ? (accounts.items as { id: string; providerType?: string }[]) : []).find(
    (account) => account.providerType === 'BANK',
  );
  const paid = await xeroTools.execute('record_payment', {
    customerId: owed.contactId,
    date: '2026-03-22',
    amount: owed.balance,
    currency: 'USD',
    depositAccountId: bank?.id ?? null,
    reference: 'CHK-2042',
    memo: null,
    allocations: [{ invoiceId: owed.id, amount: owed.balance }],
  });
  for (const line of describeResult('record_payment', paid)) note(`  ← ${line}`);
  const sent = xeroSimulator.requests.requests.find((request) => request.method === 'PUT');
  note(
    `Xero saw PUT ${sent?.path} for tenant ${sent?.headers['xero-tenant-id']?.slice(0, 8)}… with Idempotency-Key ${sent?.headers['idempotency-key']?.slice(0, 12)}…; invoice now ${
      xeroSimulator.organisation.get('Invoice', owed.id)?.Status
    }`,
  );

  scene('Audit trail (metadata only)');
  await audit.close();
  const text = readFileSync(auditPath, 'utf8');
  const records = text
    .trim()
    .split('\n')
    .map((line) => AuditRecord.parse((JSON.parse(line) as { record: unknown }).record));
  for (const record of records) {
    const extras = [
      record.resourceId ? `id=${record.resourceId}` : '',
      record.attempts && record.attempts > 1 ? `attempts=${record.attempts}` : '',
      record.errorCode ? `error=${record.errorCode}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    note(
      `${record.at.slice(11, 23)}  ${record.actor.callId ?? '-'}`.padEnd(28) +
        `${record.operation} ${record.phase}/${record.outcome}`.padEnd(44) +
        extras,
    );
  }
  const verification = await verifyAuditLog({ path: auditPath });
  note(`${verification.count} records, hash chain ${verification.ok ? 'verified' : 'BROKEN'}`);
  const phi = [
    'Test Patient',
    'Bravo',
    'Follow-up visit',
    'Thank you',
    'CHK-2041',
    'CHK-2042',
    '125.00',
    '75.00',
  ];
  const leaked = phi.filter((value) => text.includes(value));
  note(
    leaked.length === 0
      ? 'no patient name, visit description, memo, reference or amount appears anywhere in the file'
      : `LEAKED: ${leaked.length} values`,
  );
  note(`ran in ${((Date.now() - started) / 1000).toFixed(1)} s, offline`);
} finally {
  server.close();
  rmSync(workDir, { recursive: true, force: true });
}
