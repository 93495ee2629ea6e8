import { z } from 'zod';
import { waitSeconds } from '../../http/rate-limit-info.js';
import { defineReadTool } from '../define-tool.js';
import type { LedgerTool } from '../tool.js';
import type { ToolEnvironment } from '../toolkit-options.js';

/**
 * `get_rate_limit_status`: the connection's request budget as its limiter tracks it. Reads no ledger
 * data and makes no request, so it is always available.
 *
 * Result: `{ ok: true, rateLimit, waitSeconds }`; `rateLimit` is null before the first request.
 */
export function getRateLimitStatusTool(environment: ToolEnvironment): LedgerTool {
  const inputSchema = z.strictObject({});
  return defineReadTool(environment, {
    name: 'get_rate_limit_status',
    description:
      'How many requests this ledger connection may still make now (remaining), the window they belong to, and how many seconds until it resets (waitSeconds is 0 when you may go ahead). Check before a burst of calls. Takes no input and sends nothing to the ledger.',
    inputSchema,
    annotations: {
      title: 'Rate-limit status',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    async run() {
      const rateLimit = await environment.connection.rateLimit();
      return {
        ok: true,
        rateLimit: rateLimit ?? null,
        waitSeconds: rateLimit ? waitSeconds(rateLimit) : 0,
      };
    },
  });
}
