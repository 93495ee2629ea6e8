/**
 * The README's quick start, runnable offline: `npx tsx examples/quick-start.ts`. Against Intuit, drop the
 * simulator lines and store the tokens from your OAuth callback in the vault instead.
 */
import { createLedger, createMemoryTokenVault, memoryAuditSink } from 'ledgerbridge';
import { quickbooks } from 'ledgerbridge/quickbooks';
import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
import { setupServer } from 'msw/node';

const simulator = createQuickBooksSimulator();
const server = setupServer(...simulator.handlers);
server.listen({ onUnhandledRequest: 'error' });

const vault = createMemoryTokenVault();
await vault.put(
  { tenantId: 'clinic-42', connectionId: 'qbo-main' },
  { accessToken: simulator.credentials.accessToken, providerTenantId: simulator.credentials.realmId },
  { expectedVersion: undefined },
);

const ledger = createLedger({
  vault,
  audit: memoryAuditSink(),
  idempotencySecret: process.env.LEDGERBRIDGE_IDEMPOTENCY_SECRET ?? 'replace-with-32-bytes-from-your-kms!!',
});
const books = await ledger.connect({
  provider: quickbooks(),
  tenantId: 'clinic-42',
  connectionId: 'qbo-main',
  policy: { allow: ['record_payment'], limits: { USD: '2500.00' } },
});

for await (const invoice of books.invoices.list({ status: 'open' })) {
  console.log(invoice.number, invoice.balance, invoice.currency);
}

const [invoice] = (await books.invoices.listPage({ status: 'open', pageSize: 1 })).items;
if (invoice) {
  const result = await books.execute(
    {
      intent: 'record_payment',
      customerId: invoice.contactId,
      date: '2026-03-15',
      amount: '50.00',
      currency: invoice.currency,
      depositAccountId: null,
      reference: null,
      memo: null,
      allocations: [{ invoiceId: invoice.id, amount: '50.00' }],
    },
    { actor: { agentId: 'billing-agent', sessionId: 'sess-9', authorizedBy: 'user-17' } },
  );
  console.log(result.status, result.entityId, result.idempotencyKey);
}
server.close();
