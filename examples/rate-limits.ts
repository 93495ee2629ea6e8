/**
 * How rate limits surface: `npx tsx examples/rate-limits.ts`. The client-side limiter spreads a burst over
 * Intuit's 10-requests-a-second budget; `books.rateLimit()` tells an agent what is left; a throttled call
 * that would wait longer than the caller's budget fails at once with `retryAt`; and `rateLimitHeaders`
 * renders the state as IETF fields for a host's own API.
 */
import {
  createLedger,
  createMemoryTokenVault,
  isLedgerError,
  memoryAuditSink,
  rateLimitHeaders,
} from 'ledgerbridge';
import { quickbooks } from 'ledgerbridge/quickbooks';
import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
import { setupServer } from 'msw/node';

const simulator = createQuickBooksSimulator(); // throttles like Intuit: 500/min and 10/s per realm
const server = setupServer(...simulator.handlers);
server.listen({ onUnhandledRequest: 'error' });

const vault = createMemoryTokenVault();
const key = { tenantId: 'clinic-42', connectionId: 'qbo-main' };
await vault.put(
  key,
  { accessToken: simulator.credentials.accessToken, providerTenantId: simulator.credentials.realmId },
  { expectedVersion: undefined },
);
const ledger = createLedger({
  vault,
  audit: memoryAuditSink(),
  idempotencySecret: 'example-secret-use-your-kms-in-production',
  // An interactive agent should not sit in a retry loop for long: past 5 s of waiting, fail with retryAt.
  retry: { maxWaitMs: 5_000 },
});
const books = await ledger.connect({ ...key, provider: quickbooks() });

// 1. A burst of 25 reads: the limiter lets 10 go per second, so QuickBooks never answers 429.
const started = Date.now();
await Promise.all(Array.from({ length: 25 }, () => books.accounts.get('1')));
console.log(`25 reads in ${Date.now() - started} ms, ${simulator.requests.requests.length} requests, no 429`);

// 2. What an agent can be told before its next burst.
const status = await books.rateLimit();
console.log('budget now:', status);
if (status) console.log('as HTTP fields:', rateLimitHeaders(status));

// 3. QuickBooks throttles anyway (another app on the same realm): it asks for 60 s, more than this
//    caller's 5 s budget, so the call fails at once and says when to come back.
simulator.faults.inject({ kind: 'rate_limit' });
try {
  await books.invoices.get('2');
} catch (error) {
  if (isLedgerError(error)) {
    console.log(
      `${error.code}: retry at ${error.retryAt} (${error.attempts} attempt, waited ${error.waitedMs} ms)`,
    );
    console.log('rate limit reported with the error:', error.rateLimit);
  }
}
server.close();
