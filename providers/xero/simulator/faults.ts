/**
 * What each injected fault (src/testing/fault-injector.ts) looks like on Xero's wire. Every kind except
 * `drop_after_commit` answers before the request is applied; that one is handled by the pipeline, which
 * applies the write and then drops the connection.
 */
import { type FaultSpec, waitForTimeoutFault } from '../../../src/testing/fault-injector.js';
import type { Responder } from './responses.js';
import type { RemainingCalls } from './throttle.js';

/** How much of the request body a server error echoes back (gateways quote what they choked on). */
const ECHO_LENGTH = 60;

export interface FaultContext {
  readonly responder: Responder;
  readonly remaining: RemainingCalls;
  readonly bodyText: string | undefined;
  readonly signal: AbortSignal | undefined;
}

/**
 * The response an injected fault produces in place of normal handling, or `undefined` for
 * `drop_after_commit`, which lets the request through first.
 */
export async function faultResponse(fault: FaultSpec, context: FaultContext): Promise<Response | undefined> {
  const { responder, remaining } = context;
  const instance = responder.correlationId();
  switch (fault.kind) {
    case 'server_error': {
      const status = fault.status ?? 500;
      // The echo is deliberate: the SDK must not pass it on.
      const echo = context.bodyText ? ` while processing: ${context.bodyText.slice(0, ECHO_LENGTH)}` : '';
      return responder.send(
        status,
        {
          Type: null,
          Title: 'An error occurred',
          Status: status,
          Detail: `An unexpected error occurred${echo}`,
          Instance: instance,
          Extensions: {},
        },
        remaining,
      );
    }
    case 'malformed_json': {
      const whole = JSON.stringify({ Id: instance, Status: 'OK', ProviderName: 'x', Invoices: [] });
      return responder.send(fault.status ?? 200, whole.slice(0, Math.floor(whole.length / 2)), remaining, {
        'content-type': 'application/json; charset=utf-8',
      });
    }
    case 'rate_limit':
      return responder.send(
        fault.status ?? 429,
        {
          Type: null,
          Title: 'Too Many Requests',
          Status: 429,
          Detail: 'Rate limit exceeded',
          Instance: instance,
          Extensions: {},
        },
        { ...remaining, minute: 0 },
        {
          'x-rate-limit-problem': 'minute',
          ...(fault.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(fault.retryAfterSeconds) }),
        },
      );
    case 'timeout':
      await waitForTimeoutFault(fault, context.signal);
      return responder.send(
        fault.status ?? 504,
        {
          Type: null,
          Title: 'Gateway Timeout',
          Status: 504,
          Detail: 'The upstream service did not answer in time.',
          Instance: instance,
          Extensions: {},
        },
        remaining,
      );
    case 'drop_before_commit':
      return Response.error();
    case 'drop_after_commit':
      return undefined;
  }
}
