import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLedgerError } from '../../src/http/errors.js';
import { createTransport } from '../../src/http/transport.js';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/stall') {
      // Headers and the first bytes, then nothing: the body never finishes.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"Invoice":');
      return;
    }
    if (request.url === '/huge') {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let index = 0; index < 40; index += 1) response.write(chunk);
      response.end();
      return;
    }
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('transport limits cover the whole body', () => {
  it('a body that stalls after the headers ends with a TimeoutError at the deadline', async () => {
    const transport = createTransport({ allowInsecureLoopback: true, timeoutMs: 300 });
    const started = Date.now();
    const error = await transport
      .send({ method: 'GET', url: new URL(`${base}/stall`), headers: {} })
      .catch((caught: unknown) => caught);
    expect(isLedgerError(error) && error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a body larger than the limit is refused while streaming, without a content-length', async () => {
    const transport = createTransport({ allowInsecureLoopback: true, maxResponseBytes: 1024 * 1024 });
    const error = await transport
      .send({ method: 'GET', url: new URL(`${base}/huge`), headers: {} })
      .catch((caught: unknown) => caught);
    expect(isLedgerError(error) && error.issues).toEqual([{ path: '', code: 'too_large' }]);
  });

  it('an ordinary body is read in full', async () => {
    const transport = createTransport({ allowInsecureLoopback: true });
    const response = await transport.send({ method: 'GET', url: new URL(`${base}/ok`), headers: {} });
    expect(response.text).toBe('{"ok":true}');
  });

  it('the caller’s abort is an abort, not a timeout', async () => {
    const transport = createTransport({ allowInsecureLoopback: true, timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await transport
      .send({ method: 'GET', url: new URL(`${base}/stall`), headers: {} }, controller.signal)
      .catch((caught: unknown) => caught);
    expect(isLedgerError(error) && error.code).toBe('aborted');
  });
});
