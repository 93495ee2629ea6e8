import type { HttpRequest } from '../http/transport.js';
import type { ConnectionTarget, ProviderDefinition, RequestSpec } from './definition.js';

/** Placeholder a request path may use for the connection's provider tenant id. */
export const TENANT_PLACEHOLDER = '{tenant}';

/**
 * Turns a provider's request spec into the concrete HTTP request: base URL, default and per-request query,
 * headers with the bearer token, and a serialised body. Nothing here is logged or kept.
 */
export function buildHttpRequest(
  definition: ProviderDefinition,
  spec: RequestSpec,
  target: ConnectionTarget,
  accessToken: string,
): HttpRequest {
  // `{tenant}` lets a path name the provider tenant (QuickBooks `/companyinfo/{realmId}`).
  const path = spec.path.replaceAll(TENANT_PLACEHOLDER, encodeURIComponent(target.providerTenantId));
  const url = new URL(`${definition.baseUrl(target)}${path}`);
  for (const [name, value] of Object.entries({ ...definition.defaultQuery, ...spec.query })) {
    url.searchParams.set(name, value);
  }
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...definition.defaultHeaders,
    ...spec.headers,
  };
  if (definition.authorize) definition.authorize(headers, accessToken, target);
  else headers.authorization = `Bearer ${accessToken}`;
  return {
    method: spec.method,
    url,
    headers,
    body: serialiseBody(spec.body, headers),
    responseType: spec.responseType,
  };
}

function serialiseBody(
  body: unknown,
  headers: Record<string, string>,
): string | Uint8Array | FormData | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData) return body;
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}
