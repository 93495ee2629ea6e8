/**
 * Records the HTTP requests a simulator receives, so a test can assert on what the SDK sent.
 *
 * This is a test tool: it keeps request bodies in memory by design, which is why simulators only ever hold
 * synthetic data. It never keeps credentials: the `authorization` header is redacted as it is recorded, so a
 * failing assertion that prints the recorder cannot leak a token.
 */

/** One request as a simulator saw it. */
export interface RecordedRequest {
  /** Upper-case HTTP method, e.g. `POST`. */
  readonly method: string;
  /** URL path without the query string, e.g. `/v3/company/9341453050298415/query`. */
  readonly path: string;
  /** Query parameters; when a name repeats, the last value wins. */
  readonly query: Readonly<Record<string, string>>;
  /**
   * Request headers under lower-cased names. `authorization` (and `proxy-authorization`) keep only their
   * scheme: `Bearer [redacted]`.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The body decoded as UTF-8, or `undefined` when the request had none. */
  readonly bodyText: string | undefined;
  /** When the request arrived, in epoch milliseconds from `Date.now()` (so fake timers apply). */
  readonly at: number;
}

/** An append-only log of {@link RecordedRequest}s. */
export interface RequestRecorder {
  /** Appends a request; header names are lower-cased and credentials redacted on the way in. */
  record(request: RecordedRequest): void;
  /** A snapshot of everything recorded so far, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Forgets every recorded request. */
  clear(): void;
}

const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);
const REDACTED = '[redacted]';

/**
 * Keeps the authentication scheme, which tests assert on, and drops the credential after it. A value with
 * no scheme word is dropped entirely.
 */
function redactCredential(value: string): string {
  const match = /^\s*([A-Za-z][A-Za-z0-9-]*)\s+\S/.exec(value);
  return match === null ? REDACTED : `${match[1]} ${REDACTED}`;
}

function normaliseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    result[lower] = CREDENTIAL_HEADERS.has(lower) ? redactCredential(value) : value;
  }
  return result;
}

/**
 * Creates an empty recorder.
 *
 * @example
 * const recorder = createRequestRecorder();
 * recorder.record(toRecordedRequest(request, await request.text()));
 * expect(recorder.requests[0]?.headers.authorization).toBe('Bearer [redacted]');
 */
export function createRequestRecorder(): RequestRecorder {
  let requests: RecordedRequest[] = [];
  return {
    record(request) {
      requests.push(
        Object.freeze({
          ...request,
          method: request.method.toUpperCase(),
          query: Object.freeze({ ...request.query }),
          headers: Object.freeze(normaliseHeaders(request.headers)),
        }),
      );
    },
    get requests() {
      return [...requests];
    },
    clear() {
      requests = [];
    },
  };
}

/**
 * Builds a {@link RecordedRequest} from a fetch `Request` whose body the caller has already read (a body can
 * be read only once, and the simulator needs it too).
 */
export function toRecordedRequest(request: Request, bodyText: string | undefined): RecordedRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    bodyText,
    at: Date.now(),
  };
}
