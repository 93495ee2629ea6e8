/**
 * Builds HTTP responses the way QBO sends them: JSON with `application/json;charset=UTF-8` and an
 * `intuit_tid` header on every answer (QBO's request id, which the SDK surfaces as `providerRequestId`).
 */
import type { SimulatorFault } from './errors.js';
import { responseTime } from './time.js';

/** Renders simulator answers; one per simulator so transaction ids restart on `reset()`. */
export interface Responder {
  /** A JSON response with QBO's headers. `body` is serialised once, here. */
  json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): Response;
  /** A response whose body text is sent as is (replays and deliberately broken JSON). */
  text(status: number, bodyText: string, headers?: Readonly<Record<string, string>>): Response;
  /** The standard `{ Fault: { Error: [...], type }, time }` body for a fault. */
  fault(fault: SimulatorFault, headers?: Readonly<Record<string, string>>): Response;
  /** Restarts the `intuit_tid` sequence. */
  reset(): void;
}

/** QBO's `{ Fault: { Error: [...], type }, time }` envelope for a fault. */
export function faultBody(fault: SimulatorFault, now: number): Record<string, unknown> {
  return { Fault: { Error: [fault.error], type: fault.type }, time: responseTime(now) };
}

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/**
 * `1-66f0a…-…`: the shape of a real intuit_tid, derived from a counter so runs are reproducible. The suffix
 * is a cheap integer hash of the counter, only there so consecutive ids do not look alike.
 */
function transactionId(sequence: number): string {
  let hash = (sequence * 0x9e3779b1) >>> 0;
  let suffix = '';
  for (let round = 0; round < 3; round += 1) {
    hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b) >>> 0;
    suffix += hash.toString(16).padStart(8, '0');
  }
  return `1-66f0a${sequence.toString(16).padStart(3, '0')}-${suffix}`;
}

export function createResponder(): Responder {
  let sequence = 0;
  const text: Responder['text'] = (status, bodyText, headers = {}) => {
    sequence += 1;
    return new Response(bodyText, {
      status,
      headers: { ...headers, 'content-type': JSON_CONTENT_TYPE, intuit_tid: transactionId(sequence) },
    });
  };
  return {
    text,
    json: (status, body, headers) => text(status, JSON.stringify(body), headers),
    fault: (fault, headers) => text(fault.status, JSON.stringify(faultBody(fault, Date.now())), headers),
    reset() {
      sequence = 0;
    },
  };
}
