import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../../src/executor/policy.js';
import { contactIntent, invoiceIntent, paymentIntent, writeRequests } from '../support/intents.js';
import { startQuickBooksHarness } from '../support/quickbooks-harness.js';

const harness = startQuickBooksHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.sim.requests.clear();
});

const actor = { agentId: 'billing-agent', sessionId: 'session-1', authorizedBy: 'user-17' };

describe('policy, deny by default', () => {
  it('a connection without a policy allows no write and makes no request', async () => {
    const books = await harness.connect({ policy: undefined });
    const result = await books.execute(paymentIntent(), { actor });
    expect(result).toMatchObject({ status: 'denied', reason: 'intent_not_allowed', attempts: 0 });
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('an intent outside the allow-list is denied and audited, with no I/O', async () => {
    const books = await harness.connect({ policy: { allow: ['create_invoice'] } });
    const result = await books.execute(paymentIntent(), { actor });
    expect(result.status).toBe('denied');
    expect(harness.sim.requests.requests).toHaveLength(0);
    const record = harness.audit.records.find((entry) => entry.id === result.auditId);
    expect(record).toMatchObject({
      outcome: 'denied',
      errorCode: 'intent_not_allowed',
      operation: 'intent.record_payment',
    });
  });

  it('a caller acting for another tenant is denied before any I/O', async () => {
    const books = await harness.connect();
    const result = await books.execute(paymentIntent(), { actor, tenantId: 'another-clinic' });
    expect(result).toMatchObject({ status: 'denied', reason: 'tenant_mismatch' });
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('an amount over the limit without an approval hook is denied', async () => {
    const books = await harness.connect({ policy: { allow: ['record_payment'], limits: { USD: '10.00' } } });
    expect(await books.execute(paymentIntent(), { actor })).toMatchObject({
      status: 'denied',
      reason: 'amount_over_limit',
    });
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
  });

  it('a currency the limits do not name is denied', async () => {
    const books = await harness.connect({ policy: { allow: ['record_payment'], limits: { EUR: '10.00' } } });
    expect(await books.execute(paymentIntent(), { actor })).toMatchObject({
      status: 'denied',
      reason: 'currency_not_allowed',
    });
  });

  it('pending approval returns a plan; the host runs it later under the same key', async () => {
    const requests: ApprovalRequest[] = [];
    const books = await harness.connect({
      policy: {
        allow: ['record_payment'],
        limits: { USD: '10.00' },
        approve: async (request) => {
          requests.push(request);
          return { decision: 'pending', approvalRef: 'approval-77' };
        },
      },
    });
    const pending = await books.execute(paymentIntent(), { actor });
    expect(pending).toMatchObject({ status: 'pending_approval', reason: 'amount_over_limit' });
    expect(pending.plan?.request).toMatchObject({ method: 'POST', path: '/payment' });
    expect(pending.plan?.idempotencyKey).toBe(pending.idempotencyKey);
    expect(requests[0]).toMatchObject({
      reason: 'amount_over_limit',
      tenantId: 'clinic-42',
      idempotencyKey: pending.idempotencyKey,
    });
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);

    const approved = await books.execute(pending.plan!.intent, {
      actor,
      approval: { approvedBy: 'supervisor-3', approvalRef: 'approval-77' },
    });
    expect(approved).toMatchObject({ status: 'created', idempotencyKey: pending.idempotencyKey });
    const outcome = harness.audit.records.find((entry) => entry.id === approved.auditId);
    expect(outcome).toMatchObject({ actor: { authorizedBy: 'supervisor-3' }, approvalRef: 'approval-77' });
  });

  it('an approval hook can approve or refuse on the spot', async () => {
    let answer: 'approved' | 'denied' = 'denied';
    const books = await harness.connect({
      policy: {
        allow: ['create_invoice'],
        requireApproval: ['create_invoice'],
        approve: async () =>
          answer === 'approved'
            ? { decision: 'approved', approvedBy: 'supervisor-3' }
            : { decision: 'denied' },
      },
    });
    expect((await books.execute(invoiceIntent(), { actor })).status).toBe('denied');
    answer = 'approved';
    expect((await books.execute(invoiceIntent(), { actor })).status).toBe('created');
  });

  it('host code goes through the same path: a contact write needs create_contact allowed', async () => {
    const books = await harness.connect({ policy: { allow: ['create_invoice'] } });
    expect((await books.execute(contactIntent('Policy Patient (SYNTHETIC)'), { actor })).status).toBe(
      'denied',
    );
  });
});
