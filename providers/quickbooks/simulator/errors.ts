/**
 * QBO error bodies, as a thrown value the request pipeline turns into a response.
 *
 * Several Detail texts echo request values (a reference id and name, a duplicate DisplayName, part of a
 * failed body). Real QBO does this, and the simulator copies it on purpose: the SDK must never let such text
 * reach its own errors or logs, and its redaction tests need a provider that tries.
 */

/** One entry of `Fault.Error`. */
export interface QuickBooksErrorItem {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

/** `Fault.type` values QBO uses. */
export type QuickBooksFaultType = 'ValidationFault' | 'SystemFault' | 'SERVICE' | 'SECURITY';

/** A QBO fault response, thrown inside the simulator and rendered by the pipeline. */
export class SimulatorFault extends Error {
  override readonly name = 'SimulatorFault';

  constructor(
    readonly status: number,
    readonly type: QuickBooksFaultType,
    readonly error: QuickBooksErrorItem,
  ) {
    super(`${error.Message} (code ${error.code})`);
  }
}

/** 400 code 2020: a required field is absent. QBO names the field, which is not PHI. */
export function requiredParamMissing(field: string): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Required param missing, need to supply the required value for the API',
    Detail: `Required parameter ${field} is missing in the request`,
    code: '2020',
    element: field,
  });
}

/** 400 code 2010: a property is unknown or has the wrong shape. */
export function invalidProperty(detail: string): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Request has invalid or unsupported property',
    Detail: `Property Name:${detail} specified is unsupported or invalid`,
    code: '2010',
  });
}

/** 400 code 2500: a reference points at nothing. Echoes the bad id and name, as QBO does. */
export function invalidReference(element: string, value: string, name: unknown): SimulatorFault {
  const named = typeof name === 'string' && name !== '' ? ` (name: ${name})` : '';
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Invalid Reference Id',
    Detail: `Invalid Reference Id : ${element} value ${value}${named} does not exist`,
    code: '2500',
    element,
  });
}

const OBJECT_NOT_FOUND_DETAIL =
  "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.";

/** 400 code 610: the object is missing or inactive. QBO answers a GET of a missing id this way, not with 404. */
export function objectNotFound(element = ''): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Object Not Found',
    Detail: OBJECT_NOT_FOUND_DETAIL,
    code: '610',
    element,
  });
}

const OTHER_USER = 'Simulated Clinic Admin';

/** 400 code 5010: the SyncToken sent is not the current one. */
export function staleObject(): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Stale Object Error',
    Detail: `Stale Object Error : You and ${OTHER_USER} were working on this at the same time. ${OTHER_USER} finished before you did, so your work was not saved.`,
    code: '5010',
    element: '',
  });
}

/** 400 code 6240: a customer, vendor, item or account with this name exists. Echoes the name, as QBO does. */
export function duplicateName(name: string): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Duplicate Name Exists Error',
    Detail: `The name supplied already exists. : ${name}`,
    code: '6240',
    element: '',
  });
}

/** 400 code 6000: a business rule failed (over-applied payment, unbalanced journal, deleting a name). */
export function businessValidation(detail: string): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'A business validation error has occurred while processing your request',
    Detail: `Business Validation Error: ${detail}`,
    code: '6000',
    element: '',
  });
}

/** 400 code 500: the entity does not support the operation (creating a TaxCode through /taxcode, …). */
export function unsupportedOperation(detail: string): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Unsupported Operation',
    Detail: `Operation ${detail} is not supported.`,
    code: '500',
  });
}

/** 400 code 4000: QBO's answer to query text it cannot parse. */
export function queryParserError(message: string): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Error parsing query',
    Detail: `QueryParserError: ${message}`,
    code: '4000',
  });
}

/** 400 code 4001: the query parses but names something the simulator does not model. */
export function queryValidationError(detail: string): SimulatorFault {
  return new SimulatorFault(400, 'ValidationFault', {
    Message: 'Invalid query',
    Detail: `QueryValidationError: ${detail}`,
    code: '4001',
  });
}

/** 403 code 003100: the token is valid but not for this realm. */
export function authorizationFailed(): SimulatorFault {
  return new SimulatorFault(403, 'SECURITY', {
    Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
    Detail: 'The application is not authorized to access the requested company (realm).',
    code: '003100',
  });
}

/** 429 code 3001: the per-realm throttle tripped. */
export function throttleExceeded(): SimulatorFault {
  return new SimulatorFault(429, 'SERVICE', {
    Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
    Detail: 'The request limit was reached.',
    code: '3001',
  });
}
