import type { ValidationIssue } from '../http/errors.js';
import type { LedgerIntent } from '../intents/index.js';
import { currencyScale } from '../schema/currencies.js';
import { compareDates } from '../schema/dates.js';
import { compare, equals, isZero, multiply, parseDecimal, sum, toCurrencyScale } from '../schema/money.js';

/**
 * Accounting rules that need no I/O, in exact money: amounts fit the currency, line totals agree with
 * quantity × price, journals balance to the cent, allocations do not exceed the payment, dates are
 * ordered. Each problem is a path and a code; values are never echoed.
 */
export function checkAccountingRules(intent: LedgerIntent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // Contacts carry an optional currency of their own; intents that move money always name one.
  const currency = 'currency' in intent && intent.currency !== null ? intent.currency : undefined;
  const scale = currency === undefined ? 2 : currencyScale(currency);
  const fitsCurrency = (amount: string, path: string) => {
    if (parseDecimal(amount).scale > scale) issues.push({ path, code: 'too_many_decimals' });
  };
  const positive = (amount: string, path: string) => {
    if (isZero(amount)) issues.push({ path, code: 'not_positive' });
  };

  switch (intent.intent) {
    case 'create_invoice':
    case 'create_bill':
    case 'create_credit_note': {
      intent.lines.forEach((line, index) => {
        const path = `lines.${index}`;
        fitsCurrency(line.amount, `${path}.amount`);
        if (line.quantity !== null && line.unitPrice !== null) {
          const extended = toCurrencyScale(multiply(line.quantity, line.unitPrice), intent.currency);
          if (!equals(extended, line.amount))
            issues.push({ path: `${path}.amount`, code: 'quantity_times_price_mismatch' });
        }
        if (intent.intent === 'create_bill' && line.itemId === null && line.accountId === null) {
          issues.push({ path, code: 'account_or_item_required' });
        }
      });
      if (isZero(sum(intent.lines.map((line) => line.amount))))
        issues.push({ path: 'lines', code: 'total_not_positive' });
      const issued = intent.intent === 'create_credit_note' ? intent.date : intent.issueDate;
      const due = intent.intent === 'create_credit_note' ? null : intent.dueDate;
      if (due !== null && compareDates(due, issued) < 0)
        issues.push({ path: 'dueDate', code: 'before_issue_date' });
      break;
    }
    case 'record_payment':
    case 'record_bill_payment': {
      fitsCurrency(intent.amount, 'amount');
      positive(intent.amount, 'amount');
      const targets = new Set<string>();
      intent.allocations.forEach((allocation, index) => {
        fitsCurrency(allocation.amount, `allocations.${index}.amount`);
        positive(allocation.amount, `allocations.${index}.amount`);
        const target = 'invoiceId' in allocation ? allocation.invoiceId : allocation.billId;
        if (targets.has(target)) issues.push({ path: `allocations.${index}`, code: 'duplicate_allocation' });
        targets.add(target);
      });
      const allocated = sum(intent.allocations.map((allocation) => allocation.amount));
      if (compare(allocated, intent.amount) > 0)
        issues.push({ path: 'allocations', code: 'allocations_exceed_amount' });
      break;
    }
    case 'post_journal_entry': {
      intent.lines.forEach((line, index) => {
        fitsCurrency(line.amount, `lines.${index}.amount`);
        positive(line.amount, `lines.${index}.amount`);
      });
      const debits = intent.lines.filter((line) => line.side === 'debit').map((line) => line.amount);
      const credits = intent.lines.filter((line) => line.side === 'credit').map((line) => line.amount);
      if (debits.length === 0 || credits.length === 0)
        issues.push({ path: 'lines', code: 'needs_debit_and_credit' });
      if (!equals(sum(debits), sum(credits))) issues.push({ path: 'lines', code: 'unbalanced' });
      break;
    }
    case 'create_expense': {
      intent.lines.forEach((line, index) => {
        fitsCurrency(line.amount, `lines.${index}.amount`);
        positive(line.amount, `lines.${index}.amount`);
      });
      break;
    }
    case 'attach_file': {
      // base64 of at most 10 MiB; the schema bounds the string, this bounds the decoded size exactly.
      if (Buffer.byteLength(intent.contentBase64, 'base64') > 10 * 1024 * 1024) {
        issues.push({ path: 'contentBase64', code: 'too_large' });
      }
      break;
    }
    case 'create_contact':
    case 'update_contact':
    case 'void_invoice':
      break;
  }
  return issues;
}

/** The amount an intent moves, for policy limits; undefined for intents that move no money. */
export function intentTotal(intent: LedgerIntent): string | undefined {
  switch (intent.intent) {
    case 'create_invoice':
    case 'create_bill':
    case 'create_credit_note':
    case 'create_expense':
      return sum(intent.lines.map((line) => line.amount));
    case 'record_payment':
    case 'record_bill_payment':
      return intent.amount;
    case 'post_journal_entry':
      return sum(intent.lines.filter((line) => line.side === 'debit').map((line) => line.amount));
    default:
      return undefined;
  }
}
