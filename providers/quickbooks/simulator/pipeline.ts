/**
 * The order in which the simulator treats a request, mirroring what QBO's edge and API do:
 *
 * 1. read the body and record the request (every request is recorded, including ones that then fail
 *    authentication; the recorder redacts the token);
 * 2. authenticate the bearer token (401), then check the realm (403) and the requestid length (400);
 * 3. injected faults, in the order they were queued;
 * 4. the per-realm throttle (429);
 * 5. requestid replay, then the endpoint itself.
 *
 * Steps 5's lookup, write and remembering of the answer run without an `await` in between, so two
 * concurrent requests with one requestid can never both be applied.
 */
import type { FaultInjector, FaultSpec } from '../../../src/testing/fault-injector.js';
import type { OAuthServerSimulator } from '../../../src/testing/oauth-server.js';
import { type RequestRecorder, toRecordedRequest } from '../../../src/testing/request-recorder.js';
import { type EndpointResult, queryEndpoint, readEndpoint, writeEndpoint } from './endpoints.js';
import { authorizationFailed, invalidProperty, SimulatorFault, throttleExceeded } from './errors.js';
import { faultResponse } from './faults.js';
import { MAX_REQUEST_ID_LENGTH, type ReplayStore } from './replay.js';
import { faultBody, type Responder } from './responses.js';
import { parseRoute, type Route } from './routes.js';
import type { CompanyTables } from './store.js';
import type { Throttle } from './throttle.js';
import { responseTime } from './time.js';
import { readUploadParts, type UploadPart, uploadEndpoint } from './upload.js';

/** Everything one simulator instance keeps between requests. */
export interface SimulatorState {
  readonly realmId: string;
  readonly accessToken: string;
  /** Issues tokens at Intuit's OAuth endpoints; the API accepts them besides `accessToken`. */
  readonly oauth: OAuthServerSimulator;
  readonly tables: CompanyTables;
  readonly responder: Responder;
  readonly faults: FaultInjector;
  readonly recorder: RequestRecorder;
  readonly throttle: Throttle;
  readonly replays: ReplayStore;
}

/** A request after its body has been read once. */
interface ReadRequest {
  readonly request: Request;
  readonly method: string;
  readonly url: URL;
  readonly body: Uint8Array | undefined;
  readonly bodyText: string | undefined;
}

function isMultipart(request: Request): boolean {
  return request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data') === true;
}

async function readRequest(request: Request): Promise<ReadRequest> {
  const method = request.method.toUpperCase();
  const body =
    method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await request.arrayBuffer());
  const bodyText = body === undefined ? undefined : new TextDecoder().decode(body);
  return { request, method, url: new URL(request.url), body, bodyText };
}

