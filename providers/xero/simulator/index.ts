/**
 * createXeroSimulator: a fake Xero organisation (Accounting API 2.0) served through msw handlers or a
 * fetch-style function. See {@link XeroSimulator} for the behaviour it models.
 */
import { type HttpHandler, http } from 'msw';
import { createFaultInjector, type FaultInjector } from '../../../src/testing/fault-injector.js';
import {
  createOAuthServerSimulator,
  type OAuthServerFacts,
  type OAuthServerSimulator,
  type OAuthSimulatorOptions,
} from '../../../src/testing/oauth-server.js';
import { createRequestRecorder, type RequestRecorder } from '../../../src/testing/request-recorder.js';
import { appWindowOf, type XeroApp } from './app.js';
import { createIdSource } from './ids.js';
import { createOrganisationApi, type XeroOrganisation } from './organisation.js';
import { bearerToken, handleRequest, type SimulatorState } from './pipeline.js';
import { createReplayStore } from './replay.js';
import { createResponder } from './responses.js';
import { seedOrganisation, type XeroSeed } from './seed.js';
import { clearState, createState } from './state.js';
import { createThrottle, type XeroThrottleLimits } from './throttle.js';

/** Xero's API host. */
export const XERO_API_URL = 'https://api.xero.com';
/** Xero Identity's token endpoint, which the simulator answers (msw) or serves at the same path (`handle`). */
export const XERO_TOKEN_URL = 'https://identity.xero.com/connect/token';
/** Xero Identity's revocation endpoint. */
export const XERO_REVOKE_URL = 'https://identity.xero.com/connect/revocation';

/** Options for {@link createXeroSimulator}. */
export interface XeroSimulatorOptions {
  /** The organisation's tenant id; any other `xero-tenant-id` gets 403. Default a fixed GUID. */
  tenantId?: string;
  /** The only bearer token accepted; anything else gets 401. Default `'sim-access-token-xero'`. */
  accessToken?: string;
  /** API host the msw handlers answer on. Default `https://api.xero.com`. */
  baseUrl?: string;
  /** Starting data: the synthetic 'clinic' (default) or an 'empty' organisation (chart of accounts only). */
  seed?: XeroSeed;
  /**
   * Xero's limits (60/min, 5,000/day, 5 concurrent per tenant; 10,000/min per app), enforced with 429s. Pass
   * `false` to only count calls for the headers, or some limits to tighten them for a test.
   */
  throttle?: Partial<XeroThrottleLimits> | false;
  /**
   * The app this tenant belongs to, from `createXeroApp`: simulators given the same app share its minute
   * budget (Xero's 10,000 calls a minute across tenants), and `X-AppMinLimit-Remaining` reports the shared
   * count. Without it the simulator is an app of its own. Set `appPerMinute` on the app, not on `throttle`
   * (setting both throws). With `throttle: false` this tenant's calls still use the shared budget but are
   * never refused.
   */
  app?: XeroApp;
  /** How long an `Idempotency-Key` answer is replayed. Default 24 h. */
  idempotencyReplayWindowMs?: number;
  /** Hold each admitted request this long before answering, so concurrent calls overlap. Default 0. */
  responseDelayMs?: number;
  /** Xero Identity's token endpoint (client, lifetimes, rotation, token prefix). */
  oauth?: OAuthSimulatorOptions;
}

