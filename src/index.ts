/**
 * ledgerbridge: one unified accounting schema over QuickBooks Online, Xero and NetSuite, for healthcare
 * backends and their AI agents. Runs inside the host process and keeps nothing.
 *
 * Providers live on their own subpaths (`ledgerbridge/quickbooks`); this root entry holds no provider code.
 */
export {
  AUDIT_IDENTIFIER,
  AuditRecord,
  type AuditSink,
  type AuditVerification,
  type FileAuditSink,
  type FileAuditSinkOptions,
  fileAuditSink,
  memoryAuditSink,
  verifyAuditLog,
} from './audit/index.js';
// Credentials (src/auth): encrypted vault, key rotation, token refresh, OAuth flows.
export {
  createEncryptedVault,
  type EncryptedVault,
  type EncryptedVaultOptions,
  type RewrapReport,
} from './auth/encrypted-vault.js';
export { type FileSecretStoreOptions, fileSecretStore } from './auth/file-secret-store.js';
export {
  type KeyRing,
  type LocalKeyRing,
  type LocalKeyRingOptions,
  localKeyRing,
  localKeyRingFromEnv,
} from './auth/key-ring.js';
export {
  createMemoryLockProvider,
  type HeldLock,
  type LockOptions,
  type LockProvider,
} from './auth/lock-provider.js';
export { memorySecretStore } from './auth/memory-secret-store.js';
export { createMemoryTokenVault } from './auth/memory-token-vault.js';
export {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  type CodeExchangeInput,
  createAuthorizationRequest,
  exchangeAuthorizationCode,
} from './auth/oauth-authorization-code.js';
export {
  type AssertionAlgorithm,
  createClientCredentialsRefresher,
  importAssertionKey,
  requestClientCredentialsToken,
} from './auth/oauth-client-credentials.js';
export type {
  OAuthClientCredentials,
  OAuthProviderConfig,
  TenantResolutionContext,
} from './auth/oauth-config.js';
export { createOAuthFlows, type OAuthFlows, type OAuthFlowsOptions } from './auth/oauth-flows.js';
export { createOAuthHttp, type FetchFunction, type OAuthHttp } from './auth/oauth-http.js';
export { createOAuthRefresher, refreshTokens } from './auth/oauth-refresh.js';
export { type RevokeOptions, revokeToken } from './auth/oauth-revoke.js';
export {
  type OAuth1Credentials,
  type OAuth1Request,
  type OAuth1SignOptions,
  percentEncode,
  signatureBaseString,
  signOAuth1Request,
} from './auth/oauth1-signature.js';
export {
  createRefreshingCredentials,
  type RefreshingCredentials,
  type RefreshingCredentialsOptions,
} from './auth/refreshing-credentials.js';
export { inspectSealedRecord, SEALED_FORMAT_VERSION, type SealedRecordInfo } from './auth/sealed-record.js';
export type { SealedEntry, SecretStore } from './auth/secret-store.js';
export { storeGrant } from './auth/store-grant.js';
export type { ProviderAuth, TokenRefresher } from './auth/token-refresher.js';
export type { ConnectionKey, PutOptions, TokenSet, TokenVault, VaultRecord } from './auth/token-vault.js';
export { VaultIntegrityError } from './auth/vault-errors.js';
export type { Connection } from './connection/connection.js';
export type { ListOptions, ListPageOptions, ResourceReader } from './connection/resource-reader.js';
export type { ListFilter } from './engine/definition.js';
export type { MappingOverrides, ResourceOverrides } from './engine/overrides.js';
export type { LedgerProvider } from './engine/provider.js';
export type {
  CallEvent,
  CallMetadata,
  CallOptions,
  CredentialSource,
  Page,
} from './engine/provider-client.js';
export type { ExecutionPlan, ExecutionResult, ExecutionStatus } from './executor/execution-result.js';
export type { ExecutionContext } from './executor/executor.js';
export {
  createMemoryIdempotencyStore,
  type IdempotencyClaim,
  type IdempotencyOutcome,
  type IdempotencyRecord,
  type IdempotencySecret,
  type IdempotencyStatus,
  type IdempotencyStore,
} from './executor/idempotency/index.js';
export type { Actor, ApprovalDecision, ApprovalRequest, WritePolicy } from './executor/policy.js';
export type { Verification } from './executor/verification.js';
export type { RetryPolicy } from './http/backoff.js';
export { ERROR_CODES, type ErrorCode, type ErrorOutcome } from './http/error-codes.js';
export {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  IdempotencyConflictError,
  isLedgerError,
  LedgerError,
  type LedgerErrorFields,
  NotFoundError,
  PermissionError,
  PolicyDeniedError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  UnsupportedOperationError,
  ValidationError,
  type ValidationIssue,
} from './http/errors.js';
export type { TlsOptions } from './http/hardened-agent.js';
export type { LimiterConfig, RateWindow } from './http/limiter.js';
export {
  type LimiterCorrection,
  type LimiterSnapshot,
  type LimiterStore,
  memoryLimiterStore,
  type SlotDecision,
} from './http/limiter-store.js';
export {
  mostRestrictive,
  type RateLimitInfo,
  type RateLimitScope,
  rateLimitHeaders,
} from './http/rate-limit-info.js';
export type { TransportOptions } from './http/transport.js';
export * from './intents/index.js';
export { type ConnectOptions, createLedger, type Ledger, type LedgerOptions } from './ledger.js';
export * from './schema/index.js';
