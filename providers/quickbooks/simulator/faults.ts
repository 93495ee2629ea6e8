/**
 * What each injected fault (src/testing/fault-injector.ts) looks like on QBO's wire. Every kind except
 * `drop_after_commit` answers before the request is applied; that one is handled by the pipeline, which
 * applies the write and then drops the connection.
 */
import { type FaultSpec, waitForTimeoutFault } from '../../../src/testing/fault-injector.js';
import { SimulatorFault, throttleExceeded } from './errors.js';
import type { Responder } from './responses.js';
import { responseTime } from './time.js';

/** How much of the request body a server error echoes back, the way QBO's System Failure Details do. */
const ECHO_LENGTH = 60;

/** What a fault needs to know about the request it replaces. */
export interface FaultContext {
  readonly responder: Responder;
  readonly bodyText: string | undefined;
  readonly signal: AbortSignal | undefined;
}

function serverError(fault: FaultSpec, bodyText: string | undefined): SimulatorFault {
  // The echo is deliberate: real System Failure Details quote the request, and the SDK must not pass it on.
  const echo =
    bodyText === undefined || bodyText === '' ? '' : ` while processing: ${bodyText.slice(0, ECHO_LENGTH)}`;
  return new SimulatorFault(fault.status ?? 503, 'SystemFault', {
    Message: 'An application error has occurred while processing your request',
    Detail: `System Failure Error: An unexpected error occurred${echo}`,
    code: '10000',
  });
}

function gatewayTimeout(fault: FaultSpec): SimulatorFault {
  return new SimulatorFault(fault.status ?? 504, 'SystemFault', {
    Message: 'Gateway Timeout',
    Detail: 'The server did not receive a timely response from the upstream service.',
    code: '10000',
  });
}

/** A body cut off halfway, as when a proxy or the connection truncates a 200 answer. */
function truncatedJson(): string {
  const whole = JSON.stringify({
    QueryResponse: { startPosition: 1, maxResults: 1 },
    time: responseTime(Date.now()),
  });
  return whole.slice(0, Math.floor(whole.length / 2));
}

/**
 * The response an injected fault produces in place of normal handling, or `undefined` for
 * `drop_after_commit`, which lets the request through first.
 */
export async function faultResponse(fault: FaultSpec, context: FaultContext): Promise<Response | undefined> {
  const { responder } = context;
  switch (fault.kind) {
    case 'server_error':
      return responder.fault(serverError(fault, context.bodyText));
    case 'malformed_json':
      return responder.text(fault.status ?? 200, truncatedJson());
    case 'rate_limit': {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      const throttled = throttleExceeded();
      const status = fault.status ?? throttled.status;
      return responder.fault(new SimulatorFault(status, throttled.type, throttled.error), headers);
    }
    case 'timeout':
      await waitForTimeoutFault(fault, context.signal);
      return responder.fault(gatewayTimeout(fault));
    case 'drop_before_commit':
      return Response.error();
    case 'drop_after_commit':
      return undefined;
  }
}
