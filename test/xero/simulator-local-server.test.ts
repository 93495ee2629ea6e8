import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xero } from '../../providers/xero/index.js';
import { createXeroSimulator } from '../../providers/xero/testing.js';
import { resolveMappings } from '../../src/engine/overrides.js';
import { createProviderClient } from '../../src/engine/provider-client.js';
import { createTransport } from '../../src/http/transport.js';
import { type LocalServer, startLocalServer } from '../../src/testing/local-server.js';

const sim = createXeroSimulator({ throttle: false });
let local: LocalServer;
beforeAll(async () => {
  local = await startLocalServer(sim.handle);
});
afterAll(() => local.close());

describe('the Xero simulator behind a real socket', () => {
  it('serves the adapter through apiRoot on loopback, limiter and transport as in production', async () => {
    const { definition } = xero({ apiRoot: local.url });
    const client = createProviderClient({
      definition,
      transport: createTransport({ allowInsecureLoopback: true, timeoutMs: 2_000 }),
      mappings: resolveMappings(definition, undefined),
      credentials: {
        current: async () => ({
          accessToken: sim.credentials.accessToken,
          target: { providerTenantId: sim.credentials.tenantId },
        }),
      },
    });
    const company = await client.get('company', 'current');
    expect(company.entity.currency).toBe('USD');
    expect(company.meta.rateLimit).toMatchObject({ scope: 'minute', limit: 60 });
    const invoices = await client.listPage('invoices', { status: 'open' }, { pageSize: 2 });
    expect(invoices.items.length).toBeGreaterThan(0);
    expect(sim.requests.requests.at(-1)?.path).toBe('/api.xro/2.0/Invoices');
  });

  it('drops the socket for a dropped-connection fault', async () => {
    sim.faults.inject({ kind: 'drop_before_commit' });
    await expect(
      fetch(`${local.url}/api.xro/2.0/Organisation`, {
        headers: {
          authorization: `Bearer ${sim.credentials.accessToken}`,
          'xero-tenant-id': sim.credentials.tenantId,
        },
      }),
    ).rejects.toThrow();
  });
});
