import { afterAll, describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import type { FaultSpec } from '../../providers/quickbooks/testing.js';
import type { Connection } from '../../src/connection/connection.js';
import type { ExecutionResult } from '../../src/executor/execution-result.js';
import { isLedgerError } from '../../src/http/errors.js';
import { contactIntent, invoiceIntent } from '../support/intents.js';
import { startQuickBooksHarness } from '../support/quickbooks-harness.js';

const INTENTS = 2_000;
const CONCURRENCY = 16;
const FAULT_PROBABILITY = 0.3;

const harness = startQuickBooksHarness({ throttle: false });
afterAll(() => harness.close());

/** A small deterministic PRNG so a failing storm can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const FAULTS: readonly Omit<FaultSpec, 'method'>[] = [
  { kind: 'server_error' },
  { kind: 'drop_after_commit' },
  { kind: 'drop_before_commit' },
  { kind: 'timeout', delayMs: 400 },
  { kind: 'rate_limit', retryAfterSeconds: 0 },
  { kind: 'malformed_json' },
];

function intentFor(index: number) {
  return index % 2 === 0
    ? contactIntent(`Storm Patient ${index} (SYNTHETIC)`)
    : invoiceIntent({ invoiceNumber: `S-${index}` });
}

/** How many ledger records each intent produced, from one snapshot of the simulated company. */
function ledgerCopies(): (index: number) => number {
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const customer of harness.sim.company.list('Customer'))
    count(`customer:${String(customer.DisplayName)}`);
  for (const invoice of harness.sim.company.list('Invoice')) count(`invoice:${String(invoice.DocNumber)}`);
  return (index) =>
    counts.get(index % 2 === 0 ? `customer:Storm Patient ${index} (SYNTHETIC)` : `invoice:S-${index}`) ?? 0;
}

type Outcome = { readonly status: ExecutionResult['status'] } | { readonly failed: string };

describe('retry storm against the QuickBooks simulator', () => {
  it(`${INTENTS} writes at concurrency ${CONCURRENCY} with injected faults: no duplicates, nothing acknowledged missing`, async () => {
    const books: Connection = await harness.connect({
      provider: quickbooks({ rateLimits: false }),
      ledger: {
        retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 4, maxWaitMs: 2_000 },
        transport: { timeoutMs: 150 },
      },
    });
    const next = random(20261130);
    const outcomes = new Map<number, Outcome>();
    const context = { actor: { agentId: 'storm-agent' } };
    let cursor = 0;
    let injected = 0;

    const worker = async () => {
      while (cursor < INTENTS) {
        const index = cursor++;
        if (next() < FAULT_PROBABILITY) {
          const fault = FAULTS[Math.floor(next() * FAULTS.length)]!;
          // Bursts of up to four in a row, so some writes run out of retries and end uncertain.
          const times = 1 + Math.floor(next() * 4);
          harness.sim.faults.inject({ ...fault, method: next() < 0.8 ? 'POST' : 'GET', times });
          injected += 1;
        }
        try {
          outcomes.set(index, { status: (await books.execute(intentFor(index), context)).status });
        } catch (error) {
          outcomes.set(index, { failed: isLedgerError(error) ? error.code : 'unknown' });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    harness.sim.faults.clear();

    const tally: Record<string, number> = {};
    for (const outcome of outcomes.values()) {
      const key = 'status' in outcome ? outcome.status : `failed:${outcome.failed}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }

    // Acknowledged writes are in the ledger exactly once; certain failures are not in it at all.
    const afterStorm = ledgerCopies();
    for (const [index, outcome] of outcomes) {
      const copies = afterStorm(index);
      if ('status' in outcome && (outcome.status === 'created' || outcome.status === 'replayed'))
        expect(copies, `intent ${index}`).toBe(1);
      else if ('failed' in outcome) expect(copies, `intent ${index} failed with ${outcome.failed}`).toBe(0);
      else expect(copies, `intent ${index} uncertain`).toBeLessThanOrEqual(1);
    }

    // Every uncertain (and failed) write is resolved by running the same intent again.
    let resolved = 0;
    for (const [index, outcome] of outcomes) {
      if ('status' in outcome && outcome.status !== 'uncertain') continue;
      const again = await books.execute(intentFor(index), context);
      expect(['created', 'replayed']).toContain(again.status);
      resolved += 1;
    }
    const afterReconciling = ledgerCopies();
    for (let index = 0; index < INTENTS; index += 1)
      expect(afterReconciling(index), `intent ${index}`).toBe(1);

    console.log(
      `retry storm: ${INTENTS} intents, ${injected} faults injected, outcomes ${JSON.stringify(tally)}, ${resolved} resolved afterwards`,
    );
    expect(injected).toBeGreaterThan(INTENTS * FAULT_PROBABILITY * 0.8);
    expect(tally.uncertain ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
