/**
 * The URL space the simulator answers, parsed into a route. The Accounting API lives under `/api.xro/2.0/`;
 * tenant discovery is `GET /connections` on the identity host. Endpoint names match case-insensitively, as
 * Xero's do.
 *
 * | method           | path                                          | route                         |
 * |------------------|-----------------------------------------------|-------------------------------|
 * | GET              | `{Endpoint}`                                  | list (where, order, page, …)  |
 * | PUT              | `{Endpoint}`                                  | create                        |
 * | POST             | `{Endpoint}`                                  | create or update (by id)      |
 * | GET              | `{Endpoint}/{id}` (`TaxRates/{TaxType}`)      | read                          |
 * | POST             | `{Endpoint}/{id}`                             | update, status change         |
 * | DELETE           | `Accounts/{id}`, `Items/{id}`                 | delete                        |
 * | GET              | `{Endpoint}/{id}/Attachments`                 | list attachments              |
 * | PUT, POST        | `{Endpoint}/{id}/Attachments/{FileName}`      | upload (raw bytes)            |
 * | GET              | `Organisation`                                | the organisation              |
 * | GET              | `/connections`                                | tenants of the token          |
 */
import type { XeroEntityName } from './state.js';

/** URL segment → entity, envelope key and what the endpoint allows. */
export interface EndpointInfo {
  readonly segment: string;
  readonly entity: XeroEntityName;
  readonly envelope: string;
  /** Answers `page`/`pageSize` with a `pagination` object. */
  readonly paged: boolean;
  /** Records take attachments. */
  readonly attachments: boolean;
  /** Writable through the API (tax rates are read-only here). */
  readonly writable: boolean;
  /** `DELETE /{Endpoint}/{id}` exists. */
  readonly deletable: boolean;
}

export const ENDPOINTS: readonly EndpointInfo[] = [
  {
    segment: 'Invoices',
    entity: 'Invoice',
    envelope: 'Invoices',
    paged: true,
    attachments: true,
    writable: true,
    deletable: false,
  },
  {
    segment: 'CreditNotes',
    entity: 'CreditNote',
    envelope: 'CreditNotes',
    paged: true,
    attachments: true,
    writable: true,
    deletable: false,
  },
  {
    segment: 'Payments',
    entity: 'Payment',
    envelope: 'Payments',
    paged: true,
    attachments: false,
    writable: true,
    deletable: false,
  },
  {
    segment: 'Contacts',
    entity: 'Contact',
    envelope: 'Contacts',
    paged: true,
    attachments: true,
    writable: true,
    deletable: false,
  },
  {
    segment: 'Accounts',
    entity: 'Account',
    envelope: 'Accounts',
    paged: false,
    attachments: true,
    writable: true,
    deletable: true,
  },
  {
    segment: 'Items',
    entity: 'Item',
    envelope: 'Items',
    paged: false,
    attachments: false,
    writable: true,
    deletable: true,
  },
  {
    segment: 'TaxRates',
    entity: 'TaxRate',
    envelope: 'TaxRates',
    paged: false,
    attachments: false,
    writable: false,
    deletable: false,
  },
  {
    segment: 'ManualJournals',
    entity: 'ManualJournal',
    envelope: 'ManualJournals',
    paged: true,
    attachments: true,
    writable: true,
    deletable: false,
  },
  {
    segment: 'BankTransactions',
    entity: 'BankTransaction',
    envelope: 'BankTransactions',
    paged: true,
    attachments: true,
    writable: true,
    deletable: false,
  },
];

export type Route =
  | { readonly kind: 'connections' }
  | { readonly kind: 'organisation' }
  | { readonly kind: 'collection'; readonly endpoint: EndpointInfo }
  | { readonly kind: 'record'; readonly endpoint: EndpointInfo; readonly id: string }
  | { readonly kind: 'attachments'; readonly endpoint: EndpointInfo; readonly id: string }
  | {
      readonly kind: 'attachment';
      readonly endpoint: EndpointInfo;
      readonly id: string;
      readonly fileName: string;
    }
  | { readonly kind: 'unknown' };

const ACCOUNTING_PREFIX = ['api.xro', '2.0'];

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Parses a request's method and URL into a route; `unknown` answers 404. */
export function parseRoute(method: string, url: URL): Route {
  const segments = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(decode);
  if (segments.some((segment) => segment === undefined)) return { kind: 'unknown' };
  const parts = segments as string[];
  if (parts.length === 1 && parts[0]?.toLowerCase() === 'connections') {
    return method === 'GET' ? { kind: 'connections' } : { kind: 'unknown' };
  }
  if (parts[0]?.toLowerCase() !== ACCOUNTING_PREFIX[0] || parts[1] !== ACCOUNTING_PREFIX[1])
    return { kind: 'unknown' };
  const [, , segment, id, attachments, fileName, ...rest] = parts;
  if (segment === undefined || rest.length > 0) return { kind: 'unknown' };
  if (segment.toLowerCase() === 'organisation' && id === undefined) {
    return method === 'GET' ? { kind: 'organisation' } : { kind: 'unknown' };
  }
  const endpoint = ENDPOINTS.find((candidate) => candidate.segment.toLowerCase() === segment.toLowerCase());
  if (!endpoint) return { kind: 'unknown' };
  if (id === undefined) {
    if (method === 'GET' || (endpoint.writable && (method === 'PUT' || method === 'POST'))) {
      return { kind: 'collection', endpoint };
    }
    return { kind: 'unknown' };
  }
  if (attachments === undefined) {
    if (
      method === 'GET' ||
      (endpoint.writable && method === 'POST') ||
      (endpoint.deletable && method === 'DELETE')
    ) {
      return { kind: 'record', endpoint, id };
    }
    return { kind: 'unknown' };
  }
  if (attachments.toLowerCase() !== 'attachments' || !endpoint.attachments) return { kind: 'unknown' };
  if (fileName === undefined)
    return method === 'GET' ? { kind: 'attachments', endpoint, id } : { kind: 'unknown' };
  return method === 'PUT' || method === 'POST'
    ? { kind: 'attachment', endpoint, id, fileName }
    : { kind: 'unknown' };
}
