import { z } from 'zod';
import { recordId } from '../../intents/fields.js';
import { subtract } from '../../schema/money.js';
import { defineReadTool } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import type { ToolEnvironment } from '../toolkit-options.js';
import { readAnnotations } from './read-catalogue.js';

/**
 * `get_invoice_balance`: what is still owed on one invoice, and how much of it is settled, in exact
 * decimal arithmetic. Carries no PHI, so no field is ever withheld.
 *
 * Result: `{ ok: true, invoiceId, number, status, currency, total, balance, settled, issueDate, dueDate }`.
 */
export function getInvoiceBalanceTool(environment: ToolEnvironment): LedgerTool {
  const inputSchema = z.strictObject({ invoiceId: recordId('Invoice to check.') });
  return defineReadTool(environment, {
    name: 'get_invoice_balance',
    description:
      'The open balance of one invoice as the ledger reports it now: total, balance still owed, amount settled by payments and credits, status and due date. Use it before applying a payment: an allocation may not exceed the balance.',
    inputSchema,
    annotations: readAnnotations('Open balance of an invoice'),
    async run(input, call) {
      const invoice = await environment.connection.invoices.get(input.invoiceId, call.read);
      return {
        ok: true,
        invoiceId: invoice.id,
        number: invoice.number ?? null,
        status: invoice.status,
        currency: invoice.currency,
        total: invoice.total,
        balance: invoice.balance,
        settled: subtract(invoice.total, invoice.balance),
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate ?? null,
      };
    },
  });
}
