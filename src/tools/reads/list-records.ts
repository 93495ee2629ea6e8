import { z } from 'zod';
import type { ListFilter } from '../../engine/definition.js';
import { defineReadTool } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import type { ToolEnvironment } from '../toolkit-options.js';
import { type ListableResource, READ_CATALOGUE, readAnnotations, WITHHELD_NOTE } from './read-catalogue.js';
import { cursor, DEFAULT_PAGE_SIZE, FILTER_FIELDS, FILTER_HELP, pageSize } from './read-inputs.js';

/**
 * `list_<resource>`: one page of records, filtered, projected to the allowed fields.
 *
 * Result: `{ ok: true, resource, items, nextCursor, withheldFields, rateLimit? }`.
 */
export function listRecordsTool(environment: ToolEnvironment, resource: ListableResource): LedgerTool {
  const info = READ_CATALOGUE[resource];
  const inputSchema = z.strictObject({
    ...Object.fromEntries(info.filters.map((filter) => [filter, FILTER_FIELDS[filter]])),
    cursor,
    pageSize,
  });
  const filters = info.filters.map((filter) => FILTER_HELP[filter]).join(', ');
  return defineReadTool(environment, {
    name: info.list,
    description: [
      `List ${info.what}.`,
      `Filters (pass null to skip one): ${filters}.`,
      `Returns up to pageSize records and nextCursor; for the next page call again with the same filters and that cursor.`,
      'Amounts are exact decimal strings in the record’s currency.',
      WITHHELD_NOTE,
    ].join(' '),
    inputSchema,
    annotations: readAnnotations(`List ${info.record} records`),
    async run(input, call) {
      const values = input as Record<string, unknown>;
      // Null means "no filter"; the engine wants the key absent rather than null.
      const filter = Object.fromEntries(
        info.filters.filter((name) => values[name] !== null).map((name) => [name, values[name]]),
      ) as ListFilter;
      const page = await environment.connection[resource].listPage({
        ...filter,
        cursor: (values.cursor as string | null) ?? undefined,
        pageSize: (values.pageSize as number | null) ?? DEFAULT_PAGE_SIZE,
        ...call.read,
      });
      return {
        ok: true,
        resource,
        items: page.items.map((item) => environment.projection.project(resource, item)),
        nextCursor: page.nextCursor ?? null,
        withheldFields: environment.projection.withheld(resource),
        ...(page.meta.rateLimit ? { rateLimit: page.meta.rateLimit } : {}),
      };
    },
  });
}