/** Upload bodies are recorded as a size only, so attachment bytes are never retained, even in a test. */
function recordedBody(read: ReadRequest): string | undefined {
  if (read.body === undefined || !isMultipart(read.request)) return read.bodyText;
  return `[multipart/form-data body, ${read.body.byteLength} bytes, not recorded]`;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token a request presents, or '' when there is none. */
export function bearerToken(request: Request): string {
  return BEARER.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
}

/**
 * QBO's 401 body really does use lower-case keys (`fault`, `error`, `message`), unlike every other fault,
 * and echoes the start of the token it rejected.
 */
function unauthenticated(state: SimulatorState, presented: string): Response {
  const body = {
    fault: {
      error: [
        {
          message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          detail: `Token expired: ${presented.slice(0, 8)}`,
          code: '3200',
        },
      ],
      type: 'AUTHENTICATION',
    },
    time: responseTime(Date.now()),
  };
  return state.responder.json(401, body, {
    'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"',
  });
}

function resourceNotFound(path: string): SimulatorFault {
  return new SimulatorFault(404, 'SystemFault', {
    Message: 'An application error has occurred while processing your request',
    Detail: `System Failure Error: Could not find resource for relative : ${path}`,
    code: '10000',
  });
}

/** Checks that happen before any fault or throttle: who is asking, for which company, with what key. */
function admit(state: SimulatorState, read: ReadRequest, route: Route | undefined): Response | Route {
  const presented = bearerToken(read.request);
  if (!state.oauth.authenticateApi(presented, state.accessToken)) return unauthenticated(state, presented);
  if (route === undefined) return state.responder.fault(resourceNotFound(read.url.pathname));
  if (route.realmId !== state.realmId) return state.responder.fault(authorizationFailed());
  const requestId = read.url.searchParams.get('requestid');
  if (requestId !== null && (requestId === '' || requestId.length > MAX_REQUEST_ID_LENGTH)) {
    return state.responder.fault(invalidProperty(`requestid (1 to ${MAX_REQUEST_ID_LENGTH} characters)`));
  }
  return route;
}

function dispatch(
  state: SimulatorState,
  route: Route,
  read: ReadRequest,
  uploads: readonly UploadPart[] | SimulatorFault | undefined,
  now: number,
): EndpointResult {
  switch (route.kind) {
    case 'query':
      return queryEndpoint(state.tables, route.text, now);
    case 'read':
      return readEndpoint(state.tables, route.entity, route.id, route.realmId, now);
    case 'write':
      return writeEndpoint(state.tables, route.entity, route.operation, read.bodyText, now);
    case 'upload':
      if (uploads === undefined || uploads instanceof SimulatorFault)
        throw uploads ?? invalidProperty('upload');
      return uploadEndpoint(state.tables, route.realmId, uploads, now);
    case 'unknown':
      throw resourceNotFound(read.url.pathname);
  }
}

/** Runs an endpoint and renders a thrown QBO fault as its response. */
function answer(
  state: SimulatorState,
  route: Route,
  read: ReadRequest,
  uploads: readonly UploadPart[] | SimulatorFault | undefined,
): EndpointResult {
  const now = Date.now();
  try {
    return dispatch(state, route, read, uploads, now);
  } catch (error) {
    if (error instanceof SimulatorFault) return { status: error.status, body: faultBody(error, now) };
    throw error;
  }
}

async function parseUploads(
  route: Route,
  read: ReadRequest,
): Promise<readonly UploadPart[] | SimulatorFault | undefined> {
  if (route.kind !== 'upload') return undefined;
  try {
    return await readUploadParts(read.body ?? new Uint8Array(), read.request.headers.get('content-type'));
  } catch (error) {
    if (error instanceof SimulatorFault) return error;
    throw error;
  }
}

/** The synchronous part: replay or apply, remember the answer, and drop the connection if told to. */
function applyOnce(
  state: SimulatorState,
  route: Route,
  read: ReadRequest,
  uploads: readonly UploadPart[] | SimulatorFault | undefined,
  fault: FaultSpec | undefined,
): Response {
  const dropAfterCommit = fault?.kind === 'drop_after_commit';
  const requestId = read.url.searchParams.get('requestid');
  const idempotent = requestId !== null && (route.kind === 'write' || route.kind === 'upload');
  const replay = idempotent ? state.replays.get(route.realmId, requestId, Date.now()) : undefined;
  if (replay !== undefined) {
    return dropAfterCommit ? Response.error() : state.responder.text(replay.status, replay.bodyText);
  }
  const result = answer(state, route, read, uploads);
  const bodyText = JSON.stringify(result.body);
  // Only successes are remembered: a rejected write changed nothing, so a corrected retry under the same
  // key must be able to apply. (QBO does not document this either way.)
  if (idempotent && result.status === 200) {
    state.replays.remember(route.realmId, requestId, { status: result.status, bodyText, at: Date.now() });
  }
  return dropAfterCommit ? Response.error() : state.responder.text(result.status, bodyText);
}

/** Handles one request against a simulator's state. */
export async function handleRequest(state: SimulatorState, request: Request): Promise<Response> {
  const read = await readRequest(request);
  state.recorder.record(toRecordedRequest(request, recordedBody(read)));
  const admitted = admit(state, read, parseRoute(read.method, read.url, read.bodyText));
  if (admitted instanceof Response) return admitted;
  const route = admitted;

  const fault = state.faults.take({ method: read.method, path: `${read.url.pathname}${read.url.search}` });
  if (fault !== undefined) {
    const injected = await faultResponse(fault, {
      responder: state.responder,
      bodyText: read.bodyText,
      signal: request.signal,
    });
    if (injected !== undefined) return injected;
  }
  if (!state.throttle.admit(route.realmId, Date.now())) return state.responder.fault(throttleExceeded());

  const uploads = await parseUploads(route, read);
  return applyOnce(state, route, read, uploads, fault);
}
