import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalDecision, ToolApprovalRequest, ToolProposal } from '../../src/tools/index.js';
import {
  okResult,
  paymentInput,
  startToolkitHarness,
  unbalancedJournalInput,
  writeRequests,
} from './support/toolkit-harness.js';

const harness = startToolkitHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.audit.clear();
});

const actor = { agentId: 'billing-agent', sessionId: 'sess-1', authorizedBy: 'user-17' };
const payments = () => harness.sim.company.list('Payment').length;

describe('write mode', () => {
  it('runs the intent through the executor and returns the stored record, projected', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] }, actor });
    const result = await toolkit.execute('record_payment', paymentInput({ memo: 'CANARYmemoQ7Z' }), {
      callId: 'call_pay_1',
    });
    expect(result).toMatchObject({
      ok: true,
      status: 'created',
      intent: 'record_payment',
      entityId: expect.any(String),
      idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      attempts: 1,
      verification: { ok: true, mismatches: [] },
      record: { amount: '20.00', currency: 'USD', allocations: [{ targetId: '2', amount: '20.00' }] },
      withheldFields: expect.arrayContaining(['memo']),
    });
    // The memo is PHI-marked and the default role is minimal: the model does not get it back.
    expect(JSON.stringify(result)).not.toContain('CANARY');
    const writes = harness.audit.records.filter((record) => record.operation === 'intent.record_payment');
    expect(writes.map((record) => [record.phase, record.outcome, record.actor])).toEqual([
      ['attempt', 'pending', { ...actor, callId: 'call_pay_1' }],
      ['outcome', 'success', { ...actor, callId: 'call_pay_1' }],
    ]);
  });

  it('the same call again is replayed under the same key, not paid twice', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] } });
    const first = okResult<{ entityId: string; idempotencyKey: string }>(
      await toolkit.execute('record_payment', paymentInput()),
    );
    const again = await toolkit.execute('record_payment', paymentInput());
    expect(again).toMatchObject({
      ok: true,
      status: 'replayed',
      entityId: first.entityId,
      idempotencyKey: first.idempotencyKey,
    });
    expect(payments()).toBe(2); // one in the seed, one written here
  });

  it('ignores an intent key in the input: the tool name decides what runs', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] } });
    const result = await toolkit.execute('record_payment', { ...paymentInput(), intent: 'void_invoice' });
    expect(result).toMatchObject({ ok: true, intent: 'record_payment' });
  });

  it('refuses an unbalanced journal entry before any write, naming the path', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['post_journal_entry'] } });
    harness.sim.requests.clear();
    const result = await toolkit.execute('post_journal_entry', unbalancedJournalInput(), {
      callId: 'call_je',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation_failed',
        retryable: false,
        retryAt: null,
        message:
          'The input was refused before anything was written. Fix the fields listed in issues and call again.',
        issues: [{ path: 'lines', code: 'unbalanced' }],
      },
    });
    expect(harness.sim.requests.requests).toHaveLength(0);
    expect(harness.audit.records).toEqual([
      expect.objectContaining({
        operation: 'intent.post_journal_entry',
        outcome: 'failure',
        actor: { callId: 'call_je' },
      }),
    ]);
  });

  it('refuses a hallucinated invoice id by a live read, before any write', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] } });
    const result = await toolkit.execute(
      'record_payment',
      paymentInput({ allocations: [{ invoiceId: '9999', amount: '20.00' }] }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        issues: [{ path: 'allocations.0.invoiceId', code: 'unknown_reference' }],
      },
    });
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
  });

  it('survives a response dropped after commit: one payment, resent under the same requestid', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] } });
    harness.sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/payment' });
    const result = await toolkit.execute('record_payment', paymentInput());
    expect(result).toMatchObject({ ok: true, status: 'created', attempts: 2 });
    const sent = writeRequests(harness.sim.requests.requests).filter((request) =>
      request.path.endsWith('/payment'),
    );
    expect(sent).toHaveLength(2);
    expect(sent[0]?.query.requestid).toBe(sent[1]?.query.requestid);
    expect(payments()).toBe(2);
  });

  it('reports an outcome it cannot know as write_uncertain, and a repeat reconciles it', async () => {
    const books = await harness.connect({ ledger: { retry: { retries: 0 } } });
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] } }, books);
    harness.sim.faults.inject({ kind: 'drop_after_commit', method: 'POST', pathIncludes: '/payment' });
    const uncertain = await toolkit.execute('record_payment', paymentInput());
    expect(uncertain).toMatchObject({
      ok: false,
      idempotencyKey: expect.any(String),
      error: { code: 'write_uncertain', retryable: true },
    });
    const reconciled = await toolkit.execute('record_payment', paymentInput());
    expect(reconciled).toMatchObject({ ok: true });
    expect(payments()).toBe(2);
  });
});

