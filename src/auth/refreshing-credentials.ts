import { createAuditRecord } from '../audit/audit-record.js';
import type { AuditSink } from '../audit/audit-sink.js';
import type { ConnectionTarget } from '../engine/definition.js';
import type { CredentialSource } from '../engine/provider-client.js';
import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  isLedgerError,
  LedgerError,
} from '../http/errors.js';
import { createMemoryLockProvider, type LockProvider } from './lock-provider.js';
import type { TokenRefresher } from './token-refresher.js';
import type { ConnectionKey, TokenSet, TokenVault, VaultRecord } from './token-vault.js';

/** Options for {@link createRefreshingCredentials}. */
export interface RefreshingCredentialsOptions {
  readonly vault: TokenVault;
  readonly key: ConnectionKey;
  /** Runs the provider's grant (from `provider.auth.createRefresher`). */
  readonly refresher: TokenRefresher;
  /** The provider-side tenant, when the vault record does not carry it. */
  readonly providerTenantId?: string | undefined;
  /**
   * Serialises refreshes of one connection across processes. Default: in-process only. Every process that
   * shares the vault must share one lock provider, or two of them may spend the same refresh token.
   */
  readonly locks?: LockProvider | undefined;
  /** Receives one `auth.refresh` record per refresh attempt (metadata only). */
  readonly audit?: AuditSink | undefined;
  /** Refresh this long before the access token expires. Default 5 minutes. */
  readonly refreshMarginMs?: number | undefined;
  /** Lease asked of the lock provider. Default 60 s; keep it above the token endpoint timeout. */
  readonly lockLeaseMs?: number | undefined;
  /**
   * After a refresh whose outcome is unknown, with rotating refresh tokens, the (possibly spent) refresh
   * token is presented again only once the access token has actually expired and at least this long has
   * passed. Default 60 s.
   */
  readonly uncertainRefreshHoldMs?: number | undefined;
}

/** A {@link CredentialSource} that keeps a connection's access token fresh. */
export interface RefreshingCredentials extends CredentialSource {
  /** Refreshes now if the token is within the margin (or `force`), under the same single-flight and lock. */
  refresh(options?: { readonly force?: boolean | undefined }): Promise<void>;
}

type Reason = { readonly kind: 'expiry' } | { readonly kind: 'rejected'; readonly token: string };

const DEFAULT_MARGIN_MS = 5 * 60_000;
const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_UNCERTAIN_HOLD_MS = 60_000;
const STORE_ATTEMPTS = 5;

/**
 * The refresh manager (DESIGN invariant 6). On every call it reads the vault; when the access token is
 * within `refreshMarginMs` of expiry it refreshes, and:
 *
 * - **once per connection**: concurrent callers in the process share one in-flight refresh, and a
 *   {@link LockProvider} serialises processes; after taking the lock the vault is read again, so a refresh
 *   another process finished is used, not repeated;
 * - **without losing a rotated refresh token**: the result is stored by compare-and-swap on the version
 *   read under the lock;
 * - **stopping on a dead grant**: `invalid_grant` marks the record `needs_reauth`, audits it once, and every
 *   later call fails fast with `AuthenticationError` (issue `needs_reauth`) and no network traffic;
 * - **never blindly resending**: when a refresh left and no answer came back while refresh tokens rotate,
 *   it is not retried at once (a spent refresh token could revoke the grant); the vault is re-read (another
 *   process may have stored a result), the still-valid access token keeps serving, and the refresh token is
 *   presented once more only after the access token has expired and `uncertainRefreshHoldMs` has passed.
 *
 * `afterRejection` (a 401 from the API) forces one refresh if the vault still holds the rejected token.
 * Token values never appear in errors, logs or audit records.
 */
