/** Identifies one connection of one tenant (a clinic's QuickBooks company, say). */
export interface ConnectionKey {
  /** The host's tenant (clinic, practice) identifier. */
  readonly tenantId: string;
  /** The host's name for this provider connection, unique within the tenant. */
  readonly connectionId: string;
}

/** The OAuth grant of one connection. These values unlock a clinic's ledger; they live only in a vault. */
export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  /** When the access token expires (RFC 3339). */
  readonly accessTokenExpiresAt?: string | undefined;
  /** When the refresh token expires (RFC 3339). */
  readonly refreshTokenExpiresAt?: string | undefined;
  readonly scope?: string | undefined;
  /** The provider-side tenant the grant serves: QuickBooks realm id, Xero tenant id, NetSuite account. */
  readonly providerTenantId?: string | undefined;
}

/** A vault entry: the tokens plus a version for compare-and-swap. */
export interface VaultRecord {
  readonly tokens: TokenSet;
  /** Increases by one on every successful put. */
  readonly version: number;
  /** `needs_reauth` once the provider has refused the refresh token; a human must reconnect. */
  readonly status: 'active' | 'needs_reauth';
}

/** Options for {@link TokenVault.put}. */
export interface PutOptions {
  /** The version the caller read; undefined to create. The put fails if the stored version differs. */
  readonly expectedVersion: number | undefined;
  readonly status?: VaultRecord['status'] | undefined;
}

/**
 * Where a connection's tokens live. Implementations must store them sealed; `put` is compare-and-swap on
 * `version`, so two refreshers cannot overwrite each other's rotated refresh token.
 */
export interface TokenVault {
  get(key: ConnectionKey): Promise<VaultRecord | undefined>;
  /** Stores tokens if the stored version equals `expectedVersion`; throws ConflictError otherwise. */
  put(key: ConnectionKey, tokens: TokenSet, options: PutOptions): Promise<VaultRecord>;
  delete(key: ConnectionKey): Promise<void>;
  /** The connections of one tenant. */
  list(tenantId: string): Promise<ConnectionKey[]>;
}
