/**
 * `npm run bench`: throughput and overhead figures, each reported against a baseline measured in the same
 * process. Benchmarks never assert on time; they print.
 */
import { benchQuickBooks } from './quickbooks.js';
import { benchXero } from './xero.js';

const time = Number(process.env.BENCH_TIME_MS ?? 3000);
const format = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits });

console.log(`ledgerbridge benchmarks (Node ${process.version}, ${time} ms per task)\n`);
const qbo = await benchQuickBooks(time);
console.log('QuickBooks Online (simulator on a loopback HTTP server)');
console.log(
  `  invoice mapping (JSONata → unified, validated):  ${format(qbo.mappingRecordsPerSecond)} records/s`,
);
console.log(
  `  invoices.listPage, 1,000-record pages:           ${format(qbo.listRecordsPerSecond)} records/s`,
);
console.log(`  raw fetch GET /invoice/{id} (baseline):          ${format(qbo.rawFetchMeanMs, 3)} ms`);
console.log(`  books.invoices.get:                              ${format(qbo.sdkGetMeanMs, 3)} ms`);
console.log(
  `  overhead ratio invoices.get / raw fetch:         ${format(qbo.sdkGetMeanMs / qbo.rawFetchMeanMs, 2)}×`,
);

const xeroResult = await benchXero(time);
console.log('\nXero (simulator on a loopback HTTP server)');
console.log(
  `  invoice mapping (JSONata → unified, validated):  ${format(xeroResult.mappingRecordsPerSecond)} records/s`,
);
console.log(
  `  raw fetch + JSON.parse, 1,000-record pages:      ${format(xeroResult.rawPageRecordsPerSecond)} records/s (baseline)`,
);
console.log(
  `  invoices.listPage, 1,000-record pages:           ${format(xeroResult.listRecordsPerSecond)} records/s`,
);
console.log(
  `  listPage throughput / raw page throughput:       ${format(xeroResult.listRecordsPerSecond / xeroResult.rawPageRecordsPerSecond, 2)}×`,
);
console.log(`  raw fetch GET /Invoices/{id} (baseline):         ${format(xeroResult.rawFetchMeanMs, 3)} ms`);
console.log(`  books.invoices.get:                              ${format(xeroResult.sdkGetMeanMs, 3)} ms`);
console.log(
  `  overhead ratio invoices.get / raw fetch:         ${format(xeroResult.sdkGetMeanMs / xeroResult.rawFetchMeanMs, 2)}×`,
);
console.log(
  `  xero-node getInvoices, 1,000-record pages:       ${format(xeroResult.officialPageRecordsPerSecond)} records/s (official SDK)`,
);
console.log(
  `  listPage throughput / xero-node throughput:      ${format(xeroResult.listRecordsPerSecond / xeroResult.officialPageRecordsPerSecond, 2)}×`,
);
console.log(
  `  xero-node getInvoice (official SDK):             ${format(xeroResult.officialGetMeanMs, 3)} ms`,
);
console.log(
  `  ratio invoices.get / xero-node getInvoice:       ${format(xeroResult.sdkGetMeanMs / xeroResult.officialGetMeanMs, 2)}×`,
);
