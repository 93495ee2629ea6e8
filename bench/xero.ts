import { Bench } from 'tinybench';
import { XeroClient } from 'xero-node';
import { xero } from '../providers/xero/index.js';
import { createXeroSimulator, type XeroSimulator } from '../providers/xero/testing.js';
import { resolveMappings } from '../src/engine/overrides.js';
import { mapRecord } from '../src/engine/record-mapper.js';
import { startLocalServer } from '../src/testing/local-server.js';
import { connectOverLoopback, meanMs } from './support.js';

/** Results of the Xero benchmarks, for the README's Performance section. */
export interface XeroBenchResult {
  readonly mappingRecordsPerSecond: number;
  readonly listRecordsPerSecond: number;
  /** A raw fetch and JSON.parse of the same 1,000-invoice page: the floor `listPage` is compared with. */
  readonly rawPageRecordsPerSecond: number;
  readonly rawFetchMeanMs: number;
  readonly sdkGetMeanMs: number;
  /** Xero's official SDK (xero-node) against the same server: one page, and one invoice. */
  readonly officialPageRecordsPerSecond: number;
  readonly officialGetMeanMs: number;
}

const PAGE = 1000;

/** Two-line sales invoices, as a clinic's visit billing would produce them. */
function syntheticInvoices(sim: XeroSimulator): void {
  const contact = sim.organisation.list('Contact')[0]!;
  const [item] = sim.organisation.list('Item');
  for (let index = 0; index < PAGE; index += 1) {
    sim.organisation.insert('Invoice', {
      Type: 'ACCREC',
      Contact: { ContactID: contact.ContactID },
      Date: '2026-02-01',
      DueDate: '2026-03-03',
      InvoiceNumber: `B-${index}`,
      Reference: 'synthetic benchmark invoice',
      Status: 'AUTHORISED',
      LineItems: [
        { Description: `Office visit ${index}`, ItemCode: item!.Code, Quantity: 1, UnitAmount: 125.5 },
        { Description: 'Lab panel', ItemCode: item!.Code, Quantity: 1, UnitAmount: 48.25 },
      ],
    });
  }
}

/**
 * Xero's list-mapping throughput over 1,000-record pages (MS-JSON dates, line items), `listPage` against a
 * raw fetch and parse of the same page, and `invoices.get` against a raw fetch of the same URL, all from one
 * local HTTP server in one run.
 */
export async function benchXero(time: number): Promise<XeroBenchResult> {
  const sim = createXeroSimulator({ throttle: false });
  syntheticInvoices(sim);
  const server = await startLocalServer((request) => sim.handle(request));
  try {
    // Xero's 60-a-minute limiter would measure Xero's limit, not our overhead; the simulator's throttle is
    // off too.
    const provider = xero({ apiRoot: server.url, rateLimits: false });
    const books = await connectOverLoopback(provider, {
      accessToken: sim.credentials.accessToken,
      providerTenantId: sim.credentials.tenantId,
    });
    const headers = {
      authorization: `Bearer ${sim.credentials.accessToken}`,
      'xero-tenant-id': sim.credentials.tenantId,
      accept: 'application/json',
    };
    // The records exactly as the API answers them (MS-JSON dates and all), for the mapping-only task.
    const pageUrl = `${server.url}/api.xro/2.0/Invoices?where=Type%3D%3D%22ACCREC%22&page=1&pageSize=${PAGE}`;
    const pageBody = (await (await fetch(pageUrl, { headers })).json()) as { Invoices: unknown[] };
    const records = pageBody.Invoices;
    if (records.length < PAGE) throw new Error(`expected a full page, got ${records.length} invoices`);
    const mappings = resolveMappings(provider.definition, undefined).get('invoices')!;
    const invoiceId = String((records[0] as { InvoiceID: string }).InvoiceID);
    const invoiceUrl = `${server.url}/api.xro/2.0/Invoices/${invoiceId}`;

    // Xero's official SDK, pointed at the same loopback server with the same token.
    const official = new XeroClient();
    official.accountingApi.basePath = `${server.url}/api.xro/2.0`;
    official.accountingApi.accessToken = sim.credentials.accessToken;
    const tenantId = sim.credentials.tenantId;

    const bench = new Bench({ time, warmup: true });
    bench
      .add('map 1,000 Xero invoices', async () => {
        for (const record of records) await mapRecord('invoices', mappings, record, 'invoices.list');
      })
      .add('raw fetch one 1,000-invoice page', async () => {
        const response = await fetch(pageUrl, { headers });
        JSON.parse(await response.text());
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
      })
      .add('xero-node getInvoices, one 1,000-invoice page', async () => {
        const { body } = await official.accountingApi.getInvoices(
          tenantId,
          undefined,
          'Type=="ACCREC"',
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          1,
          undefined,
          undefined,
          4,
          undefined,
          PAGE,
        );
        if ((body.invoices?.length ?? 0) < PAGE) throw new Error('xero-node returned a short page');
      })
      .add('xero-node getInvoice', async () => {
        await official.accountingApi.getInvoice(tenantId, invoiceId);
      });
    await bench.run();
    const mean = (name: string) => meanMs(bench, name);
    return {
      mappingRecordsPerSecond: (PAGE * 1000) / mean('map 1,000 Xero invoices'),
      listRecordsPerSecond: (PAGE * 1000) / mean('list one 1,000-invoice page (HTTP + map)'),
      rawPageRecordsPerSecond: (PAGE * 1000) / mean('raw fetch one 1,000-invoice page'),
      rawFetchMeanMs: mean('raw fetch GET invoice'),
      sdkGetMeanMs: mean('books.invoices.get'),
      officialPageRecordsPerSecond: (PAGE * 1000) / mean('xero-node getInvoices, one 1,000-invoice page'),
      officialGetMeanMs: mean('xero-node getInvoice'),
    };
  } finally {
    await server.close();
  }
}
