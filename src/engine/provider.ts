import type { ProviderAuth } from '../auth/token-refresher.js';
import type { ProviderDefinition } from './definition.js';

/**
 * What a provider factory such as `quickbooks({...})` returns and `ledger.connect` takes. Hosts never build
 * one by hand; each provider subpath exports its factory.
 */
export interface LedgerProvider {
  /** Provider identifier, for example `quickbooks`. */
  readonly name: string;
  /** The declarative definition the engine runs. */
  readonly definition: ProviderDefinition;
  /**
   * How to keep access tokens fresh, present when the factory was given OAuth client credentials. Without
   * it a connection uses the vault's token as is and fails once it expires.
   */
  readonly auth?: ProviderAuth | undefined;
}
