/**
 * Document arithmetic: the totals QBO computes from lines (TotalAmt, the SubTotalLineDetail line, sales tax),
 * the balance a document opens with, and the checks on payments and journals. All sums are integer cents.
 */
import { applicationsOf, appliedTo, paymentLinks, SETTLEMENTS, type SettlementKind } from './balances.js';
import { percentOf, sumCents, toAmount, toCents } from './cents.js';
import type { QuickBooksEntityName, QuickBooksRecord } from './entities.js';
import { businessValidation, invalidProperty, requiredParamMissing } from './errors.js';
import { arrayAt, isObject, objectAt, refValue } from './json.js';
import type { CompanyTables } from './store.js';

type Line = Record<string, unknown>;

function linesOf(record: QuickBooksRecord): Line[] {
  return arrayAt(record, 'Line').filter(isObject);
}

/** Reads a line's amount as cents and rewrites it at cent precision. */
function lineCents(line: Line): bigint {
  const cents = toCents(line.Amount ?? 0);
  if (cents === undefined) throw invalidProperty('Line.Amount');
  line.Amount = toAmount(cents);
  return cents;
}

/** Keeps the ids a caller sent (QBO matches lines on update by Id) and numbers new lines after them. */
function numberLines(lines: Line[]): void {
  let next = 1 + Math.max(0, ...lines.map((line) => Number(line.Id)).filter(Number.isSafeInteger));
  lines.forEach((line, index) => {
    if (typeof line.Id !== 'string') {
      line.Id = String(next);
      next += 1;
    }
    line.LineNum = index + 1;
  });
}

function sumLines(lines: readonly Line[], detailTypes: readonly string[]): bigint {
  return sumCents(lines.filter((line) => detailTypes.includes(String(line.DetailType))).map(lineCents));
}

function isTaxable(line: Line): boolean {
  return refValue(objectAt(line, 'SalesItemLineDetail') ?? {}, 'TaxCodeRef') === 'TAX';
}

/** The rate (percent) of the first sales tax rate behind a tax code, if the code has one. */
function salesTaxRate(
  tables: CompanyTables,
  taxCodeId: string,
): { rateId: string; percent: number } | undefined {
  const taxCode = tables.get('TaxCode', taxCodeId);
  const details = arrayAt(objectAt(taxCode ?? {}, 'SalesTaxRateList') ?? {}, 'TaxRateDetail');
  const first = details.find(isObject);
  const rateId = first === undefined ? undefined : refValue(first, 'TaxRateRef');
  const percent = rateId === undefined ? undefined : tables.get('TaxRate', rateId)?.RateValue;
  return rateId !== undefined && typeof percent === 'number' ? { rateId, percent } : undefined;
}

/**
 * Sales tax as QBO US computes it: lines coded `TAX` are taxable, and the transaction's TxnTaxCodeRef names
 * the rate. Without a TxnTaxCodeRef the document carries no tax.
 */
function computeSalesTax(tables: CompanyTables, record: QuickBooksRecord, taxableCents: bigint): bigint {
  const taxCodeRef = objectAt(record, 'TxnTaxDetail')?.TxnTaxCodeRef;
  const taxCodeId =
    isObject(taxCodeRef) && typeof taxCodeRef.value === 'string' ? taxCodeRef.value : undefined;
  const rate = taxCodeId === undefined ? undefined : salesTaxRate(tables, taxCodeId);
  if (rate === undefined) {
    record.TxnTaxDetail = { TotalTax: 0 };
    return 0n;
  }
  const tax = percentOf(taxableCents, rate.percent);
  record.TxnTaxDetail = {
    TxnTaxCodeRef: taxCodeRef,
    TotalTax: toAmount(tax),
    TaxLine: [
      {
        Amount: toAmount(tax),
        DetailType: 'TaxLineDetail',
        TaxLineDetail: {
          TaxRateRef: { value: rate.rateId },
          PercentBased: true,
          TaxPercent: rate.percent,
          NetAmountTaxable: toAmount(taxableCents),
        },
      },
    ],
  };
  return tax;
}

const SALES_DETAILS = ['SalesItemLineDetail', 'GroupLineDetail'];

