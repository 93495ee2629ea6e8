/**
 * Builds HTTP responses the way Xero sends them: JSON with Xero's envelope (`Id`, `Status`, `ProviderName`,
 * `DateTimeUTC`), an `Xero-Correlation-Id` on every answer and the three rate-limit headers
 * (`X-MinLimit-Remaining`, `X-DayLimit-Remaining`, `X-AppMinLimit-Remaining`).
 */
import type { IdSource } from './ids.js';
import type { RemainingCalls } from './throttle.js';
import { msInstant } from './time.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The app name Xero puts in `ProviderName`. */
export const PROVIDER_NAME = 'ledgerbridge Xero simulator';

export interface Responder {
  /** A response; JSON values are serialised here, strings sent as they are. */
  send(
    status: number,
    body: unknown,
    remaining: RemainingCalls,
    headers?: Readonly<Record<string, string>>,
  ): Response;
  /** A new correlation id (also used as a body's `Id`). */
  correlationId(): string;
  reset(): void;
}

/** Xero's success envelope around records. */
export function envelope(
  id: string,
  now: number,
  records: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return { Id: id, Status: 'OK', ProviderName: PROVIDER_NAME, DateTimeUTC: msInstant(now), ...records };
}

export function createResponder(ids: IdSource): Responder {
  return {
    correlationId: () => ids.next(),
    send(status, body, remaining, headers = {}) {
      const text = typeof body === 'string' ? body : body === undefined ? null : JSON.stringify(body);
      const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : JSON_CONTENT_TYPE;
      return new Response(status === 204 ? null : text, {
        status,
        headers: {
          ...(text === null || status === 204 ? {} : { 'content-type': contentType }),
          ...headers,
          'xero-correlation-id': ids.next(),
          'x-minlimit-remaining': String(remaining.minute),
          'x-daylimit-remaining': String(remaining.day),
          'x-appminlimit-remaining': String(remaining.appMinute),
        },
      });
    },
    reset() {
      ids.reset();
    },
  };
}