export function createRefreshingCredentials(options: RefreshingCredentialsOptions): RefreshingCredentials {
  const { vault, key, refresher } = options;
  const provider = refresher.provider;
  const locks = options.locks ?? createMemoryLockProvider();
  const marginMs = options.refreshMarginMs ?? DEFAULT_MARGIN_MS;
  const leaseMs = options.lockLeaseMs ?? DEFAULT_LEASE_MS;
  const holdMs = options.uncertainRefreshHoldMs ?? DEFAULT_UNCERTAIN_HOLD_MS;
  const lockName = `ledgerbridge:refresh:${JSON.stringify([key.tenantId, key.connectionId])}`;
  let flight: { readonly reason: Reason; readonly promise: Promise<VaultRecord> } | undefined;
  // A refresh token whose refresh had an unknown outcome (rotating grants only), and when. It may be spent;
  // a different refresh token in the vault (a success elsewhere, a reconnect) lifts the hold.
  let uncertain: { readonly refreshToken: string | undefined; readonly since: number } | undefined;

  const authError = (code: string, operation = 'auth.refresh') =>
    new AuthenticationError({ provider, operation, issues: [{ path: 'vault', code }] });

  function usable(record: VaultRecord): VaultRecord {
    if (record.status === 'needs_reauth') throw authError('needs_reauth');
    return record;
  }

  async function read(): Promise<VaultRecord> {
    const record = await vault.get(key);
    if (!record) throw authError('no_credentials');
    return usable(record);
  }

  function expiresAt(record: VaultRecord): number | undefined {
    const text = record.tokens.accessTokenExpiresAt;
    return text === undefined ? undefined : Date.parse(text);
  }
  const isExpired = (record: VaultRecord) => (expiresAt(record) ?? Number.POSITIVE_INFINITY) <= Date.now();
  const isDue = (record: VaultRecord) =>
    (expiresAt(record) ?? Number.POSITIVE_INFINITY) - marginMs <= Date.now();

  function credential(record: VaultRecord): { accessToken: string; target: ConnectionTarget } {
    const providerTenantId = options.providerTenantId ?? record.tokens.providerTenantId;
    if (!providerTenantId) {
      throw new ConfigurationError({ provider, issues: [{ path: 'providerTenantId', code: 'required' }] });
    }
    return { accessToken: record.tokens.accessToken, target: { providerTenantId } };
  }

  async function audit(
    outcome: 'success' | 'failure' | 'uncertain',
    started: number,
    error?: { readonly errorCode: string; readonly httpStatus?: number | undefined },
  ): Promise<void> {
    if (!options.audit) return;
    const record = createAuditRecord({
      tenantId: key.tenantId,
      connectionId: key.connectionId,
      provider,
      actor: {},
      operation: 'auth.refresh',
      phase: 'outcome',
      outcome,
      durationMs: Math.max(0, Math.round(performance.now() - started)),
      attempts: 1,
      ...(error ? { errorCode: error.errorCode } : {}),
      ...(error?.httpStatus ? { httpStatus: error.httpStatus } : {}),
    });
    try {
      await options.audit.write(record);
    } catch {
      throw new LedgerError({ code: 'audit_failed', provider, operation: 'auth.refresh' });
    }
  }

  /** Marks the grant dead, once: a concurrent marker (another process) wins and audits instead. */
  async function markNeedsReauth(
    record: VaultRecord,
    started: number,
    errorCode: string,
    httpStatus?: number,
  ) {
    try {
      await vault.put(key, record.tokens, { expectedVersion: record.version, status: 'needs_reauth' });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const current = await vault.get(key);
      // Someone reconnected the grant meanwhile: theirs stands, and ours was the old one.
      if (current?.status === 'active' && !isDue(current)) return current;
      throw authError('needs_reauth');
    }
    await audit('failure', started, { errorCode, httpStatus });
    throw authError('needs_reauth');
  }

  /** Stores refreshed tokens by compare-and-swap, riding over writes that did not change the grant (re-wraps). */
  async function store(read: VaultRecord, next: TokenSet): Promise<VaultRecord> {
    let base = read;
    for (let attempt = 0; attempt < STORE_ATTEMPTS; attempt += 1) {
      const tokens: TokenSet = {
        ...next,
        providerTenantId: next.providerTenantId ?? base.tokens.providerTenantId,
      };
      try {
        return await vault.put(key, tokens, { expectedVersion: base.version });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      const current = await vault.get(key);
      if (!current) throw authError('no_credentials');
      const sameGrantState =
        current.status === read.status &&
        current.tokens.accessToken === read.tokens.accessToken &&
        current.tokens.refreshToken === read.tokens.refreshToken;
      if (sameGrantState) {
        base = current;
        continue;
      }
      // A different grant state was stored despite the lock (a reconnect, an expired lease): it is newer.
      if (current.status === 'active' && !isExpired(current)) return current;
      break;
    }
    throw new ConflictError({
      provider,
      operation: 'auth.refresh',
      issues: [{ path: 'version', code: 'version_mismatch' }],
    });
  }

  async function refreshRecord(record: VaultRecord): Promise<VaultRecord> {
    const started = performance.now();
    if (refresher.usesRefreshToken) {
      if (record.tokens.refreshToken === undefined) throw authError('no_refresh_token');
      const refreshExpiry = record.tokens.refreshTokenExpiresAt;
      if (refreshExpiry !== undefined && Date.parse(refreshExpiry) <= Date.now()) {
        return markNeedsReauth(record, started, 'refresh_token_expired');
      }
    }
    const hold = uncertain?.refreshToken === record.tokens.refreshToken ? uncertain : undefined;
    if (hold && (!isExpired(record) || Date.now() < hold.since + holdMs)) throw uncertainError();
    let next: TokenSet;
    try {
      next = await refresher.refresh(record.tokens);
    } catch (thrown) {
      const error = isLedgerError(thrown) ? thrown : new LedgerError({ code: 'internal', provider });
      if (error.providerCode === 'invalid_grant') {
        return markNeedsReauth(record, started, 'invalid_grant', error.httpStatus);
      }
      if (error.outcome === 'uncertain') {
        if (refresher.rotatesRefreshTokens) {
          uncertain = { refreshToken: record.tokens.refreshToken, since: Date.now() };
        }
        await audit('uncertain', started, { errorCode: error.code, httpStatus: error.httpStatus });
        const current = await vault.get(key);
        if (current && current.version !== record.version && current.status === 'active' && !isDue(current)) {
          return current;
        }
        throw uncertainError(error);
      }
      await audit('failure', started, {
        errorCode: error.providerCode ?? error.code,
        httpStatus: error.httpStatus,
      });
      // The server answered and refused: nothing changed, so this call surfaces it and a later one may retry.
      throw error.with({ provider, operation: 'auth.refresh', outcome: 'failed' });
    }
    uncertain = undefined;
    const stored = await store(record, next);
    await audit('success', started);
    return stored;
  }

  function uncertainError(cause?: LedgerError): LedgerError {
    // To the API call this is a failure before sending (`outcome: failed`); the unknown refresh is the cause.
    return new AuthenticationError({
      provider,
      operation: 'auth.refresh',
      retryable: !refresher.rotatesRefreshTokens,
      issues: [{ path: 'vault', code: 'refresh_outcome_unknown' }],
      cause,
    });
  }

  async function refreshUnderLock(reason: Reason): Promise<VaultRecord> {
    const lock = await locks.acquire(lockName, { leaseMs });
    try {
      // Another process may have refreshed while we waited for the lock.
      const record = await read();
      if (reason.kind === 'expiry' && !isDue(record)) return record;
      if (reason.kind === 'rejected' && record.tokens.accessToken !== reason.token && !isExpired(record)) {
        return record;
      }
      return await refreshRecord(record);
    } finally {
      await lock.release();
    }
  }

  /** One refresh per connection at a time in this process; later callers join the one in flight. */
  async function refreshOnce(reason: Reason): Promise<VaultRecord> {
    const joined = flight;
    if (joined && sameReason(joined.reason, reason)) return joined.promise;
    if (joined) await joined.promise.catch(() => undefined);
    if (flight) return refreshOnce(reason);
    const promise = refreshUnderLock(reason).finally(() => {
      if (flight?.promise === promise) flight = undefined;
    });
    flight = { reason, promise };
    return promise;
  }

  return {
    async current(signal) {
      const record = await read();
      if (!isDue(record)) return credential(record);
      try {
        return credential(await abortable(refreshOnce({ kind: 'expiry' }), signal));
      } catch (error) {
        // Refreshing ahead of expiry is a courtesy: until the token actually expires, keep using it.
        if (!isExpired(record) && !isNeedsReauth(error) && !signal?.aborted) return credential(record);
        throw error;
      }
    },

    async afterRejection(rejectedToken, signal) {
      const record = await vault.get(key);
      if (!record || record.status === 'needs_reauth') return false;
      if (record.tokens.accessToken !== rejectedToken && !isExpired(record)) return true;
      try {
        const next = await abortable(refreshOnce({ kind: 'rejected', token: rejectedToken }), signal);
        return next.tokens.accessToken !== rejectedToken;
      } catch (error) {
        if (isNeedsReauth(error)) throw error;
        return false;
      }
    },

    async refresh(refreshOptions = {}) {
      const record = await read();
      await refreshOnce(
        refreshOptions.force ? { kind: 'rejected', token: record.tokens.accessToken } : { kind: 'expiry' },
      );
    },
  };
}

function sameReason(a: Reason, b: Reason): boolean {
  return a.kind === b.kind && (a.kind === 'expiry' || (b.kind === 'rejected' && a.token === b.token));
}

function isNeedsReauth(error: unknown): boolean {
  return isLedgerError(error) && error.issues?.some((issue) => issue.code === 'needs_reauth') === true;
}

/** Lets one caller stop waiting without cancelling the refresh other callers share. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new LedgerError({ code: 'aborted', operation: 'auth.refresh' }));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new LedgerError({ code: 'aborted', operation: 'auth.refresh' }));
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
