export { canonicalJson } from './canonical-json.js';
export { createInFlightRegistry, type InFlightRegistry } from './in-flight.js';
export {
  contentFingerprint,
  deriveIdempotencyKey,
  IDEMPOTENCY_KEY_LENGTH,
  type IdempotencyKeyInput,
  isValidCallerKey,
  scopedStoreKey,
} from './key.js';
export {
  createTenantSecretResolver,
  type IdempotencySecret,
  MIN_IDEMPOTENCY_SECRET_BYTES,
  resolveTenantSecret,
  type TenantSecretResolverOptions,
} from './secrets.js';
export {
  assertSameWrite,
  createMemoryIdempotencyStore,
  type IdempotencyClaim,
  type IdempotencyOutcome,
  type IdempotencyRecord,
  type IdempotencyStatus,
  type IdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './store.js';
