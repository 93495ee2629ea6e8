import type { ConnectionKey } from '../auth/token-vault.js';
import type { CallOptions, ProviderClient } from '../engine/provider-client.js';
import type { ExecutionPlan, ExecutionResult } from '../executor/execution-result.js';
import type { ExecutionContext } from '../executor/executor.js';
import type { RateLimitInfo } from '../http/rate-limit-info.js';
import type { LedgerIntent } from '../intents/index.js';
import type {
  Account,
  Attachment,
  Bill,
  CompanyInfo,
  Contact,
  CreditNote,
  Expense,
  Invoice,
  Item,
  JournalEntry,
  Payment,
  TaxRate,
} from '../schema/entities/index.js';
import { createResourceReader, type ResourceReader } from './resource-reader.js';

/**
 * One tenant's connection to one provider. Reads are direct; every write goes through `execute` (the
 * validating executor), never straight to the provider.
 */
export interface Connection extends ConnectionKey {
  /** The provider this connection talks to, for example `quickbooks`. */
  readonly provider: string;
  readonly invoices: ResourceReader<Invoice>;
  readonly bills: ResourceReader<Bill>;
  readonly creditNotes: ResourceReader<CreditNote>;
  /** Payments received from customers. */
  readonly payments: ResourceReader<Payment>;
  /** Payments made to vendors. */
  readonly billPayments: ResourceReader<Payment>;
  readonly customers: ResourceReader<Contact>;
  readonly vendors: ResourceReader<Contact>;
  readonly accounts: ResourceReader<Account>;
  readonly journalEntries: ResourceReader<JournalEntry>;
  readonly expenses: ResourceReader<Expense>;
  readonly items: ResourceReader<Item>;
  readonly taxRates: ResourceReader<TaxRate>;
  readonly attachments: ResourceReader<Attachment>;
  /** The organisation that owns the ledger. */
  readonly company: { get(options?: CallOptions): Promise<CompanyInfo> };
  /**
   * This connection's rate-limit budget as the client-side limiter tracks it (the provider's limits,
   * corrected by its headers): how many requests remain in the tightest window and when it resets.
   * Agents can be told this before a burst; hosts can render it with `rateLimitHeaders`.
   */
  rateLimit(): Promise<RateLimitInfo | undefined>;
  /**
   * Runs a write intent through the executor: validation, accounting rules, policy, idempotency key,
   * audit, provider call, verification. The input is checked at run time, so model output can be passed
   * as it is.
   */
  execute(intent: LedgerIntent | unknown, context: ExecutionContext): Promise<ExecutionResult>;
  /** A dry run of `execute`: the validated intent, its key and the provider request, with no network call. */
  plan(intent: LedgerIntent | unknown, context: ExecutionContext): Promise<ExecutionPlan>;
}

/** Assembles the read surface of a connection over its provider client. */
export function createConnectionReaders(
  client: ProviderClient,
): Omit<Connection, keyof ConnectionKey | 'provider' | 'execute' | 'plan'> {
  const rateLimit = () => client.rateLimitStatus();
  return {
    invoices: createResourceReader(client, 'invoices'),
    bills: createResourceReader(client, 'bills'),
    creditNotes: createResourceReader(client, 'creditNotes'),
    payments: createResourceReader(client, 'payments'),
    billPayments: createResourceReader(client, 'billPayments'),
    customers: createResourceReader(client, 'customers'),
    vendors: createResourceReader(client, 'vendors'),
    accounts: createResourceReader(client, 'accounts'),
    journalEntries: createResourceReader(client, 'journalEntries'),
    expenses: createResourceReader(client, 'expenses'),
    items: createResourceReader(client, 'items'),
    taxRates: createResourceReader(client, 'taxRates'),
    attachments: createResourceReader(client, 'attachments'),
    rateLimit,
    company: {
      // The company record is addressed by the connection itself, not an id the caller knows.
      get: async (options = {}) => (await client.get('company', 'current', options)).entity,
    },
  };
}
