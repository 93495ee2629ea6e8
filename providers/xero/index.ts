import { createOAuthRefresher } from '../../src/auth/oauth-refresh.js';
import type { LedgerProvider } from '../../src/engine/provider.js';
import { ConfigurationError } from '../../src/http/errors.js';
import { isCurrencyCode } from '../../src/schema/currencies.js';
import { type XeroOAuthEndpoints, xeroOAuthConfig } from './auth.js';
import { createXeroDefinition } from './definition.js';

/** Xero's API host. */
export const XERO_API_ROOT = 'https://api.xero.com';

/** Options for {@link xero}. */
export interface XeroOptions {
  /**
   * Overrides the API root, for example a loopback simulator (`http://127.0.0.1:8080`, which also needs the
   * ledger's `transport.allowInsecureLoopback`). The Accounting API lives under `/api.xro/2.0` below it.
   */
  readonly apiRoot?: string | undefined;
  /**
   * Set `false` to turn off the client-side limiter (Xero's 60 a minute and 5 at once per tenant, 10,000 a
   * minute per app), for example against a simulator with throttling off. Leave it on against Xero.
   */
  readonly rateLimits?: false | undefined;
  /**
   * The organisation's base currency (`Organisation.BaseCurrency`, e.g. from `books.company.get()`). Xero
   * keeps manual journals and contact balances in it without naming it, so journal entries read with this
   * currency, and a journal entry in another currency is refused. Default `USD`.
   */
  readonly baseCurrency?: string | undefined;
  /**
   * Your Xero app's OAuth client id. With `clientSecret`, connections refresh their 30-minute access tokens
   * before they expire (single-flight, locked, the rotated refresh token stored by compare-and-swap);
   * without, the vault's token is used as is.
   */
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  /** Xero Identity endpoint overrides, for a simulator on loopback. */
  readonly oauthEndpoints?: XeroOAuthEndpoints | undefined;
  /** Refresh this long before the access token expires. Default 5 minutes. */
  readonly refreshMarginMs?: number | undefined;
}

/**
 * The Xero provider, for `ledger.connect({ provider: xero(), … })`. The connection's vault record carries
 * the Xero tenant id (from {@link listXeroTenants}) as `providerTenantId`; every call sends it as
 * `xero-tenant-id`.
 *
 * How the unified schema meets Xero:
 * - `invoices` and `bills` are Xero invoices of Type ACCREC and ACCPAY; `creditNotes` are ACCRECCREDIT
 *   credit notes; `expenses` are SPEND bank transactions; `journalEntries` are manual journals; `company` is
 *   the organisation. Creates are PUTs and are AUTHORISED (POSTED for journals) at once; updates are POSTs.
 * - `customers` and `vendors` are both Xero contacts. Xero flags a contact `IsCustomer`/`IsSupplier` once
 *   an invoice or bill is raised against it and cannot be told either; a new contact has neither flag. So
 *   each list shows the contacts Xero does not know as only the other kind (new contacts show in both), a
 *   get by id answers for any contact, and `roles` reports Xero's flags (or the resource's role when there
 *   are none yet).
 * - Deleting sets a status: DELETED for documents (Xero accepts that only for drafts), ARCHIVED for
 *   contacts and accounts; voiding sets VOIDED (DELETED for payments); items are truly deleted.
 * - `nameStartsWith` is refused: Xero's filters travel in the URL, and a name there would put PHI in a URL.
 * - Attachments are listed per record (`{ entityType, entityId }`) and uploaded under a content-hash file
 *   name, since Xero takes the file name in the URL path.
 * - Fields Xero has no place for (an invoice's internal `memo`, a line's `serviceDate`, a contact's
 *   `companyName` and `notes`, …) are refused with `unsupported_by_provider` rather than dropped.
 *
 * @example
 * ```ts
 * import { listXeroTenants, xero } from 'ledgerbridge/xero';
 * const [clinic] = await listXeroTenants({ accessToken });
 * const books = await ledger.connect({ provider: xero(), tenantId, connectionId, providerTenantId: clinic.tenantId });
 * ```
 */
export function xero(options: XeroOptions = {}): LedgerProvider {
  const baseCurrency = options.baseCurrency ?? 'USD';
  if (!isCurrencyCode(baseCurrency)) {
    throw new ConfigurationError({
      provider: 'xero',
      operation: 'xero',
      issues: [{ path: 'baseCurrency', code: 'invalid_currency' }],
    });
  }
  const { clientId, clientSecret } = options;
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    throw new ConfigurationError({
      provider: 'xero',
      operation: 'xero',
      issues: [{ path: clientId ? 'clientSecret' : 'clientId', code: 'required' }],
    });
  }
  const definition = createXeroDefinition({ apiRoot: options.apiRoot ?? XERO_API_ROOT, baseCurrency });
  const oauthConfig = xeroOAuthConfig(options.oauthEndpoints);
  return {
    name: 'xero',
    definition:
      options.rateLimits === false
        ? { ...definition, rateLimits: undefined, appRateLimits: undefined }
        : definition,
    ...(clientId && clientSecret
      ? {
          auth: {
            createRefresher: (http) => createOAuthRefresher(oauthConfig, { clientId, clientSecret }, http),
            refreshMarginMs: options.refreshMarginMs,
          },
        }
      : {}),
  };
}

export { xeroAttachmentFileName } from './attachments.js';
export {
  XERO_LEGACY_SCOPES,
  XERO_OAUTH_ENDPOINTS,
  XERO_SCOPES,
  type XeroOAuthEndpoints,
  type XeroOAuthOptions,
  xeroOAuth,
  xeroOAuthConfig,
} from './auth.js';
export { toIdempotencyKey, XERO_ACCOUNTING_PATH } from './definition.js';
export { classifyXeroMessage, parseXeroError } from './errors.js';
export { parseXeroRateLimit, rateLimitProblem, XERO_LIMITS } from './rate-limit.js';
export { XERO_DOCUMENT_STATUSES, XERO_PAYMENT_TYPES } from './resources.js';
export {
  type ListXeroTenantsOptions,
  listXeroTenants,
  parseXeroConnections,
  type XeroTenant,
} from './tenants.js';
