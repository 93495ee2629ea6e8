import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isLedgerError, type LedgerError } from '../../src/http/errors.js';
import { renderError } from '../support/canary.js';
import { invoiceIntent, journalIntent, paymentIntent, writeRequests } from '../support/intents.js';
import { startQuickBooksHarness } from '../support/quickbooks-harness.js';

const harness = startQuickBooksHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
  harness.sim.requests.clear();
});
const context = { actor: { agentId: 'billing-agent' } };

async function refusal(input: unknown): Promise<LedgerError> {
  const books = await harness.connect();
  try {
    await books.execute(input, context);
  } catch (error) {
    if (isLedgerError(error)) return error;
    throw error;
  }
  throw new Error('expected the executor to refuse');
}

describe('executor validation and accounting rules', () => {
  it.each([
    ['extra key', { ...paymentIntent(), note: 'Jane Doe' }, '', 'unrecognized_keys'],
    ['missing key', (({ memo: _memo, ...rest }) => rest)(paymentIntent()), 'memo', 'invalid_type'],
    ['float-looking amount', paymentIntent({ amount: '2e1' }), 'amount', 'invalid_format'],
    ['number instead of string', paymentIntent({ amount: 20 }), 'amount', 'invalid_type'],
    ['unknown currency', paymentIntent({ currency: 'XYZ' }), 'currency', 'custom'],
    ['impossible date', paymentIntent({ date: '2026-02-29' }), 'date', 'custom'],
    ['unknown intent', { intent: 'delete_everything' }, 'intent', 'invalid_union'],
  ])('%s is refused naming the path', async (_name, input, path, code) => {
    const error = await refusal(input);
    expect(error.name).toBe('ValidationError');
    expect(error.issues).toContainEqual({ path, code });
    expect(renderError(error)).not.toContain('Jane Doe');
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it.each([
    ['unbalanced journal', journalIntent('100.00', '99.99'), 'lines', 'unbalanced'],
    [
      'quantity × price ≠ amount',
      invoiceIntent({ lines: [{ ...invoiceIntent().lines[0], amount: '125.01' }] }),
      'lines.0.amount',
      'quantity_times_price_mismatch',
    ],
    ['sub-cent amount', paymentIntent({ amount: '20.001' }), 'amount', 'too_many_decimals'],
    [
      'allocations above the payment',
      paymentIntent({ amount: '10.00' }),
      'allocations',
      'allocations_exceed_amount',
    ],
    ['due before issue', invoiceIntent({ dueDate: '2026-03-01' }), 'dueDate', 'before_issue_date'],
    ['zero payment', paymentIntent({ amount: '0.00', allocations: [] }), 'amount', 'not_positive'],
  ])('%s breaks an accounting rule before any I/O', async (_name, input, path, code) => {
    const error = await refusal(input);
    expect(error.issues).toContainEqual({ path, code });
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('JPY amounts follow the currency scale exactly (no decimals)', async () => {
    const error = await refusal(journalIntent('100.5', '100.5', { currency: 'JPY' }));
    expect(error.issues).toContainEqual({ path: 'lines.0.amount', code: 'too_many_decimals' });
  });

  it.each([
    ['hallucinated customer', paymentIntent({ customerId: '404' }), 'customerId', 'unknown_reference'],
    [
      'hallucinated invoice',
      paymentIntent({ allocations: [{ invoiceId: '999', amount: '20.00' }] }),
      'allocations.0.invoiceId',
      'unknown_reference',
    ],
    [
      'a name where an id belongs',
      paymentIntent({ allocations: [{ invoiceId: 'Jane_Doe', amount: '20.00' }] }),
      'allocations.0.invoiceId',
      'unknown_reference',
    ],
    [
      'more than the open balance',
      paymentIntent({ amount: '500.00', allocations: [{ invoiceId: '2', amount: '500.00' }] }),
      'allocations.0.amount',
      'exceeds_open_balance',
    ],
    [
      'another customer’s invoice',
      paymentIntent({ customerId: '3' }),
      'allocations.0',
      'belongs_to_another_contact',
    ],
    [
      'hallucinated item on a line',
      invoiceIntent({ lines: [{ ...invoiceIntent().lines[0], itemId: '777' }] }),
      'lines.0.itemId',
      'unknown_reference',
    ],
    [
      'hallucinated journal account',
      journalIntent('5.00', '5.00', {
        lines: [
          { ...journalIntent('5.00', '5.00').lines[0], accountId: '555' },
          journalIntent('5.00', '5.00').lines[1],
        ],
      }),
      'lines.0.accountId',
      'unknown_reference',
    ],
  ])('%s is refused by a live read before any write', async (_name, input, path, code) => {
    const error = await refusal(input);
    expect(error.issues).toContainEqual({ path, code });
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
    expect(harness.sim.requests.requests.length).toBeGreaterThan(0);
  });

  it('a payment already applied elsewhere is measured against the live balance, not a cache', async () => {
    const books = await harness.connect();
    expect(
      (
        await books.execute(
          paymentIntent({ amount: '180.00', allocations: [{ invoiceId: '2', amount: '180.00' }] }),
          context,
        )
      ).status,
    ).toBe('created');
    const error = await refusal(
      paymentIntent({
        amount: '10.00',
        allocations: [{ invoiceId: '2', amount: '10.00' }],
        reference: 'second',
      }),
    );
    expect(error.issues).toContainEqual({ path: 'allocations.0.amount', code: 'exceeds_open_balance' });
  });

  it('voiding twice is refused the second time', async () => {
    const books = await harness.connect();
    expect((await books.execute({ intent: 'void_invoice', invoiceId: '3' }, context)).status).toBe('updated');
    const error = await refusal({ intent: 'void_invoice', invoiceId: '3' });
    expect(error.issues).toContainEqual({ path: 'invoiceId', code: 'already_void' });
  });
});

describe('write verification', () => {
  it('reports the provider recomputing the total (tax added)', async () => {
    const county = harness.sim.company.list('TaxCode').find((code) => code.SalesTaxRateList !== undefined);
    // A host whose invoices carry the company's default sales-tax code: QuickBooks adds tax to the total.
    const books = await harness.connect({
      overrides: {
        invoices: { request: { TxnTaxDetail: `{ "TxnTaxCodeRef": { "value": "${String(county?.Id)}" } }` } },
      },
    });
    const taxable = invoiceIntent({ lines: [{ ...invoiceIntent().lines[0], taxRateId: 'TAX' }] });
    const result = await books.execute(taxable, context);
    expect(result.status).toBe('created');
    expect(result.verification).toEqual({ ok: false, mismatches: ['total'] });
    const outcome = harness.audit.records.find((entry) => entry.id === result.auditId);
    expect(outcome?.verification).toEqual({ ok: false, mismatchPaths: ['total'] });
  });

  it('is clean when the provider stored what was asked', async () => {
    const books = await harness.connect();
    const result = await books.execute(invoiceIntent(), context);
    expect(result.verification).toEqual({ ok: true, mismatches: [] });
  });
});
