import type { AttachFileIntent } from '../intents/attach-file.js';
import type { LedgerIntent } from '../intents/index.js';
import type { WritableResourceName } from '../schema/drafts.js';

/**
 * What an intent becomes once validated: one provider-level write on one resource. Commands are
 * deterministic functions of the intent, so the same intent always yields the same command (and key).
 */
export type Command =
  | {
      readonly action: 'create';
      readonly resource: WritableResourceName;
      readonly draft: Record<string, unknown>;
    }
  | {
      readonly action: 'update';
      readonly resource: WritableResourceName;
      readonly id: string;
      readonly changes: Record<string, unknown>;
    }
  | { readonly action: 'void'; readonly resource: WritableResourceName; readonly id: string };

/** Copies an object without its null and undefined values (strict intents use null for "absent"). */
function present<T extends Record<string, unknown>>(value: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined),
  );
}

function documentLines(lines: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return lines.map((line) => present(line));
}

function address(value: Record<string, unknown> | null): Record<string, unknown> | undefined {
  if (value === null) return undefined;
  const kept = present(value);
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function attachmentDraft(intent: AttachFileIntent): Record<string, unknown> {
  return present({
    fileName: intent.fileName,
    contentType: intent.contentType,
    bytes: new Uint8Array(Buffer.from(intent.contentBase64, 'base64')),
    entityType: intent.entityType,
    entityId: intent.entityId,
    note: intent.note,
  });
}

/** Turns a validated intent into the provider-level command the adapter runs. */
export function toCommand(intent: LedgerIntent): Command {
  switch (intent.intent) {
    case 'create_invoice':
      return {
        action: 'create',
        resource: 'invoices',
        draft: present({
          contactId: intent.customerId,
          number: intent.invoiceNumber,
          issueDate: intent.issueDate,
          dueDate: intent.dueDate,
          currency: intent.currency,
          lines: documentLines(intent.lines),
          memo: intent.memo,
          customerMemo: intent.customerMemo,
        }),
      };
    case 'create_bill':
      return {
        action: 'create',
        resource: 'bills',
        draft: present({
          contactId: intent.vendorId,
          number: intent.billNumber,
          issueDate: intent.issueDate,
          dueDate: intent.dueDate,
          currency: intent.currency,
          lines: documentLines(intent.lines),
          memo: intent.memo,
        }),
      };
    case 'create_credit_note':
      return {
        action: 'create',
        resource: 'creditNotes',
        draft: present({
          contactId: intent.customerId,
          issueDate: intent.date,
          currency: intent.currency,
          lines: documentLines(intent.lines),
          memo: intent.memo,
        }),
      };
    case 'record_payment':
      return {
        action: 'create',
        resource: 'payments',
        draft: present({
          contactId: intent.customerId,
          date: intent.date,
          currency: intent.currency,
          amount: intent.amount,
          accountId: intent.depositAccountId,
          reference: intent.reference,
          memo: intent.memo,
          allocations: intent.allocations.map((allocation) => ({
            targetType: 'invoice',
            targetId: allocation.invoiceId,
            amount: allocation.amount,
          })),
        }),
      };
    case 'record_bill_payment':
      return {
        action: 'create',
        resource: 'billPayments',
        draft: present({
          contactId: intent.vendorId,
          date: intent.date,
          currency: intent.currency,
          amount: intent.amount,
          accountId: intent.bankAccountId,
          reference: intent.reference,
          memo: intent.memo,
          allocations: intent.allocations.map((allocation) => ({
            targetType: 'bill',
            targetId: allocation.billId,
            amount: allocation.amount,
          })),
        }),
      };
    case 'create_contact':
      return {
        action: 'create',
        resource: intent.role === 'customer' ? 'customers' : 'vendors',
        draft: present({
          displayName: intent.displayName,
          givenName: intent.givenName,
          familyName: intent.familyName,
          companyName: intent.companyName,
          email: intent.email,
          phone: intent.phone,
          billingAddress: address(intent.address),
          notes: intent.notes,
          currency: intent.currency,
        }),
      };
    case 'update_contact':
      return {
        action: 'update',
        resource: intent.role === 'customer' ? 'customers' : 'vendors',
        id: intent.contactId,
        changes: present({
          displayName: intent.displayName,
          email: intent.email,
          phone: intent.phone,
          billingAddress: address(intent.address),
          notes: intent.notes,
          active: intent.active,
        }),
      };
    case 'create_expense':
      return {
        action: 'create',
        resource: 'expenses',
        draft: present({
          date: intent.date,
          contactId: intent.vendorId,
          paymentAccountId: intent.paymentAccountId,
          paymentMethod: intent.paymentMethod,
          currency: intent.currency,
          lines: documentLines(intent.lines),
          reference: intent.reference,
          memo: intent.memo,
        }),
      };
    case 'post_journal_entry':
      return {
        action: 'create',
        resource: 'journalEntries',
        draft: present({
          date: intent.date,
          currency: intent.currency,
          number: intent.entryNumber,
          memo: intent.memo,
          lines: documentLines(intent.lines),
        }),
      };
    case 'void_invoice':
      return { action: 'void', resource: 'invoices', id: intent.invoiceId };
    case 'attach_file':
      return { action: 'create', resource: 'attachments', draft: attachmentDraft(intent) };
  }
}
