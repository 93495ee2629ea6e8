/**
 * The order in which the simulator treats a request, mirroring Xero's edge and API:
 *
 * 1. read the body and record the request (every request, including ones that then fail authentication;
 *    the recorder redacts the token; attachment bytes are recorded as their size only);
 * 2. authenticate the bearer token (401); `GET /connections` is answered here;
 * 3. check `xero-tenant-id` (403) and the route (404);
 * 4. injected faults, in the order they were queued;
 * 5. the limits (429 with `Retry-After` and `X-Rate-Limit-Problem`), holding a concurrency slot until the
 *    answer is sent;
 * 6. `Idempotency-Key` replay or conflict, then the endpoint itself.
 *
 * Step 6's lookup, write and remembering run without an `await` in between, so two concurrent requests with
 * one key can never both be applied. The three limit headers go on every answer.
 */
import { createHash } from 'node:crypto';
import type { FaultInjector, FaultSpec } from '../../../src/testing/fault-injector.js';
import type { OAuthServerSimulator } from '../../../src/testing/oauth-server.js';
import { type RequestRecorder, toRecordedRequest } from '../../../src/testing/request-recorder.js';
import { type Answer, answer } from './endpoints.js';
import { forbidden, notFound, problem, unauthorized, XeroFault } from './errors.js';
import { faultResponse } from './faults.js';
import { MAX_IDEMPOTENCY_KEY_LENGTH, type ReplayStore } from './replay.js';
import type { Responder } from './responses.js';
import { parseRoute, type Route } from './routes.js';
import type { OrganisationState } from './state.js';
import type { RemainingCalls, Throttle } from './throttle.js';

/** Everything one simulator instance keeps between requests. */
export interface SimulatorState {
  readonly tenantId: string;
  readonly accessToken: string;
  /** Xero Identity's side: tokens it issued are accepted alongside `accessToken`. */
  readonly oauth: OAuthServerSimulator;
  readonly connectionId: string;
  readonly organisation: OrganisationState;
  readonly responder: Responder;
  readonly faults: FaultInjector;
  readonly recorder: RequestRecorder;
  readonly throttle: Throttle;
  readonly replays: ReplayStore;
  /** How long an admitted request stays in flight before its answer is sent. */
  readonly responseDelayMs: number;
}

interface ReadRequest {
  readonly request: Request;
  readonly method: string;
  readonly url: URL;
  readonly body: Uint8Array | undefined;
  readonly bodyText: string | undefined;
}

async function readRequest(request: Request): Promise<ReadRequest> {
  const method = request.method.toUpperCase();
  const body =
    method === 'GET' || method === 'HEAD' || method === 'DELETE'
      ? undefined
      : new Uint8Array(await request.arrayBuffer());
  const binary =
    body !== undefined && !/json|text/i.test(request.headers.get('content-type') ?? 'application/json');
  return {
    request,
    method,
    url: new URL(request.url),
    body,
    bodyText: body === undefined || binary ? undefined : new TextDecoder().decode(body),
  };
}

