/**
 * Manual journals: signed line amounts (debits positive) that must sum to zero, accounts by code or id,
 * DRAFT or POSTED; drafts are deleted, posted journals voided.
 */
import { findAccount } from './accounts.js';
import { decimalOf, isZero, round, sum } from './decimal.js';
import { Problems } from './errors.js';
import {
  isObject,
  type OrganisationState,
  recordWriters,
  textOf,
  type WriteContext,
  type XeroRecord,
} from './state.js';
import { msDate, msDateTime, requestDate, today } from './time.js';

const TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  DRAFT: ['DRAFT', 'POSTED', 'DELETED'],
  POSTED: ['POSTED', 'VOIDED'],
  VOIDED: [],
  DELETED: [],
};

function build(
  state: OrganisationState,
  existing: XeroRecord | undefined,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const problems = new Problems();
  const from = existing ? String(existing.Status) : undefined;
  const status = String(input.Status ?? from ?? 'DRAFT');
  if (!from && status !== 'DRAFT' && status !== 'POSTED')
    problems.add(`Status '${status}' is not valid for a new manual journal.`);
  if (from && !(TRANSITIONS[from] ?? []).includes(status)) {
    problems.add(
      from === 'POSTED' && status === 'DELETED'
        ? 'A posted manual journal cannot be deleted; void it instead.'
        : 'Manual journal not of valid status for modification.',
    );
  }
  const narration =
    input.Narration !== undefined ? textOf(input.Narration) : (existing?.Narration as string | undefined);
  if (!narration) problems.add('Narration must be specified.');
  const date =
    input.Date !== undefined
      ? requestDate(input.Date)
      : existing
        ? requestDate(existing.Date)
        : today(context.now);
  if (date === undefined) problems.add(`The date ${String(input.Date)} is not a valid date.`);

  const sentLines = input.JournalLines ?? existing?.JournalLines ?? [];
  const lines: XeroRecord[] = [];
  const amounts: string[] = [];
  if (!Array.isArray(sentLines)) problems.add('JournalLines must be an array.');
  else {
    sentLines.forEach((line, index) => {
      if (!isObject(line)) {
        problems.addLine('JournalLines', index, 'A journal line must be an object.');
        return;
      }
      const amount = decimalOf(line.LineAmount);
      if (amount === undefined) problems.addLine('JournalLines', index, 'LineAmount must be specified.');
      const account =
        line.AccountID !== undefined
          ? findAccount(state, { AccountID: line.AccountID })
          : line.AccountCode !== undefined
            ? findAccount(state, String(line.AccountCode))
            : undefined;
      if (line.AccountID === undefined && line.AccountCode === undefined)
        problems.addLine('JournalLines', index, 'Account code must be specified.');
      else if (account?.Status !== 'ACTIVE') {
        problems.addLine(
          'JournalLines',
          index,
          `Account code '${String(line.AccountCode ?? line.AccountID)}' is not a valid code.`,
        );
      }
      const rounded = round(amount ?? '0', 2);
      amounts.push(rounded);
      lines.push({
        ...(textOf(line.Description) !== undefined ? { Description: textOf(line.Description) } : {}),
        TaxType: textOf(line.TaxType) ?? 'NONE',
        TaxAmount: 0,
        LineAmount: Number(rounded),
        ...(account ? { AccountCode: account.Code, AccountID: account.AccountID } : {}),
        Tracking: [],
        IsBlank: false,
      });
    });
  }
  if (status === 'POSTED' && lines.length < 2)
    problems.add('A posted manual journal needs at least two lines.');
  const total = sum(amounts.concat('0'));
  if (!isZero(total)) {
    const debits = sum(amounts.filter((amount) => !amount.startsWith('-')).concat('0'));
    const credits = sum(
      amounts
        .filter((amount) => amount.startsWith('-'))
        .map((amount) => amount.slice(1))
        .concat('0'),
    );
    problems.add(`The total debits (${debits}) must equal total credits (${credits}).`);
  }
  problems.check();
  return {
    Date: msDate(date ?? today(context.now)),
    Status: status,
    LineAmountTypes: String(input.LineAmountTypes ?? existing?.LineAmountTypes ?? 'NoTax'),
    UpdatedDateUTC: msDateTime(context.now),
    ManualJournalID: existing?.ManualJournalID ?? state.ids.next(),
    Narration: narration,
    JournalLines: lines,
    ShowOnCashBasisReports: input.ShowOnCashBasisReports ?? existing?.ShowOnCashBasisReports ?? true,
    HasAttachments: existing?.HasAttachments ?? false,
  };
}

export const { create: createJournal, update: updateJournal } = recordWriters('ManualJournal', build);