/** Invoice and credit memo: item lines, discounts, tax, and the SubTotalLineDetail line QBO appends. */
function computeSales(tables: CompanyTables, record: QuickBooksRecord): bigint {
  // QBO regenerates the subtotal line, so one sent back from an earlier read is dropped, not doubled.
  const lines = linesOf(record).filter((line) => line.DetailType !== 'SubTotalLineDetail');
  numberLines(lines);
  const itemLines = lines.filter((line) => SALES_DETAILS.includes(String(line.DetailType)));
  const subtotal = sumCents(itemLines.map(lineCents));
  const discount = sumLines(lines, ['DiscountLineDetail']);
  const tax = computeSalesTax(tables, record, sumCents(itemLines.filter(isTaxable).map(lineCents)));
  record.Line = [
    ...lines,
    { Amount: toAmount(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
  ];
  return subtotal - discount + tax;
}

const EXPENSE_DETAILS = ['AccountBasedExpenseLineDetail', 'ItemBasedExpenseLineDetail'];

function computeExpense(record: QuickBooksRecord): bigint {
  const lines = linesOf(record);
  numberLines(lines);
  record.Line = lines;
  return sumLines(lines, EXPENSE_DETAILS);
}

/** Journal entries must balance; QBO reports TotalAmt as the debit side. */
function computeJournal(record: QuickBooksRecord): bigint {
  const lines = linesOf(record);
  numberLines(lines);
  record.Line = lines;
  let debits = 0n;
  let credits = 0n;
  for (const line of lines) {
    const posting = objectAt(line, 'JournalEntryLineDetail')?.PostingType;
    if (posting === 'Debit') debits += lineCents(line);
    else if (posting === 'Credit') credits += lineCents(line);
    else throw requiredParamMissing('JournalEntryLineDetail.PostingType');
  }
  if (debits !== credits) {
    throw businessValidation('Transaction is not balanced: the total debits must equal the total credits.');
  }
  return debits;
}

/** A new or rewritten document opens with its total less whatever payments already apply to it. */
function openDocument(
  tables: CompanyTables,
  kind: SettlementKind,
  record: QuickBooksRecord,
  total: bigint,
  selfId: string | undefined,
): void {
  const applied = selfId === undefined ? 0n : appliedTo(tables, kind, selfId);
  if (applied > total) {
    throw businessValidation('The transaction total is less than the payments already applied to it.');
  }
  record.Balance = toAmount(total - applied);
  record.LinkedTxn = selfId === undefined ? [] : paymentLinks(tables, kind, selfId);
}

/**
 * Payment and bill payment: each line may settle at most the open balance of the document it links, the
 * lines may not exceed the payment, and what is left over is UnappliedAmt (payments only).
 */
function computePayment(
  tables: CompanyTables,
  kind: SettlementKind,
  record: QuickBooksRecord,
  selfId: string | undefined,
): bigint {
  const settlement = SETTLEMENTS[kind];
  const total = toCents(record.TotalAmt);
  if (total === undefined || total < 0n) throw invalidProperty('TotalAmt');
  record.TotalAmt = toAmount(total);
  for (const line of linesOf(record)) {
    if (lineCents(line) < 0n) throw invalidProperty('Line.Amount');
  }
  const pending = new Map<string, bigint>();
  for (const { documentId, cents } of applicationsOf(kind, record)) {
    const document = tables.get(settlement.document, documentId);
    if (document === undefined) continue;
    if (refValue(document, settlement.partyRef) !== refValue(record, settlement.partyRef)) {
      throw businessValidation(
        `The linked ${settlement.document} belongs to a different ${settlement.party}.`,
      );
    }
    const already = (pending.get(documentId) ?? 0n) + appliedTo(tables, kind, documentId, selfId);
    if (cents > (toCents(document.TotalAmt) ?? 0n) - already) {
      throw businessValidation(
        `A payment line exceeds the open balance of the ${settlement.document} it is linked to.`,
      );
    }
    pending.set(documentId, (pending.get(documentId) ?? 0n) + cents);
  }
  const applied = sumCents(pending.values());
  if (applied > total) throw businessValidation('The amount applied is greater than the payment total.');
  return total - applied;
}

/**
 * Computes everything QBO derives on a write (mutates the caller's working copy). `selfId` is the record's
 * id on an update, so its own earlier payment applications are not counted twice.
 *
 * @throws {SimulatorFault} for amounts that are not numbers, unbalanced journals and over-applied payments.
 */
export function computeTotals(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  record: QuickBooksRecord,
  selfId: string | undefined,
): void {
  switch (entity) {
    case 'Invoice': {
      const total = computeSales(tables, record);
      record.TotalAmt = toAmount(total);
      openDocument(tables, 'receivable', record, total, selfId);
      return;
    }
    case 'CreditMemo': {
      const total = computeSales(tables, record);
      record.TotalAmt = toAmount(total);
      record.Balance = toAmount(total);
      record.RemainingCredit = toAmount(total);
      return;
    }
    case 'Bill': {
      const total = computeExpense(record);
      record.TotalAmt = toAmount(total);
      openDocument(tables, 'payable', record, total, selfId);
      return;
    }
    case 'Purchase':
      record.TotalAmt = toAmount(computeExpense(record));
      return;
    case 'JournalEntry':
      record.TotalAmt = toAmount(computeJournal(record));
      return;
    case 'Payment':
      record.UnappliedAmt = toAmount(computePayment(tables, 'receivable', record, selfId));
      return;
    case 'BillPayment':
      computePayment(tables, 'payable', record, selfId);
      return;
    default:
      return;
  }
}

/**
 * What QBO does to a voided document's numbers: every line amount and the total drop to zero and the memo
 * says "Voided". The record keeps its lines and references, so it still reads back. Recompute totals after.
 */
export function zeroAmounts(record: QuickBooksRecord): void {
  for (const line of linesOf(record)) line.Amount = 0;
  if (record.TotalAmt !== undefined) record.TotalAmt = 0;
  record.PrivateNote = 'Voided';
}
