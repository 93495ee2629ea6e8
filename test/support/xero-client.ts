import { xero } from '../../providers/xero/index.js';
import type { XeroSimulator } from '../../providers/xero/testing.js';
import type { MappingOverrides } from '../../src/engine/overrides.js';
import { resolveMappings } from '../../src/engine/overrides.js';
import { createProviderClient, type ProviderClient } from '../../src/engine/provider-client.js';
import { createTransport } from '../../src/http/transport.js';

/**
 * The adapter-level client (Layer 3) over the Xero simulator's credentials, for tests of provider writes that
 * the public API only reaches through the executor.
 */
export function xeroProviderClient(
  sim: XeroSimulator,
  options: { overrides?: MappingOverrides; retries?: number; rateLimits?: boolean; timeoutMs?: number } = {},
): ProviderClient {
  // The client-side limiter stays off unless a test is about it: the simulator's throttle is off too.
  const { definition } = xero(options.rateLimits === true ? {} : { rateLimits: false });
  return createProviderClient({
    definition,
    transport: createTransport({ timeoutMs: options.timeoutMs ?? 2_000 }),
    mappings: resolveMappings(definition, options.overrides),
    retry: { retries: options.retries ?? 2, baseDelayMs: 1, maxDelayMs: 2 },
    credentials: {
      current: async () => ({
        accessToken: sim.credentials.accessToken,
        target: { providerTenantId: sim.credentials.tenantId },
      }),
    },
  });
}
