/**
 * One-line, human-readable renderings of tool calls and results, for the demo's progress output. The
 * simulator's data is synthetic; a real host would not print patient data to a console.
 */
import { money } from 'ledgerbridge';

type Fields = Record<string, unknown>;

const asFields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null ? (value as Fields) : {};
const list = (value: unknown): Fields[] => (Array.isArray(value) ? value.map(asFields) : []);

/** `tool(key arguments)`. */
export function describeCall(tool: string, input: unknown): string {
  const fields = asFields(input);
  switch (tool) {
    case 'record_payment': {
      const [allocation] = list(fields.allocations);
      return `${tool}(${fields.amount} ${fields.currency} → invoice ${allocation?.invoiceId})`;
    }
    case 'create_invoice':
      return `${tool}(customer ${fields.customerId}, ${list(fields.lines).length} line, ${money.sum(list(fields.lines).map((line) => String(line.amount)))} ${fields.currency})`;
    case 'post_journal_entry': {
      const lines = list(fields.lines);
      const side = (name: string) =>
        money.sum(lines.filter((line) => line.side === name).map((line) => String(line.amount)));
      return `${tool}(debits ${side('debit')}, credits ${side('credit')})`;
    }
    default: {
      const set = Object.entries(fields).filter(([, value]) => value !== null);
      return `${tool}(${set.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')})`;
    }
  }
}

function describeFailure(output: Fields): string[] {
  const error = asFields(output.error);
  const issues = list(error.issues).map((issue) => `${issue.path} ${issue.code}`);
  return [
    `${error.code}${issues.length > 0 ? ` (${issues.join(', ')})` : ''}${error.reason ? ` (${error.reason})` : ''}${error.retryAt ? `, retryAt ${error.retryAt}` : ''}`,
    `"${error.message}"`,
  ];
}

/** What came back, in a line or a few. */
export function describeResult(tool: string, output: unknown): string[] {
  const fields = asFields(output);
  if (fields.ok !== true) return describeFailure(fields);
  const record = asFields(fields.record);
  switch (tool) {
    case 'get_company':
      return [
        `${record.name}, ${record.country}, fiscal year starts in month ${record.fiscalYearStartMonth}`,
      ];
    case 'list_invoices': {
      const items = list(fields.items);
      return [
        ...items.map(
          (item) => `#${item.number}  issued ${item.issueDate}  balance ${item.balance} ${item.currency}`,
        ),
        `${items.length} open, ${money.sum(items.map((item) => String(item.balance)))} USD in total`,
      ];
    }
    case 'find_contact': {
      const withheld = Array.isArray(fields.withheldFields) ? fields.withheldFields.map(String) : [];
      const top = [...new Set(withheld.map((path) => path.split('.')[0]))].join(', ');
      return list(fields.matches).map(
        (match) =>
          `${match.role} ${match.id}: ${match.displayName}, balance ${match.balance} ${match.currency} (withheld by policy: ${top})`,
      );
    }
    case 'list_items':
      return list(fields.items).map((item) => `item ${item.id}: ${item.name}, unit price ${item.unitPrice}`);
    case 'get_invoice_balance':
      return [
        `invoice ${fields.invoiceId}: balance ${fields.balance} of ${fields.total} (${fields.settled} settled), ${fields.status}`,
      ];
    case 'get_customer':
      return [
        `customer ${record.id}: ${record.displayName}, balance now ${record.balance} ${record.currency}`,
      ];
    case 'create_invoice':
    case 'record_payment': {
      const verification = asFields(fields.verification);
      return [
        `${fields.status} ${tool === 'create_invoice' ? 'invoice' : 'payment'} ${fields.entityId} after ${fields.attempts} attempt${fields.attempts === 1 ? '' : 's'}, verified ${verification.ok === true ? 'yes' : 'no'}, key ${String(fields.idempotencyKey).slice(0, 10)}…`,
      ];
    }
    default:
      return [JSON.stringify(fields).slice(0, 160)];
  }
}