/** Credentials the simulator accepts, for wiring the SDK's token vault in tests. */
export interface XeroSimulatorCredentials {
  readonly accessToken: string;
  readonly tenantId: string;
  /** The OAuth client the token endpoint accepts (`xero({ clientId, clientSecret })`). */
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * A fake Xero organisation.
 *
 * Models: bearer auth (401) and the `xero-tenant-id` header (403); `GET /connections`; lists with `where`
 * and `order` (a documented subset), `page`/`pageSize` with `pagination`, `If-Modified-Since`, `IDs`,
 * `ContactIDs`, `Statuses` and `includeArchived`; reads by id; PUT to create and POST to create or update, in
 * the array envelope or bare; per-element ValidationExceptions (ErrorNumber 10) whose messages and echoed
 * elements carry request values, as Xero's do; `summarizeErrors=false`; status-based delete and void
 * (DELETED before approval, VOIDED after, ARCHIVED contacts and accounts), DELETE of items and unused
 * accounts; payments that move AmountDue/AmountPaid and flip invoices to PAID and back; contact flags set by
 * documents and balances from them; attachments as raw bytes (metadata kept, bytes dropped); MS-JSON dates;
 * `unitdp`; `Idempotency-Key` replay and conflict; the rate-limit headers on every answer and 429s with
 * `Retry-After` and `X-Rate-Limit-Problem`.
 *
 * @example
 * const sim = createXeroSimulator({ throttle: false });
 * const server = setupServer(...sim.handlers); // from 'msw/node'
 * server.listen({ onUnhandledRequest: 'error' });
 */
export interface XeroSimulator {
  /**
   * msw handlers for `{baseUrl}/api.xro/2.0/*` and `{baseUrl}/connections`. A request for another tenant
   * made without this simulator's token falls through to the next handler, so several simulators can share
   * one msw server.
   */
  readonly handlers: HttpHandler[];
  /** The same logic fetch-style, e.g. behind `startLocalServer` from `ledgerbridge/testing`. */
  handle(request: Request): Promise<Response>;
  /** The organisation's data, for arranging and asserting without HTTP. */
  readonly organisation: XeroOrganisation;
  /** Faults the next matching requests will meet. */
  readonly faults: FaultInjector;
  /** Every request received, in order; Authorization redacted, attachment bytes recorded as a size. */
  readonly requests: RequestRecorder;
  readonly credentials: XeroSimulatorCredentials;
  /**
   * Xero Identity's side: the token endpoint (authorization code, refresh with rotation and reuse detection),
   * revocation, simulated consent, and what the API made of each bearer token. Faults injected with
   * `pathIncludes: '/connect/token'` hit the token endpoint.
   */
  readonly oauth: OAuthServerSimulator;
  /**
   * Back to the seed: data, ids, faults, recorded requests, limits, idempotency replays and OAuth grants
   * (tokens the token endpoint issued stop working; the static `credentials.accessToken` keeps working). On a shared `app`
   * only this simulator's calls leave the app's minute; other tenants' calls still count (`app.reset()`
   * forgets them all).
   */
  reset(): void;
}

const DEFAULT_TENANT_ID = '4e1b3c5a-7d2f-4a8e-9b6c-0f1e2d3c4b5a';
const DEFAULT_ACCESS_TOKEN = 'sim-access-token-xero';
const DAY_MS = 86_400_000;
/**
 * Xero Identity: access tokens last 30 minutes and refresh tokens 60 days, rotating on each use; the token a
 * refresh replaced still works for 30 minutes. The token response names no tenant; the app asks
 * `GET /connections`.
 */
const XERO_IDENTITY: OAuthServerFacts = {
  tokenPrefix: 'sim-xero',
  accessTokenLifetimeSeconds: 1800,
  refreshTokenLifetimeSeconds: 60 * 24 * 3600,
  refreshTokenReuseGraceSeconds: 1800,
};

/** Creates a simulator; see {@link XeroSimulator}. */
export function createXeroSimulator(options: XeroSimulatorOptions = {}): XeroSimulator {
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const accessToken = options.accessToken ?? DEFAULT_ACCESS_TOKEN;
  const organisation = createState(createIdSource(`xero-records:${tenantId}`));
  const faults = createFaultInjector();
  const state: SimulatorState = {
    tenantId,
    accessToken,
    oauth: createOAuthServerSimulator(tenantId, faults, XERO_IDENTITY, options.oauth),
    connectionId: createIdSource(`xero-connection:${tenantId}`).next(),
    organisation,
    responder: createResponder(createIdSource(`xero-correlation:${tenantId}`)),
    faults,
    recorder: createRequestRecorder(),
    throttle: createThrottle(options.throttle ?? {}, options.app && appWindowOf(options.app)),
    replays: createReplayStore(options.idempotencyReplayWindowMs ?? DAY_MS),
    responseDelayMs: options.responseDelayMs ?? 0,
  };
  const loadSeed = () => seedOrganisation(organisation, tenantId, options.seed ?? 'clinic', Date.now());
  loadSeed();

  const oauthPaths = { token: new URL(XERO_TOKEN_URL).pathname, revoke: new URL(XERO_REVOKE_URL).pathname };
  const handle = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === oauthPaths.token) {
      return (
        (await state.oauth.handleToken(request)) ?? Response.json({ error: 'invalid_grant' }, { status: 400 })
      );
    }
    if (request.method === 'POST' && pathname === oauthPaths.revoke) {
      return (await state.oauth.handleRevoke(request)) ?? new Response(null, { status: 200 });
    }
    return handleRequest(state, request);
  };
  const base = (options.baseUrl ?? XERO_API_URL).replace(/\/+$/, '');
  const ownsToken = (request: Request) => {
    const presented = bearerToken(request);
    return presented === accessToken || state.oauth.issued(presented);
  };
  const ours = (request: Request) =>
    ownsToken(request) || request.headers.get('xero-tenant-id')?.toLowerCase() === tenantId.toLowerCase();
  const handlers = [
    http.all(`${base}/api.xro/2.0/*`, ({ request }) => (ours(request) ? handle(request) : undefined)),
    http.get(`${base}/connections`, ({ request }) => (ownsToken(request) ? handle(request) : undefined)),
    // A token from another simulator falls through to that simulator's handler.
    http.post(XERO_TOKEN_URL, ({ request }) => state.oauth.handleToken(request)),
    http.post(XERO_REVOKE_URL, ({ request }) => state.oauth.handleRevoke(request)),
  ];

  return {
    handlers,
    handle,
    organisation: createOrganisationApi(organisation),
    faults: state.faults,
    requests: state.recorder,
    credentials: {
      accessToken,
      tenantId,
      clientId: state.oauth.clientId,
      clientSecret: state.oauth.clientSecret,
    },
    oauth: state.oauth,
    reset() {
      clearState(organisation);
      state.responder.reset();
      state.faults.clear();
      state.recorder.clear();
      state.throttle.reset();
      state.replays.clear();
      state.oauth.reset();
      loadSeed();
    },
  };
}
