/**
 * The agent toolkit over a Xero connection. Xero's filters travel in the URL, so `find_contact` cannot ask
 * Xero for names; it reads the contact list and matches in memory, and no name ever reaches a URL.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLedgerToolkit } from '../../src/tools/index.js';
import { startXeroHarness } from '../support/xero-harness.js';

const harness = startXeroHarness();
afterAll(() => harness.close());
beforeEach(() => harness.sim.reset());

interface Match {
  readonly role: string;
  readonly id: string;
  readonly displayName: string;
}

describe('find_contact on Xero', () => {
  it('matches name prefixes in memory, case-insensitively, without putting the name in any URL', async () => {
    const toolkit = createLedgerToolkit(await harness.connect(), { fields: { role: 'billing' } });
    harness.sim.requests.clear();
    const result = await toolkit.execute('find_contact', {
      namePrefix: 'test patient b',
      role: 'customer',
      limit: null,
    });
    expect(result).toMatchObject({ ok: true, truncated: false, searchComplete: true });
    const matches = (result as unknown as { matches: Match[] }).matches;
    expect(matches.map((match) => match.displayName)).toEqual([expect.stringMatching(/^Test Patient Bravo/)]);
    const bravo = harness.sim.organisation
      .list('Contact')
      .find((contact) => String(contact.Name).startsWith('Test Patient Bravo'));
    expect(matches[0]?.id).toBe(bravo?.ContactID);
    const urls = harness.sim.requests.requests.map(
      (request) => `${request.path}?${new URLSearchParams(request.query).toString()}`,
    );
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.toLowerCase()).not.toContain('patient');
  });

  it('stops at the limit and says there may be more', async () => {
    const toolkit = createLedgerToolkit(await harness.connect(), { fields: { role: 'billing' } });
    const result = await toolkit.execute('find_contact', {
      namePrefix: 'Test Patient',
      role: null,
      limit: 2,
    });
    expect(result).toMatchObject({ ok: true, truncated: true });
    const matches = (result as unknown as { matches: Match[] }).matches;
    // Two per role searched: customers first, then vendors (new Xero contacts show in both lists).
    expect(matches.filter((match) => match.role === 'customer')).toHaveLength(2);
    for (const match of matches) expect(match.displayName.startsWith('Test Patient')).toBe(true);
  });

  it('says when it could not search the whole list, so a miss is not taken as absence', async () => {
    for (let index = 0; index < 5_010; index += 1) {
      harness.sim.organisation.insert('Contact', {
        Name: `Synthetic Person ${String(index).padStart(5, '0')}`,
      });
    }
    const toolkit = createLedgerToolkit(await harness.connect(), { fields: { role: 'billing' } });
    harness.sim.requests.clear();
    const result = await toolkit.execute('find_contact', {
      namePrefix: 'No Such Patient',
      role: 'customer',
      limit: null,
    });
    expect(result).toMatchObject({ ok: true, matches: [], truncated: false, searchComplete: false });
    // Five pages of 1,000, then it stops rather than spend more of Xero's 60 calls a minute.
    expect(harness.sim.requests.requests).toHaveLength(5);
  }, 30_000);
});
