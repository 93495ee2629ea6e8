import type { OAuthHttp } from './oauth-http.js';
import type { TokenSet } from './token-vault.js';

/**
 * Obtains a new access token for one connection. Implementations are stateless: the refresh manager reads
 * the current {@link TokenSet} from the vault, calls `refresh`, and stores the result with compare-and-swap.
 *
 * Error contract (LedgerErrors only, never token text):
 * - `providerCode: 'invalid_grant'`: the grant is dead; the connection needs a human to reconnect.
 * - `outcome: 'uncertain'`: the request left and no usable answer came back; the server may have rotated
 *   the refresh token.
 * - anything else: nothing changed at the provider; a later attempt may succeed.
 */
export interface TokenRefresher {
  /** Provider identifier, for errors and audit records. */
  readonly provider: string;
  /** The provider may replace the refresh token on refresh, so a spent one must never be presented again. */
  readonly rotatesRefreshTokens: boolean;
  /** False for grants without a refresh token (client credentials), which simply mint a new token. */
  readonly usesRefreshToken: boolean;
  refresh(current: TokenSet, signal?: AbortSignal): Promise<TokenSet>;
}

/**
 * How a provider keeps a connection's access token fresh: what `quickbooks({ clientId, clientSecret })`
 * puts on {@link LedgerProvider.auth}. `ledger.connect` uses it to build the connection's refreshing
 * credential source; without it the connection reads the vault as is and never refreshes.
 */
export interface ProviderAuth {
  /** Builds the refresher, given the ledger's hardened HTTP for token endpoints. */
  createRefresher(http: OAuthHttp): TokenRefresher;
  /** Refresh this long before the access token expires. Default 5 minutes. */
  readonly refreshMarginMs?: number | undefined;
}
