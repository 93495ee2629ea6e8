/** Which budget a rate limit describes. */
export type RateLimitScope = 'second' | 'minute' | 'day' | 'app' | 'concurrency';

/**
 * A provider's rate-limit state normalised to the IETF RateLimit fields: how many requests the window
 * allows, how many remain, and how many seconds until it resets.
 */
export interface RateLimitInfo {
  /** Requests the window allows, when the provider says or the adapter knows. */
  readonly limit?: number | undefined;
  /** Requests left in the window. */
  readonly remaining?: number | undefined;
  /** Seconds until the window resets (or until a retry is allowed after a 429). */
  readonly resetSeconds?: number | undefined;
  /** The budget this describes. */
  readonly scope?: RateLimitScope | undefined;
  /** A policy name such as `quickbooks-realm-minute` (identifier syntax, never free text). */
  readonly policy?: string | undefined;
}
