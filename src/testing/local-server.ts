/**
 * Serves a fetch-style handler (`(Request) => Promise<Response>`) over real HTTP on 127.0.0.1, so a
 * simulator can sit behind an actual socket: benchmarks measure the real transport, and stdio/MCP servers
 * in another process can reach it. msw covers the in-process case; this covers the rest.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options for {@link startLocalServer}. */
export interface LocalServerOptions {
  /** Port to listen on; default 0 (the OS picks a free one). */
  port?: number;
}

/** A running local server. */
export interface LocalServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:53124`. */
  readonly url: string;
  /** Stops listening and drops open connections, including idle keep-alive ones. */
  close(): Promise<void>;
}

/** The handler a local server runs for each request. */
export type FetchHandler = (request: Request) => Promise<Response>;

// Hop-by-hop headers describe the node:http connection, not the message; copying them would either be
// rejected by the fetch classes or contradict the body we actually send.
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

function toHeaders(rawHeaders: readonly string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!;
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, rawHeaders[index + 1]!);
  }
  return headers;
}

async function readBody(message: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Aborts when the client goes away before we answered, so handlers that hang (timeout faults) can stop. */
function abortOnDisconnect(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function toRequest(message: IncomingMessage, baseUrl: string, signal: AbortSignal): Promise<Request> {
  const method = (message.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? await readBody(message) : undefined;
  const init: RequestInit = { method, headers: toHeaders(message.rawHeaders), signal };
  if (body !== undefined) init.body = body;
  return new Request(new URL(message.url ?? '/', baseUrl), init);
}

async function writeResponse(target: ServerResponse, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    // set-cookie is the one header that must not be comma-joined; content-length is recomputed below.
    if (name !== 'set-cookie' && name !== 'content-length' && !HOP_BY_HOP.has(name))
      headers.push([name, value]);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  headers.push(['content-length', String(body.byteLength)]);
  target.writeHead(response.status, response.statusText, headers.flat());
  target.end(body);
}

/**
 * Starts a node:http server on 127.0.0.1 that turns each request into a WHATWG `Request` (method, headers,
 * full body for non-GET), runs `handle`, and writes the `Response` back (status, headers, body bytes).
 *
 * A `Response.error()` answer destroys the socket without a reply, so the client sees a dropped connection,
 * the same as msw's `HttpResponse.error()` in process. A handler that throws does the same: the harness
 * never invents a response the handler did not choose.
 *
 * @example
 * const server = await startLocalServer(simulator.handle);
 * await fetch(`${server.url}/v3/company/${realmId}/companyinfo/${realmId}`, { headers });
 * await server.close();
 */
export async function startLocalServer(
  handle: FetchHandler,
  options: LocalServerOptions = {},
): Promise<LocalServer> {
  let baseUrl = '';
  const server = createServer((message, response) => {
    const signal = abortOnDisconnect(response);
    void (async () => {
      try {
        const answer = await handle(await toRequest(message, baseUrl, signal));
        if (answer.type === 'error') {
          message.socket.destroy();
          return;
        }
        await writeResponse(response, answer);
      } catch {
        message.socket.destroy();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
