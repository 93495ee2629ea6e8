/**
 * `npm run demo`: a healthcare-billing session against the QuickBooks simulator, offline and without
 * credentials, through the public API only. Every write goes through the executor (validation, accounting
 * rules, policy, idempotency, audit); the audit trail it prints holds metadata only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLedger,
  createMemoryTokenVault,
  type ExecutionContext,
  fileAuditSink,
  isLedgerError,
  money,
  verifyAuditLog,
} from 'ledgerbridge';
import { quickbooks } from 'ledgerbridge/quickbooks';
import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
import { setupServer } from 'msw/node';

const step = (text: string) => console.log(`\n▸ ${text}`);
const detail = (text: string) => console.log(`  ${text}`);

// 1. A simulated QuickBooks company (synthetic clinic data) answering on Intuit's real API host.
const simulator = createQuickBooksSimulator();
const server = setupServer(...simulator.handlers);
server.listen({ onUnhandledRequest: 'error' });

// 2. The host's side: a token vault, an audit file and a ledger.
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
const ledger = createLedger({ vault, audit, idempotencySecret: 'demo-only-secret-use-a-kms-in-production' });
const books = await ledger.connect({
  ...connection,
  provider: quickbooks(),
  policy: { allow: ['create_invoice', 'record_payment'], limits: { USD: '5000.00' } },
});
const context: ExecutionContext = {
  tenantId: 'clinic-42',
  actor: { agentId: 'billing-agent', sessionId: 'demo-session-1', authorizedBy: 'user-17' },
};

try {
  const company = await books.company.get();
  step(`Connected to ${company.name} (QuickBooks simulator)`);

  step('Open invoices');
  const balances: string[] = [];
  for await (const invoice of books.invoices.list({ status: 'open' })) {
    detail(`#${invoice.number}  ${invoice.issueDate}  balance ${invoice.balance} ${invoice.currency}`);
    balances.push(invoice.balance);
  }
  // Exact decimal arithmetic on the amount strings; never floats.
  detail(`total open: ${money.sum(balances)} USD`);

  step('Reading a patient account');
  const [patient] = await books.customers
    .listPage({ nameStartsWith: 'Test Patient Bravo', pageSize: 1 })
    .then((page) => page.items);
  if (!patient) throw new Error('the simulator has no Test Patient Bravo');
  detail(`customer ${patient.id}: balance before ${patient.balance} ${patient.currency}`);
  const [visit] = await books.items
    .listPage({ nameStartsWith: 'Office Visit', pageSize: 1 })
    .then((page) => page.items);
  if (!visit) throw new Error('the simulator has no office-visit item');

  step('Creating an invoice for a follow-up visit');
  const created = await books.execute(
    {
      intent: 'create_invoice',
      customerId: patient.id,
      invoiceNumber: null,
      issueDate: '2026-03-20',
      dueDate: '2026-04-19',
      currency: 'USD',
      lines: [
        {
          description: 'Follow-up visit',
          itemId: visit.id,
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
    context,
  );
  const invoiceId = created.entityId ?? '';
  detail(
    `${created.status}: invoice ${invoiceId}, total ${String(created.entity?.total)} (verified: ${created.verification?.ok})`,
  );
  detail(`idempotency key ${created.idempotencyKey} (${created.attempts} attempt)`);

  step('Applying a payment of 75.00 to it');
  const payment = {
    intent: 'record_payment',
    customerId: patient.id,
    date: '2026-03-22',
    amount: '75.00',
    currency: 'USD',
    depositAccountId: null,
    reference: 'CHK-2041',
    memo: null,
    allocations: [{ invoiceId, amount: '75.00' }],
  } as const;
  const paid = await books.execute(payment, context);
  detail(`${paid.status}: payment ${paid.entityId}`);
  const again = await books.execute(payment, context);
  detail(`sent again by a retrying agent → ${again.status} (same key, no second payment)`);

  step('Balance change');
  const after = await books.invoices.get(invoiceId);
  const patientAfter = await books.customers.get(patient.id);
  detail(`invoice ${invoiceId}: balance ${after.balance} of ${after.total} (${after.status})`);
  detail(`customer ${patient.id}: balance ${patient.balance} → ${patientAfter.balance}`);

  step('A payment larger than the open balance is refused before any write');
  try {
    await books.execute(
      { ...payment, amount: '500.00', allocations: [{ invoiceId, amount: '500.00' }] },
      context,
    );
  } catch (error) {
    if (!isLedgerError(error)) throw error;
    detail(
      `${error.name} ${error.code}: ${error.issues?.map((issue) => `${issue.path} ${issue.code}`).join(', ')}`,
    );
  }

  step('Audit trail (metadata only)');
  await audit.close();
  const verification = await verifyAuditLog({ path: auditPath });
  detail(`${verification.count} records, hash chain ${verification.ok ? 'verified' : 'BROKEN'}`);
} finally {
  server.close();
  rmSync(workDir, { recursive: true, force: true });
}
