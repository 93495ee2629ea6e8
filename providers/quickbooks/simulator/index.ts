/**
 * createQuickBooksSimulator: a fake QuickBooks Online company (Accounting API v3, minorversion 75) served
 * through msw handlers or a fetch-style function. See {@link QuickBooksSimulator} for the behaviour it models.
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
import { createCompanyApi, type QuickBooksCompany } from './company.js';
import { bearerToken, handleRequest, type SimulatorState } from './pipeline.js';
import { createReplayStore } from './replay.js';
import { createResponder } from './responses.js';
import { type QuickBooksSeed, seedCompany } from './seed.js';
import { createCompanyTables } from './store.js';
import { createThrottle, QUICKBOOKS_THROTTLE_LIMITS, type ThrottleLimits } from './throttle.js';

/** QBO's production API host. */
export const QUICKBOOKS_PRODUCTION_URL = 'https://quickbooks.api.intuit.com';
/** QBO's sandbox API host; the simulator always answers here too. */
export const QUICKBOOKS_SANDBOX_URL = 'https://sandbox-quickbooks.api.intuit.com';
/** Intuit's OAuth token endpoint, which the simulator answers (msw) or serves at the same path (`handle`). */
export const QUICKBOOKS_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';
/** Intuit's token revocation endpoint. */
export const QUICKBOOKS_REVOKE_URL = 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke';

/** Options for {@link createQuickBooksSimulator}. */
export interface QuickBooksSimulatorOptions {
  /** The company's realm id; any other realm gets 403. Default `'9341453050298415'`. */
  realmId?: string;
  /** The only bearer token accepted; anything else gets 401. Default `'sim-access-token-qbo'`. */
  accessToken?: string;
  /** API host the msw handlers answer on, besides the sandbox host. Default the production host. */
  baseUrl?: string;
  /** Starting data: the synthetic 'clinic' (default) or an 'empty' company (CompanyInfo only). */
  seed?: QuickBooksSeed;
  /**
   * Per-realm limits, QBO's 500/min and 10/s by default. Suites that fire many requests quickly should pass
   * `false`, or drive `Date` with fake timers, or they will meet 429s exactly as they would against QBO.
   */
  throttle?: ThrottleLimits;
  /** How long a `requestid` answer is replayed. Default 24 h. */
  requestIdReplayWindowMs?: number;
  /** Intuit's OAuth endpoints: client credentials, lifetimes, rotation. */
  oauth?: OAuthSimulatorOptions;
}

