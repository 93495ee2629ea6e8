import type { RecordedRequest } from '../../../providers/quickbooks/testing.js';
import type { Connection } from '../../../src/connection/connection.js';
import { INTENT_NAMES } from '../../../src/intents/index.js';
import {
  createLedgerToolkit,
  type LedgerToolkit,
  type LedgerToolkitOptions,
  type ToolResult,
} from '../../../src/tools/index.js';
import { type QuickBooksHarness, startQuickBooksHarness } from '../../support/quickbooks-harness.js';

/** A toolkit over the simulator, the way a host builds one. */
export interface ToolkitHarness extends QuickBooksHarness {
  toolkit(options?: LedgerToolkitOptions, connection?: Connection): Promise<LedgerToolkit>;
}

export function startToolkitHarness(): ToolkitHarness {
  const harness = startQuickBooksHarness();
  return {
    ...harness,
    async toolkit(options = {}, connection) {
      return createLedgerToolkit(connection ?? (await harness.connect()), options);
    },
  };
}

/** A toolkit exposing every tool the catalogue has: all reads and every write. */
export const EVERY_TOOL: LedgerToolkitOptions = { allow: { writes: INTENT_NAMES }, mode: 'write' };

/** The representative subset whose emitted definitions are snapshotted per adapter. */
export const SNAPSHOT_TOOLKIT: LedgerToolkitOptions = {
  allow: {
    reads: ['invoices', 'customers', 'company'],
    writes: ['create_invoice', 'record_payment', 'post_journal_entry', 'update_contact', 'void_invoice'],
  },
  mode: 'write',
};

/** `list_invoices` input with every filter off. */
export function listInvoicesInput(overrides: Record<string, unknown> = {}) {
  return { status: null, contactId: null, updatedSince: null, cursor: null, pageSize: null, ...overrides };
}

/** Write tool input for `record_payment` against the seed (the intent without its `intent` key). */
export function paymentInput(overrides: Record<string, unknown> = {}) {
  return {
    customerId: '1',
    date: '2026-03-10',
    amount: '20.00',
    currency: 'USD',
    depositAccountId: null,
    reference: null,
    memo: null,
    allocations: [{ invoiceId: '2', amount: '20.00' }],
    ...overrides,
  };
}

/** Write tool input for an unbalanced journal entry. */
export function unbalancedJournalInput() {
  return {
    date: '2026-03-31',
    currency: 'USD',
    entryNumber: null,
    memo: null,
    lines: [
      { accountId: '8', side: 'debit', amount: '10.00', description: null, contactId: null },
      { accountId: '1', side: 'credit', amount: '9.99', description: null, contactId: null },
    ],
  };
}

/** Requests that change the ledger (everything but reads and queries). */
export function writeRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.method === 'POST' && !request.path.endsWith('/query'));
}

type JsonSchema = Record<string, unknown>;

/** Every object schema in a JSON Schema, with its path. */
export function* objectSchemas(schema: JsonSchema, path = '$'): Generator<[string, JsonSchema]> {
  if (schema.type === 'object') yield [path, schema];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value as Record<string, JsonSchema>))
        yield* objectSchemas(child, `${path}.${name}`);
    } else if (key === 'items' && value && typeof value === 'object') {
      yield* objectSchemas(value as JsonSchema, `${path}[]`);
    } else if (key === 'anyOf' && Array.isArray(value)) {
      for (const option of value as JsonSchema[]) yield* objectSchemas(option, path);
    }
  }
}

/** The success fields of a result, typed as the test expects them; fails the test on a failure. */
export function okResult<Fields>(result: ToolResult): Fields {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result as unknown as Fields;
}