describe('approvals', () => {
  it('a connection policy that holds the write comes back as pending_approval, not an error', async () => {
    const books = await harness.connect({
      policy: {
        allow: ['record_payment'],
        limits: { USD: '10.00' },
        approve: async () => ({ decision: 'pending', approvalRef: 'approval-1' }),
      },
    });
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] } }, books);
    const result = await toolkit.execute('record_payment', paymentInput());
    expect(result).toMatchObject({
      ok: true,
      status: 'pending_approval',
      reason: 'amount_over_limit',
      idempotencyKey: expect.any(String),
      message: expect.stringContaining('approve'),
    });
    expect(JSON.stringify(result)).not.toContain('"plan"');
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
  });

  it('a toolkit hook sees the validated plan first and can hold, refuse or release the write', async () => {
    const asked: ToolApprovalRequest[] = [];
    let answer: ApprovalDecision = { decision: 'pending', approvalRef: 'ticket-9' };
    const toolkit = await harness.toolkit({
      allow: { writes: ['record_payment', 'post_journal_entry'] },
      actor,
      approval: {
        intents: ['record_payment'],
        decide: async (request) => {
          asked.push(request);
          return answer;
        },
      },
    });
    harness.sim.requests.clear();

    const pending = await toolkit.execute('record_payment', paymentInput(), { callId: 'call_1' });
    expect(pending).toMatchObject({ ok: true, status: 'pending_approval', approvalRef: 'ticket-9' });
    expect(harness.sim.requests.requests).toHaveLength(0);
    expect(asked[0]).toMatchObject({ tool: 'record_payment', callId: 'call_1', actor });
    expect(asked[0]?.plan.idempotencyKey).toBe(okResult<{ idempotencyKey: string }>(pending).idempotencyKey);

    // Invalid input never reaches the person.
    await toolkit.execute('record_payment', paymentInput({ amount: '-5' }));
    expect(asked).toHaveLength(1);

    answer = { decision: 'denied' };
    expect(await toolkit.execute('record_payment', paymentInput())).toMatchObject({
      ok: false,
      error: { code: 'policy_denied', reason: 'approval_denied' },
    });

    answer = { decision: 'approved', approvedBy: 'supervisor-3' };
    expect(await toolkit.execute('record_payment', paymentInput(), { callId: 'call_2' })).toMatchObject({
      ok: true,
      status: 'created',
    });
    const outcome = harness.audit.records.find(
      (record) => record.operation === 'intent.record_payment' && record.outcome === 'success',
    );
    expect(outcome?.actor).toMatchObject({ authorizedBy: 'supervisor-3', callId: 'call_2' });

    // Tools the hook does not gate run without asking.
    await toolkit.execute('post_journal_entry', unbalancedJournalInput());
    expect(asked).toHaveLength(3);
  });
});

describe('propose mode', () => {
  it('returns a dry-run plan, hands it to the host, and sends nothing', async () => {
    const proposals: ToolProposal[] = [];
    const toolkit = await harness.toolkit({
      allow: { writes: ['record_payment'] },
      mode: 'propose',
      onProposal: (proposal) => {
        proposals.push(proposal);
      },
    });
    harness.sim.requests.clear();
    const result = await toolkit.execute('record_payment', paymentInput(), { callId: 'call_p' });
    expect(result).toEqual({
      ok: true,
      status: 'proposed',
      intent: 'record_payment',
      idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      resource: 'payments',
      action: 'create',
      message: 'Dry run only: nothing was written. A person reviews this plan and runs it.',
    });
    expect(harness.sim.requests.requests).toHaveLength(0);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ tool: 'record_payment', callId: 'call_p' });
    expect(proposals[0]?.plan.request.method).toBe('POST');
  });

  it('still refuses invalid proposals, naming paths', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['post_journal_entry'] }, mode: 'propose' });
    expect(await toolkit.execute('post_journal_entry', unbalancedJournalInput())).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', issues: [{ path: 'lines', code: 'unbalanced' }] },
    });
  });
});
