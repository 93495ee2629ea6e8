import { equals, sum } from '../schema/money.js';
import type { Command } from './commands.js';

/** How the provider's stored record compares with what was asked. Paths only, never values. */
export interface Verification {
  readonly ok: boolean;
  readonly mismatches: readonly string[];
}

interface Comparable {
  contactId?: unknown;
  currency?: unknown;
  lines?: { amount?: unknown }[];
  allocations?: { amount?: unknown }[];
  total?: unknown;
  amount?: unknown;
}

function amountsEqual(left: unknown, right: unknown): boolean {
  return typeof left === 'string' && typeof right === 'string' && equals(left, right);
}

/**
 * Compares the entity a provider returned with the command that created it: contact, currency, line
 * count, each line amount, and the total. A provider that recomputed tax, dropped a line or rounded
 * differently shows up here at once.
 */
export function verifyWrite(command: Command, entity: unknown): Verification {
  if (command.action !== 'create' || entity === undefined || entity === null)
    return { ok: true, mismatches: [] };
  const sent = command.draft as Comparable;
  const stored = entity as Comparable;
  const mismatches: string[] = [];
  if (sent.contactId !== undefined && sent.contactId !== stored.contactId) mismatches.push('contactId');
  if (sent.currency !== undefined && sent.currency !== stored.currency) mismatches.push('currency');
  for (const field of ['lines', 'allocations'] as const) {
    const sentItems = sent[field];
    if (!Array.isArray(sentItems)) continue;
    const storedItems = stored[field] ?? [];
    if (storedItems.length !== sentItems.length) {
      mismatches.push(`${field}.length`);
      continue;
    }
    sentItems.forEach((item, index) => {
      if (!amountsEqual(item.amount, storedItems[index]?.amount)) mismatches.push(`${field}.${index}.amount`);
    });
  }
  if (Array.isArray(sent.lines) && stored.total !== undefined) {
    const expected = sum(sent.lines.map((line) => String(line.amount)));
    if (!amountsEqual(expected, stored.total) && command.resource !== 'journalEntries')
      mismatches.push('total');
  }
  if (sent.amount !== undefined && !amountsEqual(sent.amount, stored.amount)) mismatches.push('amount');
  return { ok: mismatches.length === 0, mismatches };
}
