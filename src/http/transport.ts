import ky from 'ky';
import type { Dispatcher } from 'undici';
import { LedgerError, ProviderResponseError, ProviderUnavailableError, TimeoutError } from './errors.js';
import { createHardenedAgent, type TlsOptions } from './hardened-agent.js';
import { assertSecureUrl } from './url-policy.js';

/** HTTP methods the engine sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One outgoing request, fully built by the engine. */
export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | FormData | undefined;
  /** Read the body as bytes (attachments) instead of text. */
  readonly responseType?: 'text' | 'bytes' | undefined;
}

/** A response as the engine sees it: status, headers and the body read into memory for this call only. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly bytes?: Uint8Array | undefined;
}

/** Transport settings for a ledger. */
export interface TransportOptions {
  /** Per-attempt timeout in milliseconds, covering the response body as well as the headers. Default 30 000. */
  readonly timeoutMs?: number | undefined;
  /** Allow plain `http://` to loopback addresses (local simulators, tests). Default false. */
  readonly allowInsecureLoopback?: boolean | undefined;
  /** Additional trust anchors; certificate checks and the TLS 1.2 floor always stay on. */
  readonly tls?: TlsOptions | undefined;
  /** Largest response body accepted, in bytes. Default 64 MiB. */
  readonly maxResponseBytes?: number | undefined;
}

/** Sends one request attempt. Retries are not its business: p-retry in the engine owns them. */
export interface Transport {
  send(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Builds the transport: ky with `retry: 0` and `throwHttpErrors: false` over Node's fetch with a hardened
 * undici dispatcher. `globalThis.fetch` is looked up per call so request interceptors installed by tests
 * (msw) still see our traffic.
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const dispatcher: Dispatcher = createHardenedAgent(options.tls);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const allowInsecureLoopback = options.allowInsecureLoopback ?? false;
  // Node's fetch accepts an undici dispatcher; the DOM RequestInit type does not declare it.
  const hardenedFetch = (input: Request | URL | string, init?: RequestInit): Promise<Response> =>
    globalThis.fetch(input, { ...init, dispatcher } as unknown as RequestInit);

  return {
    async send(request, signal) {
      assertSecureUrl(request.url, allowInsecureLoopback);
      // One deadline for the whole attempt, headers and body alike: ky's own timeout stops at the headers,
      // and a body that stalls would otherwise hold the call (and its limiter slot) forever.
      const deadline = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        deadline.abort();
      }, timeout);
      timer.unref?.();
      const attemptSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      try {
        let response: Response;
        try {
          response = await ky(request.url, {
            method: request.method,
            headers: request.headers,
            ...(request.body === undefined ? {} : { body: request.body as NonNullable<RequestInit['body']> }),
            signal: attemptSignal,
            timeout: false,
            retry: 0,
            throwHttpErrors: false,
            fetch: hardenedFetch,
          });
        } catch (error) {
          throw translateFailure(error, signal, timedOut);
        }
        return await readResponse(response, request.responseType ?? 'text', maxBytes, () =>
          translateFailure(undefined, signal, timedOut),
        );
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function readResponse(
  response: Response,
  responseType: 'text' | 'bytes',
  maxBytes: number,
  failure: () => LedgerError,
): Promise<HttpResponse> {
  const tooLarge = () =>
    new ProviderResponseError({ httpStatus: response.status, issues: [{ path: '', code: 'too_large' }] });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  // Read with a running count, so an oversized body is refused as it streams, not after it is buffered.
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  try {
    for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
      total += next.value.byteLength;
      if (total > maxBytes) {
        await reader?.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(next.value);
    }
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    // The connection dropped or the deadline passed while the body was streaming.
    throw failure();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const text = responseType === 'text' ? new TextDecoder().decode(bytes) : '';
  return {
    status: response.status,
    headers: response.headers,
    text,
    ...(responseType === 'bytes' ? { bytes } : {}),
  };
}

/**
 * Turns whatever fetch or ky threw into a LedgerError with no upstream detail: ky's errors carry the
 * request (URL with query, headers) and undici's carry socket addresses, so the original is dropped.
 */
function translateFailure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean): LedgerError {
  if (error instanceof LedgerError) return error;
  if (signal?.aborted) return new LedgerError({ code: 'aborted', retryable: false });
  if (timedOut || (error instanceof Error && error.name === 'TimeoutError')) return new TimeoutError({});
  return new ProviderUnavailableError({ code: 'network_error' });
}
