/**
 * Open balances. QBO derives them from the documents: an invoice's Balance is its total less the payment
 * lines applied to it, a customer's Balance the sum of its invoices' balances (bills, bill payments and
 * vendors likewise). The simulator recomputes the affected ones after every write instead of adjusting
 * them incrementally, so deleting or voiding a payment restores balances by construction.
 */
import { sumCents, toAmount, toCents } from './cents.js';
import type { QuickBooksRecord } from './entities.js';
import { arrayAt, isObject, refValue } from './json.js';
import type { CompanyTables } from './store.js';
import { metaDataTime } from './time.js';

/** The two payment relationships QBO keeps open balances for. */
export type SettlementKind = 'receivable' | 'payable';

interface Settlement {
  document: 'Invoice' | 'Bill';
  payment: 'Payment' | 'BillPayment';
  party: 'Customer' | 'Vendor';
  partyRef: 'CustomerRef' | 'VendorRef';
}

export const SETTLEMENTS: Readonly<Record<SettlementKind, Settlement>> = {
  receivable: { document: 'Invoice', payment: 'Payment', party: 'Customer', partyRef: 'CustomerRef' },
  payable: { document: 'Bill', payment: 'BillPayment', party: 'Vendor', partyRef: 'VendorRef' },
};

/** One payment line applied to one document. */
export interface Application {
  readonly documentId: string;
  readonly cents: bigint;
}

/**
 * The documents a payment settles. A line's amount applies to the first link of the document type; QBO
 * also lets one line mix, say, an invoice and a credit memo, which the simulator does not model.
 */
export function applicationsOf(kind: SettlementKind, payment: QuickBooksRecord): Application[] {
  const { document } = SETTLEMENTS[kind];
  const applications: Application[] = [];
  for (const line of arrayAt(payment, 'Line')) {
    if (!isObject(line)) continue;
    const link = arrayAt(line, 'LinkedTxn').find((item) => isObject(item) && item.TxnType === document);
    const cents = toCents(line.Amount);
    if (isObject(link) && typeof link.TxnId === 'string' && cents !== undefined) {
      applications.push({ documentId: link.TxnId, cents });
    }
  }
  return applications;
}

/** Cents applied to a document by every payment except `excludePaymentId` (the one being rewritten). */
export function appliedTo(
  tables: CompanyTables,
  kind: SettlementKind,
  documentId: string,
  excludePaymentId?: string,
): bigint {
  const payments = tables.all(SETTLEMENTS[kind].payment).filter((payment) => payment.Id !== excludePaymentId);
  return sumCents(
    payments.flatMap((payment) =>
      applicationsOf(kind, payment)
        .filter((application) => application.documentId === documentId)
        .map((application) => application.cents),
    ),
  );
}

/** Ids whose derived balances a write may have changed. */
export interface Touched {
  readonly documents: Record<SettlementKind, Set<string>>;
  readonly parties: Record<SettlementKind, Set<string>>;
}

export function emptyTouched(): Touched {
  return {
    documents: { receivable: new Set(), payable: new Set() },
    parties: { receivable: new Set(), payable: new Set() },
  };
}

/** Marks what a write to `entity` can move, from the record before and after (either may be absent). */
export function markTouched(touched: Touched, entity: string, ...records: (QuickBooksRecord | undefined)[]) {
  for (const kind of ['receivable', 'payable'] as const) {
    const settlement = SETTLEMENTS[kind];
    for (const record of records) {
      if (record === undefined) continue;
      if (entity === settlement.document) {
        touched.documents[kind].add(String(record.Id));
        const party = refValue(record, settlement.partyRef);
        if (party !== undefined) touched.parties[kind].add(party);
      } else if (entity === settlement.payment) {
        for (const application of applicationsOf(kind, record))
          touched.documents[kind].add(application.documentId);
      } else if (entity === settlement.party) {
        touched.parties[kind].add(String(record.Id));
      }
    }
  }
}

/** QBO bumps SyncToken and LastUpdatedTime whenever the server itself changes a record. */
export function bumpVersion(record: QuickBooksRecord, now: number): void {
  record.SyncToken = String(Number(record.SyncToken ?? '0') + 1);
  const metaData = isObject(record.MetaData) ? record.MetaData : {};
  record.MetaData = { ...metaData, LastUpdatedTime: metaDataTime(now) };
}

