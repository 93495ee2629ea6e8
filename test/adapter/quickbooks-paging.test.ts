import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { quickBooksProviderClient } from '../support/quickbooks-client.js';

const TOTAL = 2_500;
const sim = createQuickBooksSimulator({ throttle: false, seed: 'empty' });
const server = setupServer(...sim.handlers);
const client = quickBooksProviderClient(sim);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  const customer = sim.company.insert('Customer', { DisplayName: 'Paging Patient (SYNTHETIC)' });
  const income = sim.company.insert('Account', { Name: 'Paging Income', AccountType: 'Income' });
  const item = sim.company.insert('Item', {
    Name: 'Paging Visit',
    Type: 'Service',
    IncomeAccountRef: { value: String(income.Id) },
  });
  for (let index = 0; index < TOTAL; index += 1) {
    sim.company.insert('Invoice', {
      CustomerRef: { value: String(customer.Id) },
      TxnDate: '2026-01-15',
      DocNumber: `P-${index}`,
      Line: [
        {
          Amount: 10 + (index % 7),
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: String(item.Id) }, Qty: 1, UnitPrice: 10 + (index % 7) },
        },
      ],
    });
  }
});
afterAll(() => server.close());

function queryRequests() {
  return sim.requests.requests.filter((request) => request.path.endsWith('/query'));
}

describe('QuickBooks paging', () => {
  it('iterates 2,500 invoices exactly once, fetching each page only when the previous one is used up', async () => {
    sim.requests.clear();
    const seen = new Set<string>();
    let consumed = 0;
    for await (const invoice of client.list('invoices', {}, { pageSize: 300 })) {
      expect(seen.has(invoice.id)).toBe(false);
      seen.add(invoice.id);
      consumed += 1;
      // Lazy: never more pages requested than needed for what has been consumed (one page in memory).
      expect(queryRequests().length).toBe(Math.ceil(consumed / 300));
    }
    expect(seen.size).toBe(TOTAL);
    // 9 pages of 300 (the last partial one ends the iteration without an extra empty request).
    expect(queryRequests().length).toBe(Math.ceil(TOTAL / 300));
    for (const request of queryRequests()) {
      expect(request.method).toBe('POST');
      expect(request.query).not.toHaveProperty('query');
      expect(request.bodyText).toMatch(/STARTPOSITION \d+ MAXRESULTS 300$/);
    }
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
    await expect(client.listPage('invoices', {}, { pageSize: 1001 })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'pageSize', code: 'out_of_range' }],
    });
  });

  it('filters by status and updatedSince inside the query body', async () => {
    sim.requests.clear();
    const page = await client.listPage(
      'invoices',
      { status: 'open', updatedSince: '2020-01-01T00:00:00Z' },
      { pageSize: 5 },
    );
    expect(page.items.every((invoice) => invoice.status === 'open')).toBe(true);
    expect(queryRequests()[0]?.bodyText).toContain("Balance > '0'");
    await expect(client.listPage('journalEntries', { status: 'open' })).rejects.toMatchObject({
      name: 'UnsupportedOperationError',
      issues: [{ path: 'filter.status', code: 'unsupported_filter' }],
    });
  });
});
