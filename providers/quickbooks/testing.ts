/**
 * `ledgerbridge/quickbooks/testing`: a simulated QuickBooks Online company for offline tests of the SDK
 * and of agents built on it. Requires the optional peer dependency `msw`.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
 *
 * const sim = createQuickBooksSimulator({ throttle: false });
 * const server = setupServer(...sim.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 */

export type { FaultKind, FaultSpec, RecordedRequest } from '../../src/testing/index.js';
export type {
  ApiTokenStatus,
  IssuedGrant,
  IssuedTokenStatus,
  OAuthServerSimulator as QuickBooksOAuthServer,
  OAuthSimulatorOptions as QuickBooksOAuthSimulatorOptions,
  TokenEndpointCall,
} from '../../src/testing/oauth-server.js';
export type { QuickBooksCompany } from './simulator/company.js';
export {
  QUICKBOOKS_ENTITY_NAMES,
  type QuickBooksEntityName,
  type QuickBooksRecord,
} from './simulator/entities.js';
export type { QuickBooksErrorItem, QuickBooksFaultType } from './simulator/errors.js';
export {
  createQuickBooksSimulator,
  QUICKBOOKS_PRODUCTION_URL,
  QUICKBOOKS_REVOKE_URL,
  QUICKBOOKS_SANDBOX_URL,
  QUICKBOOKS_TOKEN_URL,
  type QuickBooksSimulator,
  type QuickBooksSimulatorCredentials,
  type QuickBooksSimulatorOptions,
} from './simulator/index.js';
export { CLINIC_COMPANY_NAME, type QuickBooksSeed } from './simulator/seed.js';
export { QUICKBOOKS_THROTTLE_LIMITS, type ThrottleLimits } from './simulator/throttle.js';
