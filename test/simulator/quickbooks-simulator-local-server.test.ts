/** The simulator's fetch-style `handle` behind a real socket, as benchmarks and stdio servers run it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { type LocalServer, startLocalServer } from '../../src/testing/index.js';

const sim = createQuickBooksSimulator({ throttle: false });
let server: LocalServer;
const realmPath = () => `${server.url}/v3/company/${sim.credentials.realmId}`;
const headers = { authorization: `Bearer ${sim.credentials.accessToken}` };

beforeAll(async () => {
  server = await startLocalServer(sim.handle);
});
afterAll(() => server.close());

describe('QuickBooks simulator behind startLocalServer', () => {
  it('answers reads and queries over HTTP with QBO headers', async () => {
    const read = await fetch(`${realmPath()}/companyinfo/${sim.credentials.realmId}`, { headers });
    expect(read.status).toBe(200);
    expect(read.headers.get('intuit_tid')).toMatch(/^1-66f0a/);
    const query = await fetch(`${realmPath()}/query?minorversion=75`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/text' },
      body: 'SELECT COUNT(*) FROM Customer',
    });
    expect(await query.json()).toMatchObject({ QueryResponse: { totalCount: 7 } });
  });

  it('drops the socket for drop faults, after applying the write for drop_after_commit', async () => {
    sim.faults.inject({ kind: 'drop_after_commit', method: 'POST' });
    const write = fetch(`${realmPath()}/customer?requestid=local-drop`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ DisplayName: 'Test Patient Juliet (SYNTHETIC)' }),
    });
    await expect(write).rejects.toThrow(TypeError);
    expect(sim.company.list('Customer').map((customer) => customer.DisplayName)).toContain(
      'Test Patient Juliet (SYNTHETIC)',
    );
  });

  it('stops a timeout fault when the client disconnects', async () => {
    sim.faults.inject({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = fetch(`${realmPath()}/invoice/1`, { headers, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow();
    expect(sim.faults.pending).toBe(0);
  });
});
