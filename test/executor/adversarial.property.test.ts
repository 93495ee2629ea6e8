import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { isLedgerError } from '../../src/http/errors.js';
import { invoiceIntent, journalIntent, paymentIntent, writeRequests } from '../support/intents.js';
import { startQuickBooksHarness } from '../support/quickbooks-harness.js';

const harness = startQuickBooksHarness({ throttle: false });
afterAll(() => harness.close());

const cents = fc
  .integer({ min: 1, max: 500_000 })
  .map((value) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`);
const hallucinatedId = fc.oneof(
  fc.integer({ min: 10_000, max: 99_999_999 }).map(String),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{2,20}$/),
);
const floatLooking = fc.constantFrom(
  '1e3',
  '12.5.0',
  '12,50',
  ' 12.00',
  '12.00 ',
  '+5.00',
  '-5.00',
  '0x10',
  'NaN',
  'Infinity',
  '٣.٠٠',
  '',
);
const badCurrency = fc.constantFrom('usd', 'EURO', 'XYZ', '', 'US$', 'U S');
const extraKey = fc.tuple(fc.stringMatching(/^[a-z][A-Za-z]{2,12}$/), fc.jsonValue());

/** Valid intents: balanced journals and correctly priced invoices with amounts of any size. */
const validIntent = fc.oneof(
  cents.map((amount) => journalIntent(amount, amount)),
  fc.tuple(fc.integer({ min: 1, max: 20 }), cents).map(([quantity, unit]) => {
    const [whole, fraction] = unit.split('.') as [string, string];
    const totalCents = BigInt(whole) * 100n * BigInt(quantity) + BigInt(fraction) * BigInt(quantity);
    const amount = `${totalCents / 100n}.${String(totalCents % 100n).padStart(2, '0')}`;
    const line = { ...invoiceIntent().lines[0], quantity: String(quantity), unitPrice: unit, amount };
    return invoiceIntent({ lines: [line] });
  }),
);

/** Invalid intents, each by one kind of mistake a model makes. */
const invalidIntent = fc.oneof(
  hallucinatedId.map((id) => paymentIntent({ customerId: id })),
  hallucinatedId.map((id) => paymentIntent({ allocations: [{ invoiceId: id, amount: '20.00' }] })),
  hallucinatedId.map((id) => invoiceIntent({ lines: [{ ...invoiceIntent().lines[0], itemId: id }] })),
  hallucinatedId.map((id) =>
    journalIntent('5.00', '5.00', {
      lines: [
        { ...journalIntent('5.00', '5.00').lines[0], accountId: id },
        journalIntent('5.00', '5.00').lines[1],
      ],
    }),
  ),
  fc
    .tuple(cents, cents)
    .filter(([debit, credit]) => debit !== credit)
    .map(([debit, credit]) => journalIntent(debit, credit)),
  floatLooking.map((amount) => paymentIntent({ amount, allocations: [{ invoiceId: '2', amount }] })),
  floatLooking.map((amount) => journalIntent(amount, amount)),
  badCurrency.map((currency) => invoiceIntent({ currency })),
  extraKey
    .filter(([key]) => !(key in invoiceIntent()))
    .map(([key, value]) => ({ ...invoiceIntent(), [key]: value })),
  fc.integer({ min: 1, max: 1000 }).map((amount) => paymentIntent({ amount, allocations: [] })),
  // Allocating more than the payment (the generator only produces amounts above 1.00 here).
  cents
    .filter((amount) => amount.length > 4 || amount > '1.00')
    .map((amount) => paymentIntent({ amount: '1.00', allocations: [{ invoiceId: '2', amount }] })),
);

describe('adversarial intents', () => {
  it('never cause a provider write unless valid, and valid ones always write', async () => {
    const books = await harness.connect({ provider: quickbooks({ rateLimits: false }) });
    const context = { actor: { agentId: 'property-agent' } };
    let invalidSeen = 0;
    let validSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          validIntent.map((intent) => ({ intent, valid: true })),
          invalidIntent.map((intent) => ({ intent, valid: false })),
        ),
        async ({ intent, valid }) => {
          harness.sim.requests.clear();
          let status: string;
          try {
            status = (await books.execute(intent, context)).status;
          } catch (error) {
            if (!isLedgerError(error)) throw error;
            status = error.code;
          }
          const writes = writeRequests(harness.sim.requests.requests).length;
          if (valid) {
            validSeen += 1;
            expect(['created', 'replayed'], JSON.stringify(intent)).toContain(status);
            expect(writes).toBeLessThanOrEqual(1);
          } else {
            invalidSeen += 1;
            expect(status, JSON.stringify(intent)).toBe('validation_failed');
            expect(writes).toBe(0);
          }
        },
      ),
      { numRuns: 300, seed: 20261130 },
    );
    console.log(
      `adversarial intents: ${invalidSeen} invalid refused without a write, ${validSeen} valid written`,
    );
    expect(invalidSeen).toBeGreaterThan(100);
    expect(validSeen).toBeGreaterThan(50);
  }, 60_000);
});