/** Credentials the simulator accepts, for wiring the SDK's token vault in tests. */
export interface QuickBooksSimulatorCredentials {
  readonly accessToken: string;
  readonly realmId: string;
  /** The OAuth client the token endpoint accepts (`quickbooks({ clientId, clientSecret })`). */
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * A fake QuickBooks Online company.
 *
 * Models: bearer auth (401 with QBO's lower-case body) and realm checks (403); query (POST text body or
 * GET `?query=`) with paging and COUNT; read by id (610 when missing); create, full and sparse update with
 * SyncToken (5010 when stale); delete of transactions; void of invoices and payments; multipart upload of
 * attachments; `?requestid=` replay; per-realm throttling (429, code 3001); totals, tax, payments and
 * open balances in integer cents; reference (2500), required-field (2020) and duplicate-name (6240) errors,
 * whose Details echo request values as QBO's do.
 *
 * @example
 * const sim = createQuickBooksSimulator({ throttle: false });
 * const server = setupServer(...sim.handlers); // from 'msw/node'
 * server.listen({ onUnhandledRequest: 'error' });
 */
export interface QuickBooksSimulator {
  /**
   * msw handlers for the configured host and the sandbox host, matching `/v3/company/:realmId/*`. A request
   * for another realm made without this simulator's token falls through to the next handler, so several
   * simulators (one per realm and token) can share one msw server.
   */
  readonly handlers: HttpHandler[];
  /** The same logic fetch-style, e.g. behind `startLocalServer` from `ledgerbridge/testing`. */
  handle(request: Request): Promise<Response>;
  /** The company's data, for arranging and asserting without HTTP. */
  readonly company: QuickBooksCompany;
  /** Faults the next matching requests will meet. */
  readonly faults: FaultInjector;
  /**
   * Every request received, in order, including ones rejected by authentication. Authorization is
   * redacted; upload bodies are recorded as their size only.
   */
  readonly requests: RequestRecorder;
  /** The token and realm the simulator accepts. */
  readonly credentials: QuickBooksSimulatorCredentials;
  /**
   * Intuit's OAuth side: the token endpoint (authorization code, refresh with rotation and reuse
   * detection), revocation, simulated user consent, and what the API made of each bearer token. Faults
   * injected with `pathIncludes: '/tokens/bearer'` hit the token endpoint.
   */
  readonly oauth: OAuthServerSimulator;
  /** Back to the seed: data, ids, faults, recorded requests, throttle windows and requestid replays. */
  reset(): void;
}

const DEFAULT_REALM_ID = '9341453050298415';
const DEFAULT_ACCESS_TOKEN = 'sim-access-token-qbo';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Intuit's token endpoint: access tokens last an hour, refresh tokens 100 days, and the realm rides the callback. */
const INTUIT_OAUTH: OAuthServerFacts = {
  tokenPrefix: 'sim-qbo',
  accessTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 100 * 24 * 3600,
  refreshTokenExpiresInParameter: 'x_refresh_token_expires_in',
  callbackTenantParameter: 'realmId',
};

/** Creates a simulator; see {@link QuickBooksSimulator}. */
export function createQuickBooksSimulator(options: QuickBooksSimulatorOptions = {}): QuickBooksSimulator {
  const realmId = options.realmId ?? DEFAULT_REALM_ID;
  const accessToken = options.accessToken ?? DEFAULT_ACCESS_TOKEN;
  const faults = createFaultInjector();
  const state: SimulatorState = {
    realmId,
    accessToken,
    oauth: createOAuthServerSimulator(realmId, faults, INTUIT_OAUTH, options.oauth),
    tables: createCompanyTables(),
    responder: createResponder(),
    faults,
    recorder: createRequestRecorder(),
    throttle: createThrottle(options.throttle ?? QUICKBOOKS_THROTTLE_LIMITS),
    replays: createReplayStore(options.requestIdReplayWindowMs ?? DAY_MS),
  };

  const loadSeed = () => seedCompany(state.tables, realmId, options.seed ?? 'clinic');
  loadSeed();

  const oauthPaths = {
    token: new URL(QUICKBOOKS_TOKEN_URL).pathname,
    revoke: new URL(QUICKBOOKS_REVOKE_URL).pathname,
  };
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
  const hosts = new Set([options.baseUrl ?? QUICKBOOKS_PRODUCTION_URL, QUICKBOOKS_SANDBOX_URL]);
  const ownsToken = (request: Request) => {
    const presented = bearerToken(request);
    return presented === accessToken || state.oauth.issued(presented);
  };
  const handlers = [
    ...[...hosts].map((host) =>
      http.all(`${host.replace(/\/+$/, '')}/v3/company/:realmId/*`, ({ request, params }) => {
        // Another simulator may own this realm: let msw try the next handler unless the caller holds one of
        // our tokens, in which case the 403 is the true answer.
        if (params.realmId !== realmId && !ownsToken(request)) return undefined;
        return handleRequest(state, request);
      }),
    ),
    // A token from another simulator falls through to that simulator's handler.
    http.post(QUICKBOOKS_TOKEN_URL, ({ request }) => state.oauth.handleToken(request)),
    http.post(QUICKBOOKS_REVOKE_URL, ({ request }) => state.oauth.handleRevoke(request)),
  ];

  return {
    handlers,
    handle,
    company: createCompanyApi(state.tables),
    faults: state.faults,
    requests: state.recorder,
    credentials: {
      accessToken,
      realmId,
      clientId: state.oauth.clientId,
      clientSecret: state.oauth.clientSecret,
    },
    oauth: state.oauth,
    reset() {
      state.tables.clear();
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
