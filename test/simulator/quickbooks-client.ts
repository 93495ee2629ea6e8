/**
 * A tiny fetch client for driving the QuickBooks simulator in tests, shaped like the calls the SDK makes
 * (queries by POST with an application/text body, bare-entity JSON writes, minorversion=75).
 */
import type { QuickBooksRecord, QuickBooksSimulator } from '../../providers/quickbooks/testing.js';

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: Record<string, unknown> | undefined;
}

export interface CallOptions {
  body?: string | FormData;
  contentType?: string;
  /** Overrides the bearer token; `null` sends no Authorization header. */
  token?: string | null;
  realmId?: string;
  host?: string;
  signal?: AbortSignal;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function createClient(sim: QuickBooksSimulator) {
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const host = options.host ?? 'https://quickbooks.api.intuit.com';
    const realmId = options.realmId ?? sim.credentials.realmId;
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token === undefined ? sim.credentials.accessToken : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) init.body = options.body;
    if (options.signal !== undefined) init.signal = options.signal;
    const response = await fetch(`${host}/v3/company/${realmId}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parse(text) };
  };

  const separator = (path: string) => (path.includes('?') ? '&' : '?');

  return {
    call,
    query: (text: string, options: CallOptions = {}) =>
      call('POST', '/query?minorversion=75', { ...options, body: text, contentType: 'application/text' }),
    get: (entity: string, id: string, options: CallOptions = {}) =>
      call('GET', `/${entity.toLowerCase()}/${id}?minorversion=75`, options),
    /** POST /{entity}; `params` like `operation=void&requestid=k` are appended. */
    post: (entity: string, body: unknown, params = '', options: CallOptions = {}) => {
      const path = `/${entity.toLowerCase()}?minorversion=75`;
      return call('POST', params === '' ? path : `${path}${separator(path)}${params}`, {
        ...options,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        contentType: 'application/json',
      });
    },
  };
}

/** The entity object of a `{ <Entity>: {...}, time }` answer. */
export function entityOf(result: CallResult, entity: string): QuickBooksRecord {
  const value = result.json?.[entity];
  if (typeof value !== 'object' || value === null) {
    throw new Error(`expected ${entity} in a ${result.status} answer: ${result.text.slice(0, 300)}`);
  }
  return value as QuickBooksRecord;
}

/** The rows of a query answer (empty when QBO left the entity key out). */
export function rowsOf(result: CallResult, entity: string): QuickBooksRecord[] {
  const queryResponse = result.json?.QueryResponse as Record<string, unknown> | undefined;
  const rows = queryResponse?.[entity];
  return Array.isArray(rows) ? (rows as QuickBooksRecord[]) : [];
}

/** `Fault.Error[0]` of a fault answer. */
export function faultOf(result: CallResult): { Message: string; Detail: string; code: string } {
  const fault = result.json?.Fault as
    | { Error?: { Message: string; Detail: string; code: string }[] }
    | undefined;
  const error = fault?.Error?.[0];
  if (error === undefined)
    throw new Error(`expected a Fault in a ${result.status} answer: ${result.text.slice(0, 300)}`);
  return error;
}
