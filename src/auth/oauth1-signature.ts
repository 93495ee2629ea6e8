/**
 * OAuth 1.0a request signing (RFC 5849 §3.4) with HMAC-SHA256, as NetSuite's token-based authentication
 * (TBA) requires. Small on purpose: the signature base string, the HMAC and the header, nothing else.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** The four secrets of a TBA integration: consumer key/secret (the integration), token id/secret (the user). */
export interface OAuth1Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly token: string;
  readonly tokenSecret: string;
}

/** One request to sign. */
export interface OAuth1Request {
  readonly method: string;
  /** The full request URL, query included: query parameters are signed. */
  readonly url: URL | string;
  /**
   * Parameters of an `application/x-www-form-urlencoded` body, which RFC 5849 signs too. JSON bodies (the
   * NetSuite REST API) are not signed.
   */
  readonly formBody?: URLSearchParams | undefined;
}

/** Options for {@link signOAuth1Request}. */
export interface OAuth1SignOptions {
  /** The `realm` header parameter (NetSuite: the account id in upper case with `_`, e.g. `1234567_SB1`). */
  readonly realm?: string | undefined;
  /** `HMAC-SHA256` (default). `HMAC-SHA1` exists only to check the implementation against RFC 5849's examples. */
  readonly signatureMethod?: 'HMAC-SHA256' | 'HMAC-SHA1' | undefined;
  /** Fixed nonce and timestamp, for tests. Default: 16 random bytes (hex) and the current second. */
  readonly nonce?: string | undefined;
  readonly timestamp?: number | undefined;
  /** Send `oauth_version="1.0"` (optional in RFC 5849; NetSuite expects it). Default true. */
  readonly includeVersion?: boolean | undefined;
}

/**
 * RFC 3986 percent-encoding as RFC 5849 §3.6 requires: everything but `A–Z a–z 0–9 - . _ ~`.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The base string URI (§3.4.1.2): lower-case scheme and host, default ports dropped, no query. */
function baseStringUri(url: URL): string {
  const defaultPort =
    (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443');
  const port = url.port === '' || defaultPort ? '' : `:${url.port}`;
  return `${url.protocol.toLowerCase()}//${url.hostname.toLowerCase()}${port}${url.pathname}`;
}

/** The normalised parameters (§3.4.1.3.2): encode, sort by name then value, join. */
function normalisedParameters(pairs: readonly (readonly [string, string])[]): string {
  return pairs
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

// Byte order; the encoded strings are ASCII, so code-unit order is byte order.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The signature base string (§3.4.1) for a request and its `oauth_*` protocol parameters. */
export function signatureBaseString(
  request: OAuth1Request,
  protocolParameters: Readonly<Record<string, string>>,
): string {
  const url = new URL(String(request.url));
  const pairs: [string, string][] = [...url.searchParams.entries()];
  if (request.formBody) pairs.push(...request.formBody.entries());
  for (const [name, value] of Object.entries(protocolParameters)) {
    if (name !== 'oauth_signature' && name !== 'realm') pairs.push([name, value]);
  }
  return [request.method.toUpperCase(), baseStringUri(url), normalisedParameters(pairs)]
    .map(percentEncode)
    .join('&');
}

/**
 * Signs a request and returns its `Authorization` header value:
 * `OAuth realm="…",oauth_consumer_key="…",…,oauth_signature="…"`.
 *
 * @example
 * ```ts
 * const authorization = signOAuth1Request(
 *   { method: 'GET', url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/42' },
 *   tbaCredentials,
 *   { realm: '1234567_SB1' },
 * );
 * ```
 */
export function signOAuth1Request(
  request: OAuth1Request,
  credentials: OAuth1Credentials,
  options: OAuth1SignOptions = {},
): string {
  const method = options.signatureMethod ?? 'HMAC-SHA256';
  const parameters: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_token: credentials.token,
    oauth_signature_method: method,
    oauth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_nonce: options.nonce ?? randomBytes(16).toString('hex'),
    ...(options.includeVersion === false ? {} : { oauth_version: '1.0' }),
  };
  const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.tokenSecret)}`;
  const signature = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', key)
    .update(signatureBaseString(request, parameters))
    .digest('base64');
  const header = {
    ...(options.realm === undefined ? {} : { realm: options.realm }),
    ...parameters,
    oauth_signature: signature,
  };
  return `OAuth ${Object.entries(header)
    .map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`)
    .join(',')}`;
}
