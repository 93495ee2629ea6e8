import { z } from 'zod';
import type { Connection } from '../../connection/connection.js';
import type { CallOptions } from '../../engine/provider-client.js';
import { UnsupportedOperationError } from '../../http/errors.js';
import type { Contact } from '../../schema/entities/contact.js';
import { defineReadTool } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import type { ToolEnvironment } from '../toolkit-options.js';
import { readAnnotations, WITHHELD_NOTE } from './read-catalogue.js';

/** The contact resources `find_contact` may search, by role. */
export type ContactRole = 'customer' | 'vendor';

const RESOURCE_OF = { customer: 'customers', vendor: 'vendors' } as const;

/** Pages of a provider's contact list scanned when it cannot filter by name (1,000 contacts each). */
const SCAN_PAGES = 5;
const SCAN_PAGE_SIZE = 1000;

/** One role's matches: whether more matched than were returned, and whether every contact was looked at. */
interface RoleMatches {
  readonly contacts: readonly Contact[];
  readonly truncated: boolean;
  readonly complete: boolean;
}

/**
 * Matches by the provider's own name filter where it has one (QuickBooks queries travel in a POST body).
 * Where it has none (Xero's filters travel in the URL, so the adapter refuses to put a name there), the
 * contact list is read page by page and filtered here, in memory, up to {@link SCAN_PAGES} pages.
 */
async function matchesFor(
  connection: Connection,
  resource: 'customers' | 'vendors',
  namePrefix: string,
  limit: number,
  read: CallOptions,
): Promise<RoleMatches> {
  try {
    const page = await connection[resource].listPage({
      nameStartsWith: namePrefix,
      pageSize: limit,
      ...read,
    });
    return { contacts: page.items, truncated: page.nextCursor !== undefined, complete: true };
  } catch (error) {
    if (!(error instanceof UnsupportedOperationError)) throw error;
  }
  const wanted = namePrefix.normalize('NFC').toLocaleLowerCase();
  const found: Contact[] = [];
  let cursor: string | undefined;
  for (let scanned = 0; scanned < SCAN_PAGES; scanned += 1) {
    const page = await connection[resource].listPage({ pageSize: SCAN_PAGE_SIZE, cursor, ...read });
    for (const contact of page.items) {
      if (!contact.displayName.normalize('NFC').toLocaleLowerCase().startsWith(wanted)) continue;
      if (found.length === limit) return { contacts: found, truncated: true, complete: true };
      found.push(contact);
    }
    cursor = page.nextCursor;
    if (cursor === undefined) return { contacts: found, truncated: false, complete: true };
  }
  // Contacts beyond the scanned pages were not looked at: a miss here proves nothing.
  return { contacts: found, truncated: false, complete: false };
}

/**
 * `find_contact`: customers or vendors whose display name starts with some text, for turning a name the
 * user said into the id a write needs. Only the roles whose resource the toolkit allows are offered.
 *
 * Result: `{ ok: true, matches: [{ role, ...contact }], truncated, searchComplete, withheldFields }`:
 * `truncated` means more contacts match than were returned; `searchComplete: false` means part of the list
 * was not searched (a provider without a name filter, past the scan limit), so no match is not proof of
 * absence.
 */
export function findContactTool(environment: ToolEnvironment, roles: readonly ContactRole[]): LedgerTool {
  const [first, ...rest] = roles;
  if (first === undefined) throw new TypeError('find_contact needs at least one contact role');
  const inputSchema = z.strictObject({
    namePrefix: z
      .string()
      .min(1)
      .max(100)
      .describe('The start of the display name, as the user wrote it, for example "Test Patient B".'),
    role: z
      .enum([first, ...rest])
      .describe(
        roles.length > 1
          ? 'customer: patients and payers the practice bills; vendor: suppliers it pays; null for both.'
          : `Only ${first} records can be searched; pass "${first}" or null.`,
      )
      .nullable(),
    limit: z
      .int()
      .min(1)
      .max(25)
      .describe('Most matches to return per role, 1 to 25, or null for 10.')
      .nullable(),
  });
  return defineReadTool(environment, {
    name: 'find_contact',
    description: `Find ${roles.length > 1 ? 'customers (patients, payers) or vendors' : `${first} records`} whose display name starts with the given text, to get the id a write needs. If searchComplete is false, part of the list was not searched: no match then does not mean the contact does not exist. ${WITHHELD_NOTE}`,
    inputSchema,
    annotations: readAnnotations('Find a contact by name'),
    async run(input, call) {
      const searched = input.role === null ? roles : [input.role];
      const matches: Record<string, unknown>[] = [];
      let truncated = false;
      let searchComplete = true;
      for (const role of searched) {
        const resource = RESOURCE_OF[role];
        const found = await matchesFor(
          environment.connection,
          resource,
          input.namePrefix,
          input.limit ?? 10,
          call.read,
        );
        truncated ||= found.truncated;
        searchComplete &&= found.complete;
        for (const contact of found.contacts) {
          matches.push({ role, ...environment.projection.project(resource, contact) });
        }
      }
      return {
        ok: true,
        matches,
        truncated,
        searchComplete,
        withheldFields: environment.projection.withheld('customers'),
      };
    },
  });
}
