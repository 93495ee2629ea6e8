import { z } from 'zod';
import { recordId } from '../../intents/fields.js';
import { defineReadTool } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import type { ToolEnvironment } from '../toolkit-options.js';
import { type ListableResource, READ_CATALOGUE, readAnnotations, WITHHELD_NOTE } from './read-catalogue.js';

/**
 * `get_<record>`: one record by id, projected to the allowed fields.
 *
 * Result: `{ ok: true, resource, record, withheldFields }`; an unknown id is `not_found`.
 */
export function getRecordTool(environment: ToolEnvironment, resource: ListableResource): LedgerTool {
  const info = READ_CATALOGUE[resource];
  const inputSchema = z.strictObject({ id: recordId(`Id of the ${info.record}.`) });
  return defineReadTool(environment, {
    name: info.get,
    description: `Read one ${info.record} by id (${info.what}). ${WITHHELD_NOTE}`,
    inputSchema,
    annotations: readAnnotations(`Read one ${info.record}`),
    async run(input, call) {
      const record = await environment.connection[resource].get(input.id, call.read);
      return {
        ok: true,
        resource,
        record: environment.projection.project(resource, record),
        withheldFields: environment.projection.withheld(resource),
      };
    },
  });
}
