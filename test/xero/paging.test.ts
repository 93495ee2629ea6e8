import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createXeroSimulator } from '../../providers/xero/testing.js';
import { xeroProviderClient } from '../support/xero-client.js';

const TOTAL = 2_500;
const sim = createXeroSimulator({ throttle: false, seed: 'empty' });
const server = setupServer(...sim.handlers);
const client = xeroProviderClient(sim);
let contactId = '';
let oldestChange = 0;

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-02-01T00:00:00Z'));
  const contact = sim.organisation.insert('Contact', { Name: 'Paging Patient (SYNTHETIC)' });
  contactId = String(contact.ContactID);
  for (let index = 0; index < TOTAL; index += 1) {
    // One record per second, so If-Modified-Since can cut the list at a known place.
    vi.setSystemTime(new Date(Date.parse('2026-02-01T00:00:00Z') + index * 1000));
    sim.organisation.insert('Invoice', {
      Type: 'ACCREC',
      Contact: { ContactID: contactId },
      Date: '2026-01-15',
      InvoiceNumber: `P-${index}`,
      Status: 'AUTHORISED',
      LineItems: [
        { Description: 'Paging visit', Quantity: 1, UnitAmount: 10 + (index % 7), AccountCode: '200' },
      ],
    });
  }
  oldestChange = Date.parse('2026-02-01T00:00:00Z');
  vi.useRealTimers();
});
afterAll(() => server.close());

function listRequests() {
  return sim.requests.requests.filter(
    (request) => request.method === 'GET' && request.path.endsWith('/Invoices'),
  );
}

describe('Xero paging', () => {
  it('iterates 2,500 invoices exactly once, fetching each page only when the previous one is used up', async () => {
    sim.requests.clear();
    const seen = new Set<string>();
    let consumed = 0;
    let total = 0n;
    for await (const invoice of client.list('invoices', {}, { pageSize: 300 })) {
      expect(seen.has(invoice.id)).toBe(false);
      seen.add(invoice.id);
      consumed += 1;
      total += BigInt(invoice.total.replace('.', ''));
      // Lazy: never more pages requested than needed for what has been consumed (one page in memory).
      expect(listRequests().length).toBe(Math.ceil(consumed / 300));
    }
    expect(seen.size).toBe(TOTAL);
    // Exact money over the whole list: amounts 10..16 in turn.
    expect(total).toBe(
      BigInt(
        Array.from({ length: TOTAL }, (_, index) => (10 + (index % 7)) * 100).reduce((a, b) => a + b, 0),
      ),
    );
    // Xero's pagination says when to stop: 9 pages of 300, no extra empty request.
    expect(listRequests().length).toBe(Math.ceil(TOTAL / 300));
    listRequests().forEach((request, index) => {
      expect(request.query).toEqual({
        where: 'Type=="ACCREC"',
        order: 'InvoiceID ASC',
        page: String(index + 1),
        pageSize: '300',
        unitdp: '4',
      });
    });
  });

  it('pages with cursors that continue where the last page ended, up to the 1,000 maximum', async () => {
    const first = await client.listPage('invoices', {}, { pageSize: 1000 });
    expect(first.items).toHaveLength(1000);
    const second = await client.listPage('invoices', {}, { pageSize: 1000, cursor: first.nextCursor });
    const third = await client.listPage('invoices', {}, { pageSize: 1000, cursor: second.nextCursor });
    expect(third.items).toHaveLength(500);
    expect(third.nextCursor).toBeUndefined();
    const ids = [...first.items, ...second.items, ...third.items].map((invoice) => invoice.id);
    expect(new Set(ids).size).toBe(TOTAL);
    // In id order, which no write changes.
    expect([...ids].sort()).toEqual(ids);
    await expect(client.listPage('invoices', {}, { pageSize: 1001 })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'pageSize', code: 'out_of_range' }],
    });
  });

  it('updatedSince goes as If-Modified-Since, and status and contact as Xero’s own parameters', async () => {
    sim.requests.clear();
    const since = new Date(oldestChange + 2_000 * 1000).toISOString();
    const recent = [];
    for await (const invoice of client.list(
      'invoices',
      { updatedSince: since, status: 'open', contactId },
      { pageSize: 1000 },
    )) {
      recent.push(invoice);
    }
    expect(recent).toHaveLength(500);
    expect(new Set(recent.map((invoice) => invoice.number))).toEqual(
      new Set(Array.from({ length: 500 }, (_, index) => `P-${2000 + index}`)),
    );
    const [request] = listRequests();
    expect(request?.headers['if-modified-since']).toBe(since);
    expect(request?.query).toMatchObject({ Statuses: 'AUTHORISED', ContactIDs: contactId });
  });

  it('lists Xero serves whole are cut into pages on this side', async () => {
    sim.requests.clear();
    const first = await client.listPage('accounts', {}, { pageSize: 5 });
    const rest = await client.listPage('accounts', {}, { pageSize: 5, cursor: first.nextCursor });
    expect(first.items).toHaveLength(5);
    expect(new Set([...first.items, ...rest.items].map((account) => account.id)).size).toBe(
      first.items.length + rest.items.length,
    );
    expect(sim.requests.requests.every((request) => request.query.page === undefined)).toBe(true);
  });

  it('loses no record when records already read are edited mid-iteration', async () => {
    const edited: string[] = [];
    const seen = new Set<string>();
    let index = 0;
    for await (const invoice of client.list('invoices', {}, { pageSize: 200 })) {
      seen.add(invoice.id);
      // Another agent edits every 150th invoice just read (its UpdatedDateUTC moves to now).
      if (index % 150 === 0) {
        await client.update('invoices', { id: invoice.id, changes: { customerMemo: `edited ${index}` } });
        edited.push(invoice.id);
      }
      index += 1;
    }
    expect(edited.length).toBeGreaterThan(10);
    expect(seen.size).toBe(TOTAL);
    expect(index).toBe(TOTAL);
  });
});
