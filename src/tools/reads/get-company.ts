import { z } from 'zod';
import { defineReadTool } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import type { ToolEnvironment } from '../toolkit-options.js';
import { readAnnotations } from './read-catalogue.js';

/**
 * `get_company`: the organisation that owns the ledger (name, currency, fiscal year).
 *
 * Result: `{ ok: true, record, withheldFields }`.
 */
export function getCompanyTool(environment: ToolEnvironment): LedgerTool {
  const inputSchema = z.strictObject({});
  return defineReadTool(environment, {
    name: 'get_company',
    description:
      'Read the practice that owns the connected ledger: its name, legal name, country and the month its fiscal year starts (and its home currency where the ledger reports one). Takes no input.',
    inputSchema,
    annotations: readAnnotations('Read the company'),
    async run(_input, call) {
      const company = await environment.connection.company.get(call.read);
      return {
        ok: true,
        record: environment.projection.project('company', company),
        withheldFields: environment.projection.withheld('company'),
      };
    },
  });
}
