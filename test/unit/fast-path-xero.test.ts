/**
 * The fast path over Xero's mappings: every expression it compiles must give what JSONata gives, on the
 * simulated organisation's records (MS-JSON dates, nested contacts, line items, balances) and on mutated
 * copies of them. Expressions it does not compile are listed, so a new fallback is a visible change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xero } from '../../providers/xero/index.js';
import { createXeroSimulator, XERO_ENTITY_NAMES } from '../../providers/xero/testing.js';
import { compileFastPath } from '../../src/engine/fast-path/index.js';
import { resolveMappings } from '../../src/engine/overrides.js';
import { expectSameMapping, expectSameOutcome, type Tally } from '../support/fast-path-harness.js';

const MAPPINGS = [...resolveMappings(xero().definition, undefined).values()];
const EXPRESSIONS = [
  ...new Set(
    MAPPINGS.flatMap((mapping) =>
      [mapping.response, mapping.request].flatMap((side) => Object.values(side ?? {})),
    ),
  ),
].map((text) => `(${text})`);

/** Contact and organisation phones join their parts with `$join` over a filtered array constructor. */
const EXPECTED_FALLBACKS = 2;

const simulator = createXeroSimulator();
const RECORDS: Record<string, unknown>[] = [
  ...XERO_ENTITY_NAMES.flatMap((entity) => simulator.organisation.list(entity)),
  simulator.organisation.details(),
];

/** A record with one field replaced by an awkward value: absent, null, empty, a number as text, a date. */
const mutated = fc
  .tuple(
    fc.constantFrom(...RECORDS),
    fc.constantFrom(
      undefined,
      null,
      '',
      '0',
      '-12.345',
      0,
      1e21,
      '/Date(1518685950940+0000)/',
      '/Date(-2208988800001)/',
      '2026-02-30',
      [],
      {},
    ),
    fc.nat(),
  )
  .map(([record, value, pick]) => {
    const keys = Object.keys(record);
    const key = keys[pick % keys.length] ?? 'Status';
    const copy: Record<string, unknown> = structuredClone(record);
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });

describe('fast path: Xero mappings', () => {
  it('compiles every Xero expression but the listed fallbacks', () => {
    const fallingBack = EXPRESSIONS.filter((text) => compileFastPath(text) === undefined);
    expect(fallingBack.every((text) => text.includes('$join(['))).toBe(true);
    expect(new Set(fallingBack).size).toBe(EXPECTED_FALLBACKS);
    expect(EXPRESSIONS.length).toBeGreaterThan(100);
  });

  it('equals JSONata on every record of the simulated organisation', async () => {
    const compiled = EXPRESSIONS.filter((text) => compileFastPath(text) !== undefined);
    const tally: Tally = { compared: 0, fallbacks: 0 };
    for (const text of compiled) {
      for (const record of RECORDS) await expectSameOutcome(text, record, tally);
    }
    expect(tally.compared).toBe(compiled.length * RECORDS.length);
    console.log(`fast path vs JSONata on Xero: ${tally.compared} comparisons, ${tally.fallbacks} fell back`);
  });

  it('equals JSONata on mutated records', async () => {
    const compiled = EXPRESSIONS.filter((text) => compileFastPath(text) !== undefined);
    const tally: Tally = { compared: 0, fallbacks: 0 };
    await fc.assert(
      fc.asyncProperty(mutated, async (record) => {
        for (const text of compiled) await expectSameOutcome(text, record, tally);
      }),
      { numRuns: 300, seed: 20261201 },
    );
    expect(tally.compared).toBe(compiled.length * 300);
  });

  it('keeps whole mappings equal to the JSONata object constructor: keys, values and key order', async () => {
    const inputs = [...RECORDS, ...fc.sample(mutated, { numRuns: 40, seed: 9 })];
    for (const mapping of MAPPINGS) {
      for (const input of inputs) await expectSameMapping(mapping.response, input);
    }
  });
});
