import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFaultInjector,
  createRequestRecorder,
  type LocalServer,
  startLocalServer,
  toRecordedRequest,
  waitForTimeoutFault,
} from '../../src/testing/index.js';

describe('request recorder', () => {
  it('lower-cases header names and redacts credentials but keeps the scheme', () => {
    const recorder = createRequestRecorder();
    recorder.record({
      method: 'post',
      path: '/v3/company/1/query',
      query: { minorversion: '75' },
      headers: {
        Authorization: 'Bearer secret-token-value',
        'Proxy-Authorization': 'Basic dXNlcjpwYXNz',
        'Content-Type': 'application/text',
      },
      bodyText: 'select * from Invoice',
      at: 1,
    });
    const [recorded] = recorder.requests;
    expect(recorded?.method).toBe('POST');
    expect(recorded?.headers).toEqual({
      authorization: 'Bearer [redacted]',
      'proxy-authorization': 'Basic [redacted]',
      'content-type': 'application/text',
    });
    expect(JSON.stringify(recorder.requests)).not.toContain('secret-token-value');
  });

  it('redacts a credential that has no scheme word entirely', () => {
    const recorder = createRequestRecorder();
    recorder.record({
      method: 'GET',
      path: '/',
      query: {},
      headers: { authorization: 'tokenonly' },
      bodyText: undefined,
      at: 0,
    });
    expect(recorder.requests[0]?.headers.authorization).toBe('[redacted]');
  });

  it('builds a record from a fetch Request and hands out snapshots', async () => {
    const recorder = createRequestRecorder();
    const request = new Request('https://example.test/a/b?x=1&y=2', {
      method: 'POST',
      headers: { authorization: 'Bearer abc', 'x-custom': 'v' },
      body: 'hello',
    });
    recorder.record(toRecordedRequest(request, await request.text()));
    const snapshot = recorder.requests;
    expect(snapshot[0]).toMatchObject({
      method: 'POST',
      path: '/a/b',
      query: { x: '1', y: '2' },
      headers: { authorization: 'Bearer [redacted]', 'x-custom': 'v' },
      bodyText: 'hello',
    });
    expect(typeof snapshot[0]?.at).toBe('number');
    recorder.clear();
    expect(recorder.requests).toHaveLength(0);
    expect(snapshot).toHaveLength(1);
  });
});

describe('fault injector', () => {
  const match = (method: string, path: string) => ({ method, path });

  it('consumes matching faults in insertion order', () => {
    const faults = createFaultInjector();
    faults.inject({ kind: 'server_error' });
    faults.inject({ kind: 'timeout' });
    expect(faults.take(match('GET', '/x'))?.kind).toBe('server_error');
    expect(faults.take(match('GET', '/x'))?.kind).toBe('timeout');
    expect(faults.take(match('GET', '/x'))).toBeUndefined();
  });

  it('skips faults that do not match method or path, leaving them queued', () => {
    const faults = createFaultInjector();
    faults.inject({ kind: 'rate_limit', method: 'post', pathIncludes: '/invoice' });
    faults.inject({ kind: 'malformed_json', pathIncludes: 'operation=void' });
    expect(faults.take(match('GET', '/v3/company/1/invoice/1'))).toBeUndefined();
    expect(faults.take(match('POST', '/v3/company/1/payment?operation=void'))?.kind).toBe('malformed_json');
    expect(faults.take(match('POST', '/v3/company/1/invoice'))?.kind).toBe('rate_limit');
    expect(faults.pending).toBe(0);
  });

  it('fires a fault `times` times and counts pending firings', () => {
    const faults = createFaultInjector();
    faults.inject({ kind: 'server_error', times: 3, status: 502 });
    faults.inject({ kind: 'timeout' });
    expect(faults.pending).toBe(4);
    for (let i = 0; i < 3; i += 1)
      expect(faults.take(match('GET', '/'))).toMatchObject({ kind: 'server_error', status: 502 });
    expect(faults.pending).toBe(1);
    expect(faults.take(match('GET', '/'))?.kind).toBe('timeout');
  });

  it('supports Infinity, rejects nonsense times, and clears', () => {
    const faults = createFaultInjector();
    expect(() => faults.inject({ kind: 'server_error', times: 0 })).toThrow(RangeError);
    expect(() => faults.inject({ kind: 'server_error', times: 1.5 })).toThrow(RangeError);
    faults.inject({ kind: 'server_error', times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 50; i += 1) expect(faults.take(match('GET', '/'))).toBeDefined();
    faults.clear();
    expect(faults.pending).toBe(0);
    expect(faults.take(match('GET', '/'))).toBeUndefined();
  });

  it('waits for a timeout fault until the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = waitForTimeoutFault({ kind: 'timeout' }, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(waitForTimeoutFault({ kind: 'timeout', delayMs: 1 }, undefined)).resolves.toBeUndefined();
  });
});

/** A raw request that reports a dropped socket instead of throwing, to see exactly what the server did. */
function rawPost(url: string, body: string): Promise<{ status: number; body: string } | 'dropped'> {
  return new Promise((resolve) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'text/plain' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on('error', () => resolve('dropped'));
    request.end(body);
  });
}

describe('local server', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('round-trips method, headers, body and status through a fetch handler', async () => {
    server = await startLocalServer(async (request) => {
      const text = await request.text();
      return new Response(
        JSON.stringify({
          method: request.method,
          path: new URL(request.url).pathname,
          text,
          token: request.headers.get('x-token'),
        }),
        {
          status: 201,
          headers: { 'content-type': 'application/json', 'x-reply': 'yes' },
        },
      );
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/some/path?q=1`, {
      method: 'PUT',
      headers: { 'x-token': 't' },
      body: 'payload',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-reply')).toBe('yes');
    expect(await response.json()).toEqual({ method: 'PUT', path: '/some/path', text: 'payload', token: 't' });
  });

  it('serves GET without a body and binary bodies byte for byte', async () => {
    const bytes = new Uint8Array([0, 255, 10, 13, 128]);
    server = await startLocalServer(
      async (request) => new Response(request.method === 'GET' ? bytes : await request.arrayBuffer()),
    );
    const got = new Uint8Array(await (await fetch(server.url)).arrayBuffer());
    expect([...got]).toEqual([...bytes]);
  });

  it('destroys the socket for Response.error(), so the client sees a dropped connection', async () => {
    server = await startLocalServer(async () => Response.error());
    expect(await rawPost(`${server.url}/drop`, 'x')).toBe('dropped');
    await expect(fetch(`${server.url}/drop`)).rejects.toThrow(TypeError);
  });

  it('destroys the socket when the handler throws', async () => {
    server = await startLocalServer(async () => {
      throw new Error('handler bug');
    });
    expect(await rawPost(`${server.url}/boom`, 'x')).toBe('dropped');
  });

  it('aborts the request signal when the client disconnects', async () => {
    let aborted: () => void = () => undefined;
    const sawAbort = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    server = await startLocalServer(
      (request) =>
        new Promise((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted();
            resolve(new Response('late'));
          });
        }),
    );
    const controller = new AbortController();
    const pending = fetch(`${server.url}/hang`, { method: 'POST', body: 'x', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow();
    await sawAbort;
  });
});
