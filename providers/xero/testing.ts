/**
 * `ledgerbridge/xero/testing`: a simulated Xero organisation for offline tests of the SDK and of agents built
 * on it. Requires the optional peer dependency `msw`.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createXeroSimulator } from 'ledgerbridge/xero/testing';
 *
 * const sim = createXeroSimulator({ throttle: false });
 * const server = setupServer(...sim.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 */

export type {
  ApiTokenStatus,
  FaultKind,
  FaultSpec,
  IssuedGrant,
  IssuedTokenStatus,
  OAuthServerSimulator,
  OAuthSimulatorOptions,
  RecordedRequest,
  TokenEndpointCall,
} from '../../src/testing/index.js';
export {
  createXeroApp,
  XERO_APP_PER_MINUTE,
  type XeroApp,
  type XeroAppOptions,
} from './simulator/app.js';
export {
  createXeroSimulator,
  XERO_API_URL,
  XERO_REVOKE_URL,
  XERO_TOKEN_URL,
  type XeroSimulator,
  type XeroSimulatorCredentials,
  type XeroSimulatorOptions,
} from './simulator/index.js';
export type { XeroOrganisation } from './simulator/organisation.js';
export { ENDPOINTS as XERO_SIMULATED_ENDPOINTS, type EndpointInfo } from './simulator/routes.js';
export { CLINIC_ORGANISATION_NAME, type XeroSeed } from './simulator/seed.js';
export { XERO_ENTITY_NAMES, type XeroEntityName, type XeroRecord } from './simulator/state.js';
export {
  XERO_THROTTLE_LIMITS,
  type XeroRateLimitProblem,
  type XeroThrottleLimits,
} from './simulator/throttle.js';