/** Attachment bytes are recorded as a size only, so uploaded files are never retained, even in a test. */
function recordedBody(read: ReadRequest): string | undefined {
  if (read.body === undefined) return undefined;
  return read.bodyText ?? `[binary body, ${read.body.byteLength} bytes, not recorded]`;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token a request presents, or '' when there is none. */
export function bearerToken(request: Request): string {
  return BEARER.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
}

function send(
  state: SimulatorState,
  status: number,
  body: unknown,
  remaining: RemainingCalls,
  headers?: Record<string, string>,
) {
  return state.responder.send(status, body, remaining, headers);
}

function sendFault(state: SimulatorState, fault: XeroFault, remaining: RemainingCalls): Response {
  return send(state, fault.status, fault.body, remaining, { ...fault.headers });
}

function connections(state: SimulatorState): unknown[] {
  return [
    {
      id: state.connectionId,
      authEventId: state.connectionId.replace(/^.{8}/, '0a0e0e0e'),
      tenantId: state.tenantId,
      tenantType: 'ORGANISATION',
      tenantName: state.organisation.organisation.Name,
      createdDateUtc: '2026-01-05T09:00:00.0000000',
      updatedDateUtc: '2026-01-05T09:00:00.0000000',
    },
  ];
}

function fingerprint(read: ReadRequest): string {
  const hash = createHash('sha256');
  hash.update(`${read.method} ${read.url.pathname.toLowerCase()}?${read.url.search}\n`);
  if (read.body) hash.update(read.body);
  return hash.digest('base64url');
}

/** The synchronous part: replay, refuse a reused key, or apply and remember. */
function applyOnce(
  state: SimulatorState,
  route: Route,
  read: ReadRequest,
  fault: FaultSpec | undefined,
): Response {
  const now = Date.now();
  const remaining = () => state.throttle.remaining(state.tenantId, Date.now());
  const dropAfterCommit = fault?.kind === 'drop_after_commit';
  const key = read.request.headers.get('idempotency-key');
  const keyed = key !== null && (read.method === 'PUT' || read.method === 'POST');
  if (keyed && (key.trim() === '' || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    return sendFault(
      state,
      problem(
        400,
        'Bad Request',
        'The Idempotency-Key header must be 1 to 128 characters.',
        state.responder.correlationId(),
      ),
      remaining(),
    );
  }
  const print = keyed ? fingerprint(read) : '';
  if (keyed) {
    const stored = state.replays.get(state.tenantId, key, now);
    if (stored && stored.fingerprint !== print) {
      return sendFault(
        state,
        problem(
          400,
          'Bad Request',
          'The Idempotency-Key has already been used with a different request.',
          state.responder.correlationId(),
        ),
        remaining(),
      );
    }
    if (stored)
      return dropAfterCommit
        ? Response.error()
        : send(state, stored.status, stored.bodyText, remaining(), {
            'content-type': 'application/json; charset=utf-8',
          });
  }
  let result: Answer;
  try {
    result = answer(state.organisation, route, {
      method: read.method,
      url: read.url,
      headers: read.request.headers,
      bodyText: read.bodyText,
      bodySize: read.body?.byteLength ?? 0,
      correlationId: state.responder.correlationId(),
      now,
    });
  } catch (error) {
    if (error instanceof XeroFault)
      return dropAfterCommit ? Response.error() : sendFault(state, error, remaining());
    throw error;
  }
  if (keyed && result.status < 300) {
    state.replays.remember(state.tenantId, key, {
      fingerprint: print,
      status: result.status,
      bodyText: JSON.stringify(result.body ?? ''),
      at: now,
    });
  }
  return dropAfterCommit ? Response.error() : send(state, result.status, result.body, remaining());
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Handles one request against a simulator's state. */
export async function handleRequest(state: SimulatorState, request: Request): Promise<Response> {
  const read = await readRequest(request);
  state.recorder.record(toRecordedRequest(request, recordedBody(read)));
  const remaining = () => state.throttle.remaining(state.tenantId, Date.now());
  if (!state.oauth.authenticateApi(bearerToken(request), state.accessToken)) {
    return sendFault(state, unauthorized(state.responder.correlationId()), remaining());
  }
  const route = parseRoute(read.method, read.url);
  if (route.kind === 'connections') return send(state, 200, connections(state), remaining());
  if (request.headers.get('xero-tenant-id')?.toLowerCase() !== state.tenantId.toLowerCase()) {
    return sendFault(state, forbidden(state.responder.correlationId()), remaining());
  }
  if (route.kind === 'unknown') return sendFault(state, notFound(), remaining());

  const fault = state.faults.take({ method: read.method, path: `${read.url.pathname}${read.url.search}` });
  if (fault !== undefined) {
    const injected = await faultResponse(fault, {
      responder: state.responder,
      remaining: remaining(),
      bodyText: read.bodyText,
      signal: request.signal,
    });
    if (injected !== undefined) return injected;
  }

  const admission = state.throttle.admit(state.tenantId, Date.now());
  if (!admission.admitted) {
    return send(
      state,
      429,
      problem(
        429,
        'Too Many Requests',
        `Rate limit exceeded: ${admission.problem}`,
        state.responder.correlationId(),
      ).body,
      admission.remaining,
      { 'retry-after': String(admission.retryAfterSeconds), 'x-rate-limit-problem': admission.problem },
    );
  }
  try {
    const response = applyOnce(state, route, read, fault);
    await delay(state.responseDelayMs, request.signal);
    return response;
  } finally {
    admission.release();
  }
}
