/**
 * The QBO v3 URL space the simulator answers, parsed into a route. Everything lives under
 * `/v3/company/{realmId}/`:
 *
 * | method | path                          | route                                      |
 * |--------|-------------------------------|--------------------------------------------|
 * | POST   | `query` (text body)           | query                                      |
 * | GET    | `query?query=…`               | query                                      |
 * | GET    | `{entity}/{id}`               | read (`companyinfo/{realmId}` for the company) |
 * | POST   | `{entity}`                    | create (no Id) or update (Id + SyncToken)  |
 * | POST   | `{entity}?operation=delete`   | delete                                     |
 * | POST   | `{entity}?operation=void`     | void                                       |
 * | POST   | `upload` (multipart)          | upload attachments                         |
 */
import { entityFromName, type QuickBooksEntityName } from './entities.js';

/** A write endpoint's operation, from `?operation=` (absent, `create` and `update` all mean save). */
export type WriteOperation = 'save' | 'delete' | 'void' | 'unsupported';

/** A parsed request target. */
export type Route =
  | { readonly kind: 'query'; readonly realmId: string; readonly text: string | undefined }
  | {
      readonly kind: 'read';
      readonly realmId: string;
      readonly entity: QuickBooksEntityName;
      readonly id: string;
    }
  | {
      readonly kind: 'write';
      readonly realmId: string;
      readonly entity: QuickBooksEntityName;
      readonly operation: WriteOperation;
    }
  | { readonly kind: 'upload'; readonly realmId: string }
  | { readonly kind: 'unknown'; readonly realmId: string };

function writeOperation(value: string | null): WriteOperation {
  switch (value?.toLowerCase()) {
    case undefined:
    case 'create':
    case 'update':
      return 'save';
    case 'delete':
      return 'delete';
    case 'void':
      return 'void';
    default:
      return 'unsupported';
  }
}

/**
 * Parses a request's method and URL. Returns `undefined` for paths outside `/v3/company/{realmId}/`.
 * `bodyText` is the query text of a POST to `query`.
 */
export function parseRoute(method: string, url: URL, bodyText: string | undefined): Route | undefined {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const [version, company, realmId, resource, id, ...rest] = segments.map(decodeURIComponent);
  if (version !== 'v3' || company !== 'company' || realmId === undefined) return undefined;
  const unknown: Route = { kind: 'unknown', realmId };
  if (resource === undefined || rest.length > 0) return unknown;
  const lower = resource.toLowerCase();
  if (lower === 'query' && id === undefined) {
    if (method === 'POST') return { kind: 'query', realmId, text: bodyText };
    if (method === 'GET') return { kind: 'query', realmId, text: url.searchParams.get('query') ?? undefined };
    return unknown;
  }
  if (lower === 'upload' && id === undefined)
    return method === 'POST' ? { kind: 'upload', realmId } : unknown;
  const entity = entityFromName(resource);
  if (entity === undefined) return unknown;
  if (method === 'GET' && id !== undefined) return { kind: 'read', realmId, entity, id };
  if (method === 'POST' && id === undefined) {
    return { kind: 'write', realmId, entity, operation: writeOperation(url.searchParams.get('operation')) };
  }
  return unknown;
}
