import { z } from 'zod';
import { defineReadTool } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import type { ToolEnvironment } from '../toolkit-options.js';
import { readAnnotations, WITHHELD_NOTE } from './read-catalogue.js';

/** The contact resources `find_contact` may search, by role. */
export type ContactRole = 'customer' | 'vendor';

const RESOURCE_OF = { customer: 'customers', vendor: 'vendors' } as const;

/**
 * `find_contact`: customers or vendors whose display name starts with some text, for turning a name the
 * user said into the id a write needs. Only the roles whose resource the toolkit allows are offered.
 *
 * Result: `{ ok: true, matches: [{ role, ...contact }], truncated, withheldFields }`.
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
    description: `Find ${roles.length > 1 ? 'customers (patients, payers) or vendors' : `${first} records`} whose display name starts with the given text, to get the id a write needs. ${WITHHELD_NOTE}`,
    inputSchema,
    annotations: readAnnotations('Find a contact by name'),
    async run(input, call) {
      const searched = input.role === null ? roles : [input.role];
      const matches: Record<string, unknown>[] = [];
      let truncated = false;
      for (const role of searched) {
        const resource = RESOURCE_OF[role];
        const page = await environment.connection[resource].listPage({
          nameStartsWith: input.namePrefix,
          pageSize: input.limit ?? 10,
          ...call.read,
        });
        truncated ||= page.nextCursor !== undefined;
        for (const contact of page.items) {
          matches.push({ role, ...environment.projection.project(resource, contact) });
        }
      }
      return {
        ok: true,
        matches,
        truncated,
        withheldFields: environment.projection.withheld('customers'),
      };
    },
  });
}
