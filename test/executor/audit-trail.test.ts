import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditSink } from '../../src/audit/audit-sink.js';
import { fileAuditSink, verifyAuditLog } from '../../src/audit/index.js';
import { canary, findCanaries } from '../support/canary.js';
import {
  contactIntent,
  invoiceIntent,
  journalIntent,
  paymentIntent,
  writeRequests,
} from '../support/intents.js';
import { startQuickBooksHarness } from '../support/quickbooks-harness.js';

const harness = startQuickBooksHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.sim.requests.clear();
  harness.audit.clear();
});
const context = {
  actor: { agentId: 'billing-agent', sessionId: 'session-9', authorizedBy: 'user-17' },
  rationaleRef: 'trace-abc',
  callId: 'call_123',
};

/** Every free-text and PHI-bearing field of each intent, filled with a canary. */
function canaryIntents() {
  return [
    contactIntent(canary('Name'), {
      givenName: canary('Given'),
      familyName: canary('Family'),
      companyName: canary('Company'),
      email: `${canary('Email')}@example.test`,
      phone: '555-0100',
      notes: canary('Notes'),
      address: {
        line1: canary('Line1'),
        line2: canary('Line2'),
        city: canary('City'),
        region: canary('Region'),
        postalCode: canary('Zip'),
        country: canary('Country'),
      },
    }),
    invoiceIntent({
      memo: canary('Memo'),
      customerMemo: canary('CustomerMemo'),
      lines: [{ ...invoiceIntent().lines[0], description: canary('LineDescription') }],
    }),
    paymentIntent({ memo: canary('PaymentMemo'), reference: 'CHK-1' }),
    journalIntent('12.34', '12.34', {
      memo: canary('JournalMemo'),
      lines: [
        { ...journalIntent('12.34', '12.34').lines[0], description: canary('DebitLine') },
        { ...journalIntent('12.34', '12.34').lines[1], description: canary('CreditLine') },
      ],
    }),
  ];
}

describe('audit trail', () => {
  it('records reads, writes and denials as metadata, with no payload canary anywhere', async () => {
    const books = await harness.connect();
    for (const intent of canaryIntents())
      expect((await books.execute(intent, context)).status).toBe('created');
    await books.invoices.get('2', { actor: context.actor });
    const denied = await (await harness.connect({ policy: { allow: [] } })).execute(paymentIntent(), context);
    expect(denied.status).toBe('denied');

    const records = harness.audit.records;
    expect(findCanaries(JSON.stringify(records))).toEqual([]);
    const operations = records.map((record) => `${record.operation}:${record.phase}:${record.outcome}`);
    expect(operations).toEqual(
      expect.arrayContaining([
        'intent.create_contact:attempt:pending',
        'intent.create_contact:outcome:success',
        'intent.create_invoice:outcome:success',
        'intent.record_payment:outcome:success',
        'intent.post_journal_entry:outcome:success',
        'invoices.get:outcome:success',
        'customers.get:outcome:success',
        'intent.record_payment:outcome:denied',
      ]),
    );
    const write = records.find(
      (record) => record.operation === 'intent.create_invoice' && record.phase === 'outcome',
    );
    expect(write).toMatchObject({
      actor: {
        agentId: 'billing-agent',
        sessionId: 'session-9',
        authorizedBy: 'user-17',
        callId: 'call_123',
      },
      rationaleRef: 'trace-abc',
      resourceType: 'invoices',
      httpStatus: 200,
      attempts: 1,
    });
    expect(write?.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('the attempt is recorded before the provider call; a failing sink stops the write', async () => {
    const failing: AuditSink = {
      async write(record) {
        if (record.phase === 'attempt') throw new Error('disk full');
        harness.audit.write(record);
      },
    };
    const books = await harness.connect({ ledger: { audit: failing } });
    await expect(books.execute(invoiceIntent(), context)).rejects.toMatchObject({ code: 'audit_failed' });
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
    // The key was released: once the sink works again, the same write goes through.
    const working = await harness.connect();
    expect((await working.execute(invoiceIntent(), context)).status).toBe('created');
  });

  it('a file sink writes a verifiable hash chain of the whole session', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ledgerbridge-audit-'));
    const path = join(directory, 'audit.jsonl');
    const sink = fileAuditSink({ path });
    const books = await harness.connect({ ledger: { audit: sink } });
    for (const intent of canaryIntents()) await books.execute(intent, context);
    await sink.close();
    const verification = await verifyAuditLog({ path });
    expect(verification.ok).toBe(true);
    expect(verification.count).toBeGreaterThan(8);
    expect(findCanaries(readFileSync(path, 'utf8'))).toEqual([]);
    rmSync(directory, { recursive: true, force: true });
  });
});