/** The `LinkedTxn` QBO shows on a document: one entry per payment still applying money to it. */
export function paymentLinks(
  tables: CompanyTables,
  kind: SettlementKind,
  documentId: string,
): QuickBooksRecord[] {
  const { payment } = SETTLEMENTS[kind];
  return tables
    .all(payment)
    .filter((record) =>
      applicationsOf(kind, record).some((item) => item.documentId === documentId && item.cents !== 0n),
    )
    .map((record) => ({ TxnId: record.Id, TxnType: payment }));
}

function settleDocument(
  tables: CompanyTables,
  kind: SettlementKind,
  id: string,
  now: number,
): string | undefined {
  const settlement = SETTLEMENTS[kind];
  const document = tables.get(settlement.document, id);
  if (document === undefined) return undefined;
  const balance = toAmount((toCents(document.TotalAmt) ?? 0n) - appliedTo(tables, kind, id));
  const links = paymentLinks(tables, kind, id);
  const changed =
    document.Balance !== balance || JSON.stringify(document.LinkedTxn ?? []) !== JSON.stringify(links);
  if (changed) {
    document.Balance = balance;
    document.LinkedTxn = links;
    bumpVersion(document, now);
  }
  return refValue(document, settlement.partyRef);
}

/**
 * A party's balance is re-summed over all its documents after every write, which made bulk inserts
 * quadratic in decimal parsing. Each document's Balance is parsed once per value instead; the WeakMap holds
 * nothing once a record leaves the store.
 */
const balanceCents = new WeakMap<QuickBooksRecord, { readonly amount: unknown; readonly cents: bigint }>();

function documentBalance(document: QuickBooksRecord): bigint {
  const cached = balanceCents.get(document);
  if (cached !== undefined && cached.amount === document.Balance) return cached.cents;
  const cents = toCents(document.Balance) ?? 0n;
  balanceCents.set(document, { amount: document.Balance, cents });
  return cents;
}

function settleParty(tables: CompanyTables, kind: SettlementKind, id: string): void {
  const settlement = SETTLEMENTS[kind];
  const party = tables.get(settlement.party, id);
  if (party === undefined) return;
  const open = tables
    .all(settlement.document)
    .filter((document) => refValue(document, settlement.partyRef) === id)
    .map(documentBalance);
  // A customer's or vendor's balance is derived, so changing it does not bump its SyncToken.
  party.Balance = toAmount(sumCents(open));
  if (kind === 'receivable') party.BalanceWithJobs = party.Balance;
}

/** Recomputes the balances of everything in `touched`, documents first because parties sum them. */
export function settleBalances(tables: CompanyTables, touched: Touched, now: number): void {
  for (const kind of ['receivable', 'payable'] as const) {
    for (const id of touched.documents[kind]) {
      const party = settleDocument(tables, kind, id, now);
      if (party !== undefined) touched.parties[kind].add(party);
    }
    for (const id of touched.parties[kind]) settleParty(tables, kind, id);
  }
}

/**
 * Removes every payment line applied to a document that is being voided or deleted, leaving that money
 * unapplied on the payment, as QBO does. Returns the payments it changed.
 */
export function detachPayments(
  tables: CompanyTables,
  kind: SettlementKind,
  documentId: string,
  now: number,
): QuickBooksRecord[] {
  const changed: QuickBooksRecord[] = [];
  for (const payment of tables.all(SETTLEMENTS[kind].payment)) {
    const lines = arrayAt(payment, 'Line');
    const kept = lines.filter(
      (line) => !(isObject(line) && applicationsOf(kind, { Line: [line] })[0]?.documentId === documentId),
    );
    if (kept.length === lines.length) continue;
    payment.Line = kept;
    if (kind === 'receivable') {
      const applied = sumCents(applicationsOf(kind, payment).map((application) => application.cents));
      payment.UnappliedAmt = toAmount((toCents(payment.TotalAmt) ?? 0n) - applied);
    }
    bumpVersion(payment, now);
    changed.push(payment);
  }
  return changed;
}
