/**
 * Xero's error answers, as thrown values the request pipeline renders.
 *
 * ValidationException messages echo request values (a contact's name, an item or account code), and the
 * 400 body echoes the whole failed element. Real Xero does both; the simulator copies it on purpose, so the
 * SDK's redaction is exercised against a provider that tries to leak.
 */

/** A finished error answer: status, body (JSON value or text) and extra headers. */
export class XeroFault extends Error {
  override readonly name = 'XeroFault';

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`Xero answered ${status}`);
  }
}

/** Problem-details body Xero's gateway uses for 401 and 403 (and the simulator for 429 and 5xx). */
export function problem(status: number, title: string, detail: string, instance: string): XeroFault {
  return new XeroFault(status, {
    Type: null,
    Title: title,
    Status: status,
    Detail: detail,
    Instance: instance,
    Extensions: {},
  });
}

export function unauthorized(instance: string): XeroFault {
  return new XeroFault(
    401,
    {
      Type: null,
      Title: 'Unauthorized',
      Status: 401,
      Detail: 'AuthenticationUnsuccessful',
      Instance: instance,
      Extensions: {},
    },
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );
}

export function forbidden(instance: string): XeroFault {
  return problem(403, 'Forbidden', 'AuthenticationUnsuccessful', instance);
}

/** Xero answers an unknown id or path with a bare 404. */
export function notFound(): XeroFault {
  return new XeroFault(404, "The resource you're looking for cannot be found");
}

/** ErrorNumber 14: the body is not JSON Xero can read. */
export function postDataInvalid(detail: string): XeroFault {
  return new XeroFault(400, {
    ErrorNumber: 14,
    Type: 'PostDataInvalidException',
    Message: `JSON for post data was invalid, ${detail}`,
  });
}

/** ErrorNumber 16: a `where` or `order` Xero cannot parse. */
export function queryParse(detail: string): XeroFault {
  return new XeroFault(400, { ErrorNumber: 16, Type: 'QueryParseException', Message: detail });
}

/** The problems found in one element of a write, at its top level and on its lines. */
export class Problems {
  readonly messages: string[] = [];
  readonly lines = new Map<string, Map<number, string[]>>();

  add(message: string): void {
    this.messages.push(message);
  }

  addLine(collection: string, index: number, message: string): void {
    let byIndex = this.lines.get(collection);
    if (!byIndex) {
      byIndex = new Map();
      this.lines.set(collection, byIndex);
    }
    byIndex.set(index, [...(byIndex.get(index) ?? []), message]);
  }

  get any(): boolean {
    return this.messages.length > 0 || this.lines.size > 0;
  }

  /** Throws the element's ValidationFailure when anything was found. */
  check(): void {
    if (this.any) throw new ValidationFailure(this);
  }
}

/** One element failed validation; the pipeline echoes the element with these messages. */
export class ValidationFailure extends Error {
  override readonly name = 'ValidationFailure';

  constructor(readonly problems: Problems) {
    super('validation failed');
  }
}

/** A validation failure with a single message. */
export function invalid(message: string): ValidationFailure {
  const problems = new Problems();
  problems.add(message);
  return new ValidationFailure(problems);
}

/** The element as Xero echoes it: what was sent, with `ValidationErrors` where they apply. */
export function echoElement(input: Record<string, unknown>, problems: Problems): Record<string, unknown> {
  const echoed: Record<string, unknown> = { ...input };
  for (const [collection, byIndex] of problems.lines) {
    const lines = Array.isArray(input[collection]) ? [...(input[collection] as unknown[])] : [];
    for (const [index, messages] of byIndex) {
      const line = lines[index];
      lines[index] = {
        ...(typeof line === 'object' && line !== null ? line : {}),
        ValidationErrors: messages.map((Message) => ({ Message })),
      };
    }
    echoed[collection] = lines;
  }
  echoed.ValidationErrors = problems.messages.map((Message) => ({ Message }));
  return echoed;
}

/** ErrorNumber 10: the 400 with every element and its validation errors. */
export function validationException(elements: readonly Record<string, unknown>[]): XeroFault {
  return new XeroFault(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  });
}
