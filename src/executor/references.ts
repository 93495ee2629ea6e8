import type { CallOptions, ProviderClient } from '../engine/provider-client.js';
import { isLedgerError, type ValidationIssue } from '../http/errors.js';
import type { LedgerIntent } from '../intents/index.js';
import { compare } from '../schema/money.js';
import type { ResourceName } from '../schema/resources.js';

interface Reference {
  readonly resource: ResourceName;
  readonly id: string;
  readonly path: string;
}

const ATTACHABLE_RESOURCES = {
  invoice: 'invoices',
  bill: 'bills',
  payment: 'payments',
  contact: 'customers',
  journal_entry: 'journalEntries',
  expense: 'expenses',
  credit_note: 'creditNotes',
} as const satisfies Record<string, ResourceName>;

function lineReferences(
  lines: readonly { itemId?: string | null; accountId?: string | null; contactId?: string | null }[],
): Reference[] {
  return lines.flatMap((line, index) => [
    ...(line.itemId ? [{ resource: 'items' as const, id: line.itemId, path: `lines.${index}.itemId` }] : []),
    ...(line.accountId
      ? [{ resource: 'accounts' as const, id: line.accountId, path: `lines.${index}.accountId` }]
      : []),
    ...(line.contactId
      ? [{ resource: 'customers' as const, id: line.contactId, path: `lines.${index}.contactId` }]
      : []),
  ]);
}

/** Every record an intent points at, with the path that names it. */
function referencesOf(intent: LedgerIntent): Reference[] {
  switch (intent.intent) {
    case 'create_invoice':
    case 'create_credit_note':
      return [
        { resource: 'customers', id: intent.customerId, path: 'customerId' },
        ...lineReferences(intent.lines),
      ];
    case 'create_bill':
      return [
        { resource: 'vendors', id: intent.vendorId, path: 'vendorId' },
        ...lineReferences(intent.lines),
      ];
    case 'record_payment':
      return [
        { resource: 'customers', id: intent.customerId, path: 'customerId' },
        ...(intent.depositAccountId
          ? [{ resource: 'accounts' as const, id: intent.depositAccountId, path: 'depositAccountId' }]
          : []),
      ];
    case 'record_bill_payment':
      return [
        { resource: 'vendors', id: intent.vendorId, path: 'vendorId' },
        { resource: 'accounts', id: intent.bankAccountId, path: 'bankAccountId' },
      ];
    case 'update_contact':
      return [
        {
          resource: intent.role === 'customer' ? 'customers' : 'vendors',
          id: intent.contactId,
          path: 'contactId',
        },
      ];
    case 'create_expense':
      return [
        { resource: 'accounts', id: intent.paymentAccountId, path: 'paymentAccountId' },
        ...(intent.vendorId ? [{ resource: 'vendors' as const, id: intent.vendorId, path: 'vendorId' }] : []),
        ...lineReferences(intent.lines),
      ];
    case 'post_journal_entry':
      return lineReferences(intent.lines);
    case 'void_invoice':
      return [];
    case 'attach_file':
      return [{ resource: ATTACHABLE_RESOURCES[intent.entityType], id: intent.entityId, path: 'entityId' }];
    case 'create_contact':
      return [];
  }
}

/** Not there: the provider says so, or the id cannot be one of this provider's ids at all. */
function isMissing(error: unknown): boolean {
  return (
    isLedgerError(error) &&
    (error.code === 'not_found' || (error.issues?.some((issue) => issue.code === 'invalid_id') ?? false))
  );
}

/** Reads one record; a missing one becomes an issue, anything else (throttling, outage) propagates. */
async function exists(client: ProviderClient, reference: Reference, call: CallOptions): Promise<boolean> {
  try {
    await client.get(reference.resource, reference.id, call);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

interface OpenDocument {
  readonly contactId: string;
  readonly currency: string;
  readonly status: string;
  readonly balance: string;
}

/** Allocations are checked against the documents' live open balances (never a cached copy). */
async function checkAllocations(
  client: ProviderClient,
  intent: LedgerIntent,
  call: CallOptions,
  issues: ValidationIssue[],
): Promise<void> {
  if (intent.intent !== 'record_payment' && intent.intent !== 'record_bill_payment') return;
  const resource = intent.intent === 'record_payment' ? 'invoices' : 'bills';
  const contactId = intent.intent === 'record_payment' ? intent.customerId : intent.vendorId;
  await Promise.all(
    intent.allocations.map(async (allocation, index) => {
      const path = `allocations.${index}`;
      const targetId = 'invoiceId' in allocation ? allocation.invoiceId : allocation.billId;
      let document: OpenDocument;
      try {
        document = (await client.get(resource, targetId, call)).entity as OpenDocument;
      } catch (error) {
        if (isMissing(error)) {
          issues.push({
            path: `${path}.${'invoiceId' in allocation ? 'invoiceId' : 'billId'}`,
            code: 'unknown_reference',
          });
          return;
        }
        throw error;
      }
      if (document.contactId !== contactId) issues.push({ path, code: 'belongs_to_another_contact' });
      if (document.currency !== intent.currency) issues.push({ path, code: 'currency_mismatch' });
      if (document.status === 'void') issues.push({ path, code: 'document_void' });
      if (compare(allocation.amount, document.balance) > 0)
        issues.push({ path: `${path}.amount`, code: 'exceeds_open_balance' });
    }),
  );
}

async function checkVoid(
  client: ProviderClient,
  intent: LedgerIntent,
  call: CallOptions,
  issues: ValidationIssue[],
) {
  if (intent.intent !== 'void_invoice') return;
  try {
    const invoice = (await client.get('invoices', intent.invoiceId, call)).entity;
    if (invoice.status === 'void') issues.push({ path: 'invoiceId', code: 'already_void' });
  } catch (error) {
    if (!isMissing(error)) throw error;
    issues.push({ path: 'invoiceId', code: 'unknown_reference' });
  }
}

/**
 * Live checks before a write: every referenced customer, vendor, account, item and document exists now,
 * and payment allocations fit the documents' open balances. A hallucinated id is refused here, before any
 * write is attempted. Distinct references are read once each.
 */
export async function checkReferences(
  client: ProviderClient,
  intent: LedgerIntent,
  call: CallOptions,
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, Promise<boolean>>();
  const references = referencesOf(intent);
  const results = await Promise.all(
    references.map((reference) => {
      const key = `${reference.resource}:${reference.id}`;
      let pending = seen.get(key);
      if (!pending) {
        pending = exists(client, reference, call);
        seen.set(key, pending);
      }
      return pending;
    }),
  );
  references.forEach((reference, index) => {
    if (!results[index]) issues.push({ path: reference.path, code: 'unknown_reference' });
  });
  await checkAllocations(client, intent, call, issues);
  await checkVoid(client, intent, call, issues);
  return issues;
}
