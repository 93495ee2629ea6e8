import { Bench } from 'tinybench';
import { quickbooks } from '../providers/quickbooks/index.js';
import { createQuickBooksSimulator } from '../providers/quickbooks/testing.js';
import { resolveMappings } from '../src/engine/overrides.js';
import { mapRecord } from '../src/engine/record-mapper.js';
import { startLocalServer } from '../src/testing/local-server.js';
import { connectOverLoopback, meanMs } from './support.js';

/** Results of the QuickBooks benchmarks, for the README's Performance section. */
export interface QuickBooksBenchResult {
  readonly mappingRecordsPerSecond: number;
  readonly listRecordsPerSecond: number;
  readonly rawFetchMeanMs: number;
  readonly sdkGetMeanMs: number;
}

const PAGE = 1000;

function syntheticInvoices(sim: ReturnType<typeof createQuickBooksSimulator>): void {
  const customer = sim.company.list('Customer')[0]!;
  const item = sim.company.list('Item')[0]!;
  for (let index = 0; index < PAGE; index += 1) {
    sim.company.insert('Invoice', {
      CustomerRef: { value: String(customer.Id) },
      TxnDate: '2026-02-01',
      DueDate: '2026-03-03',
      DocNumber: `B-${index}`,
      PrivateNote: 'synthetic benchmark invoice',
      Line: [
        {
          Description: `Office visit ${index}`,
          Amount: 125.5,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: {
            ItemRef: { value: String(item.Id) },
            Qty: 1,
            UnitPrice: 125.5,
            ServiceDate: '2026-02-01',
          },
        },
        {
          Description: 'Lab panel',
          Amount: 48.25,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: String(item.Id) }, Qty: 1, UnitPrice: 48.25 },
        },
      ],
    });
  }
}

/**
 * Mapping throughput over 1,000-record pages, and the per-call overhead of `invoices.get` against a raw
 * fetch of the same URL from the same local HTTP server, measured in one run.
 */
export async function benchQuickBooks(time: number): Promise<QuickBooksBenchResult> {
  const sim = createQuickBooksSimulator({ throttle: false, seed: 'clinic' });
  syntheticInvoices(sim);
  const server = await startLocalServer((request) => sim.handle(request));
  try {
    // The client-side limiter (10 requests a second per realm) would measure Intuit's limit, not our
    // overhead, so it is off here, as the simulator's throttle is.
    const provider = quickbooks({ apiRoot: server.url, rateLimits: false });
    const books = await connectOverLoopback(provider, {
      accessToken: sim.credentials.accessToken,
      providerTenantId: sim.credentials.realmId,
    });
    const records = sim.company.list('Invoice').slice(-PAGE);
    const mappings = resolveMappings(provider.definition, undefined).get('invoices')!;
    const invoiceUrl = `${server.url}/v3/company/${sim.credentials.realmId}/invoice/${records[0]!.Id}?minorversion=75`;
    const headers = { authorization: `Bearer ${sim.credentials.accessToken}`, accept: 'application/json' };
    const invoiceId = String(records[0]!.Id);

    const bench = new Bench({ time, warmup: true });
    bench
      .add('map 1,000 QuickBooks invoices', async () => {
        for (const record of records) await mapRecord('invoices', mappings, record, 'invoices.list');
      })
      .add('list one 1,000-invoice page (HTTP + map)', async () => {
        await books.invoices.listPage({ pageSize: PAGE });
      })
      .add('raw fetch GET invoice', async () => {
        const response = await fetch(invoiceUrl, { headers });
        JSON.parse(await response.text());
      })
      .add('books.invoices.get', async () => {
        await books.invoices.get(invoiceId);
      });
    await bench.run();
    const mean = (name: string) => meanMs(bench, name);
    return {
      mappingRecordsPerSecond: (PAGE * 1000) / mean('map 1,000 QuickBooks invoices'),
      listRecordsPerSecond: (PAGE * 1000) / mean('list one 1,000-invoice page (HTTP + map)'),
      rawFetchMeanMs: mean('raw fetch GET invoice'),
      sdkGetMeanMs: mean('books.invoices.get'),
    };
  } finally {
    await server.close();
  }
}
