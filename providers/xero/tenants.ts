import { z } from 'zod';
import { msTimestamp } from '../../src/engine/jsonata-functions.js';
import { isLedgerError, LedgerError, ProviderResponseError } from '../../src/http/errors.js';
import { createTransport, type Transport, type TransportOptions } from '../../src/http/transport.js';
import { parseXeroError } from './errors.js';

/** One Xero organisation (or practice) a token can reach. */
export interface XeroTenant {
  /** The value for `xero-tenant-id`, and the vault record's `providerTenantId`. */
  readonly tenantId: string;
  /** `ORGANISATION` or `PRACTICE`. */
  readonly tenantType: string;
  readonly tenantName: string;
  /** The connection's own id (for `DELETE /connections/{id}`). */
  readonly connectionId: string;
  readonly authEventId?: string | undefined;
  /** When the user connected the tenant to the app (RFC 3339). */
  readonly createdAt?: string | undefined;
  readonly updatedAt?: string | undefined;
}

/** Options for {@link listXeroTenants}. */
export interface ListXeroTenantsOptions {
  /** A current access token. It is used for this one call and not kept. */
  readonly accessToken: string;
  /** Identity API root. Default `https://api.xero.com`. */
  readonly apiRoot?: string | undefined;
  /** The transport to send through; default a hardened one built from `transportOptions`. */
  readonly transport?: Transport | undefined;
  readonly transportOptions?: TransportOptions | undefined;
  readonly signal?: AbortSignal | undefined;
}

const Connection = z.object({
  id: z.string().min(1).max(128),
  tenantId: z.string().min(1).max(128),
  tenantType: z.string().max(64).optional(),
  tenantName: z.string().max(500).nullable().optional(),
  authEventId: z.string().max(128).nullable().optional(),
  createdDateUtc: z.string().max(64).nullable().optional(),
  updatedDateUtc: z.string().max(64).nullable().optional(),
});

/**
 * The tenants an access token can reach (`GET https://api.xero.com/connections`), for choosing the
 * `xero-tenant-id` after a user connects. Goes through the same hardened transport as every other call;
 * failures are LedgerErrors without Xero's text.
 *
 * @example
 * ```ts
 * const [clinic] = await listXeroTenants({ accessToken });
 * await vault.put(key, { accessToken, refreshToken, providerTenantId: clinic.tenantId }, …);
 * ```
 */
export async function listXeroTenants(options: ListXeroTenantsOptions): Promise<XeroTenant[]> {
  const operation = 'connections.list';
  const transport = options.transport ?? createTransport(options.transportOptions);
  const root = (options.apiRoot ?? 'https://api.xero.com').replace(/\/+$/, '');
  let response: Awaited<ReturnType<Transport['send']>>;
  try {
    response = await transport.send(
      {
        method: 'GET',
        url: new URL(`${root}/connections`),
        headers: { accept: 'application/json', authorization: `Bearer ${options.accessToken}` },
      },
      options.signal,
    );
  } catch (error) {
    const failure = isLedgerError(error)
      ? error
      : new LedgerError({ code: 'network_error', retryable: true });
    throw failure.with({ provider: 'xero', operation });
  }
  if (response.status >= 400) {
    const error =
      parseXeroError(response, { operation, isWrite: false }) ?? new LedgerError({ code: 'internal' });
    throw error.with({
      provider: 'xero',
      operation,
      httpStatus: response.status,
      providerRequestId: response.headers.get('xero-correlation-id') ?? undefined,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new ProviderResponseError({
      provider: 'xero',
      operation,
      issues: [{ path: '', code: 'invalid_json' }],
    });
  }
  return parseXeroConnections(body, operation);
}

/**
 * The tenants in a parsed `GET /connections` body.
 *
 * @throws {ProviderResponseError} when the body is not a list of connections (issue paths and codes only).
 */
export function parseXeroConnections(body: unknown, operation = 'connections.list'): XeroTenant[] {
  const parsed = z.array(Connection).safeParse(body);
  if (!parsed.success) {
    throw new ProviderResponseError({
      provider: 'xero',
      operation,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        code: issue.code,
      })),
    });
  }
  return parsed.data.map((connection) => {
    // Xero writes these instants without a zone; they are UTC, as msTimestamp reads a zone-less instant.
    const createdAt = msTimestamp(connection.createdDateUtc);
    const updatedAt = msTimestamp(connection.updatedDateUtc);
    return {
      tenantId: connection.tenantId,
      tenantType: connection.tenantType ?? 'ORGANISATION',
      tenantName: connection.tenantName ?? '',
      connectionId: connection.id,
      ...(connection.authEventId ? { authEventId: connection.authEventId } : {}),
      ...(createdAt ? { createdAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
    };
  });
}
