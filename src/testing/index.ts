/**
 * `ledgerbridge/testing`: the provider-neutral simulator kit. Each provider's simulator
 * (`ledgerbridge/quickbooks/testing`, …) is built from these parts, and host applications can use them to
 * fake their own edges. Test-only: recorders keep request bodies, so feed them synthetic data, never PHI.
 */
export {
  createFaultInjector,
  DEFAULT_TIMEOUT_FAULT_MS,
  type FaultInjector,
  type FaultKind,
  type FaultMatch,
  type FaultSpec,
  waitForTimeoutFault,
} from './fault-injector.js';
export {
  type FetchHandler,
  type LocalServer,
  type LocalServerOptions,
  startLocalServer,
} from './local-server.js';
export {
  type ApiTokenStatus,
  createOAuthServerSimulator,
  type IssuedGrant,
  type IssuedTokenStatus,
  type OAuthServerFacts,
  type OAuthServerSimulator,
  type OAuthSimulatorOptions,
  type TokenEndpointCall,
} from './oauth-server.js';
export {
  createRequestRecorder,
  type RecordedRequest,
  type RequestRecorder,
  toRecordedRequest,
} from './request-recorder.js';
