/**
 * Xero's OpenAPI contract (shared/contracts/xero/xero_accounting.yaml) as validators: requests the adapter
 * sends and responses the simulator gives are checked against the operation's own schemas, strictly.
 *
 * Strict means: objects may not carry keys their schema does not name (the spec never says
 * `additionalProperties: false`, so plain JSON Schema would accept anything), except keys Xero's own examples
 * show on that schema (the response envelope's `Id`, `Status`, `ProviderName`, `DateTimeUTC`; an invoice's
 * `DateString`); and in responses, fields the spec marks `x-is-msdate`/`x-is-msdate-time` must be MS-JSON
 * dates (`/Date(1518685950940+0000)/`).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

type Json = Record<string, unknown>;

export const XERO_SPEC_SEGMENTS = ['contracts', 'xero', 'xero_accounting.yaml'] as const;
export const XERO_ACCOUNTING_BASE_PATH = '/api.xro/2.0';
const MS_DATE_PATTERN = '^/Date\\(-?\\d+([+-]\\d{4})?\\)/$';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One spec operation: its path template, method and definition. */
export interface SpecOperation {
  readonly template: string;
  readonly method: string;
  readonly definition: Json;
  readonly parameters: readonly Json[];
}

/** A problem found in a request or response, by location. */
export interface ContractProblem {
  readonly where: string;
  readonly problem: string;
}

export interface XeroContract {
  readonly document: Json;
  readonly operations: readonly SpecOperation[];
  /** The operation a request's method and path (below `/api.xro/2.0`) belongs to. */
  findOperation(
    method: string,
    path: string,
  ): { operation: SpecOperation; params: Record<string, string> } | undefined;
  /** Problems of a recorded request: path, query and header parameters and the body. */
  checkRequest(request: {
    readonly method: string;
    readonly path: string;
    readonly query: Readonly<Record<string, string>>;
    readonly headers: Readonly<Record<string, string>>;
    readonly bodyText: string | undefined;
  }): ContractProblem[];
  /**
   * Problems of a response body, or `undefined` (with the reason) when the spec does not model that status
   * for the operation.
   */
  checkResponse(
    operation: SpecOperation,
    status: number,
    body: unknown,
  ): { problems: ContractProblem[] } | { unmodelled: string };
  /** Validates a value against a component schema with the strict request or response rules. */
  checkSchema(schema: string, value: unknown, direction: 'request' | 'response'): ContractProblem[];
  /** The response examples of an operation, by status. */
  responseExamples(operation: SpecOperation): { status: string; example: unknown }[];
  /** The request body examples of an operation. */
  requestExamples(operation: SpecOperation): unknown[];
}

function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
}

/**
 * Keys Xero's own response examples show on each component schema that the schema does not declare: real
 * fields the spec forgot (`DateString`) or envelope fields (`Id`, `Status`, …). Found by walking them all.
 */
function exampleExtras(document: Json): Map<string, Set<string>> {
  const schemas = (document.components as Json).schemas as Json;
  const extras = new Map<string, Set<string>>();
  const walk = (schema: unknown, value: unknown, name: string | undefined, depth: number): void => {
    if (depth > 12 || !isObject(schema) || value === null || typeof value !== 'object') return;
    if (typeof schema.$ref === 'string') {
      const target = refName(schema.$ref);
      walk(target ? schemas[target] : undefined, value, target, depth + 1);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(schema.items, item, undefined, depth + 1);
      return;
    }
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [key, child] of Object.entries(value)) {
      if (key in properties) walk(properties[key], child, undefined, depth + 1);
      else if (name !== undefined) extras.set(name, new Set([...(extras.get(name) ?? []), key]));
    }
  };
  for (const item of Object.values(document.paths as Json)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      // Response examples only: some request examples are SDK-shaped (`bankTransactions`) and would teach
      // the validator keys Xero never reads.
      const bodies: { schema: unknown; example: unknown }[] = [];
      for (const response of Object.values(isObject(operation.responses) ? operation.responses : {})) {
        const resolved = resolveResponse(document, response);
        for (const media of Object.values(isObject(resolved?.content) ? resolved.content : {})) {
          if (isObject(media) && media.example !== undefined)
            bodies.push({ schema: media.schema, example: media.example });
        }
      }
      for (const { schema, example } of bodies) {
        walk(schema, typeof example === 'string' ? safeParse(example) : example, undefined, 0);
      }
    }
  }
  return extras;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function resolveResponse(document: Json, response: unknown): Json | undefined {
  if (!isObject(response)) return undefined;
  const name = refName(response.$ref);
  if (name) return ((document.components as Json).responses as Json)[name] as Json | undefined;
  return response;
}

/** Copies the component schemas with the strict rules applied. */
function strictSchemas(document: Json, direction: 'request' | 'response'): Json {
  const extras = exampleExtras(document);
  const schemas = (document.components as Json).schemas as Json;
  const transform = (schema: unknown, name: string | undefined): unknown => {
    if (Array.isArray(schema)) return schema.map((item) => transform(item, undefined));
    if (!isObject(schema)) return schema;
    const copy: Json = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && isObject(value)) {
        copy.properties = Object.fromEntries(
          Object.entries(value).map(([property, child]) => [property, transform(child, undefined)]),
        );
      } else if (key === 'items') copy.items = transform(value, undefined);
      else copy[key] = value;
    }
    // Element echoes the failed record, so its keys are the record's schema's; see checkSchema for those.
    if (isObject(copy.properties) && copy.additionalProperties === undefined && name !== 'Element') {
      for (const extra of extras.get(name ?? '') ?? []) (copy.properties as Json)[extra] = {};
      copy.additionalProperties = false;
    }
    if (direction === 'response' && (schema['x-is-msdate'] === true || schema['x-is-msdate-time'] === true)) {
      copy.pattern = MS_DATE_PATTERN;
    }
    return copy;
  };
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, transform(schema, name)]));
}

function templateRegex(template: string): RegExp {
  const pattern = template
    .split('/')
    .map((segment) => (/^\{.+\}$/.test(segment) ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

function coerce(value: string, schema: Json | undefined): unknown {
  switch (schema?.type) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'array':
      return value.split(',').map((part) => coerce(part, schema.items as Json | undefined));
    default:
      return value;
  }
}

/** Loads the spec (YAML 1.2 core schema, so timestamps stay strings) and builds the validators. */
export function loadXeroContract(specPath: string): XeroContract {
  const document = YAML.parse(readFileSync(specPath, 'utf8')) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const format of ['double', 'int32', 'int64', 'binary', 'byte']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'xero-request', components: { schemas: strictSchemas(document, 'request') } });
  ajv.addSchema({ $id: 'xero-response', components: { schemas: strictSchemas(document, 'response') } });
  ajv.addSchema({ $id: 'xero-plain', components: document.components });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (base: string, schema: unknown): ValidateFunction => {
    // Inline schemas in the spec reference components by local pointer; rebase them onto a loaded document.
    const text = JSON.stringify(schema).replaceAll('"#/components/', `"${base}#/components/`);
    let found = compiled.get(text);
    if (!found) {
      found = ajv.compile(JSON.parse(text) as object);
      compiled.set(text, found);
    }
    return found;
  };
  const problemsOf = (validate: ValidateFunction, where: string, value: unknown): ContractProblem[] =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((error) => ({
          where: `${where}${error.instancePath}`,
          problem: `${error.message ?? 'invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
        }));

  const parameters = (item: Json, operation: Json): Json[] =>
    [
      ...(Array.isArray(item.parameters) ? item.parameters : []),
      ...(Array.isArray(operation.parameters) ? operation.parameters : []),
    ]
      .map((parameter) => {
        const name = isObject(parameter) ? refName(parameter.$ref) : undefined;
        return name ? ((document.components as Json).parameters as Json)[name] : parameter;
      })
      .filter(isObject);
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(document.paths as Json)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const definition = item[method];
      if (isObject(definition))
        operations.push({
          template,
          method: method.toUpperCase(),
          definition,
          parameters: parameters(item, definition),
        });
    }
  }

  const pathParamsValid = (operation: SpecOperation, params: Record<string, string>) =>
    Object.entries(params).every(([name, value]) => {
      const schema = operation.parameters.find(
        (parameter) => parameter.in === 'path' && parameter.name === name,
      )?.schema;
      return schema === undefined || validator('xero-plain', schema)(value);
    });

  const contract: XeroContract = {
    document,
    operations,
    findOperation(method, path) {
      const candidates = operations
        .filter((operation) => operation.method === method.toUpperCase())
        .map((operation) => {
          const match = templateRegex(operation.template).exec(path);
          if (!match) return undefined;
          const names = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((found) => found[1] ?? '');
          const params = Object.fromEntries(
            names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
          );
          return { operation, params };
        })
        .filter((candidate) => candidate !== undefined);
      // Templates that differ only in a parameter (`{ContactID}` vs `{ContactNumber}`): the one whose
      // parameter formats accept the values wins.
      return (
        candidates.find((candidate) => pathParamsValid(candidate.operation, candidate.params)) ??
        candidates[0]
      );
    },
    checkRequest(request) {
      const where = `${request.method} ${request.path}`;
      if (!request.path.startsWith(XERO_ACCOUNTING_BASE_PATH))
        return [{ where, problem: 'not under /api.xro/2.0' }];
      const found = contract.findOperation(
        request.method,
        request.path.slice(XERO_ACCOUNTING_BASE_PATH.length),
      );
      if (!found) return [{ where, problem: 'no such operation in the spec' }];
      const { operation, params } = found;
      const problems: ContractProblem[] = [];
      for (const [name, value] of Object.entries(params)) {
        const schema = operation.parameters.find(
          (parameter) => parameter.in === 'path' && parameter.name === name,
        )?.schema;
        if (schema)
          problems.push(...problemsOf(validator('xero-plain', schema), `${where} path ${name}`, value));
      }
      for (const [name, value] of Object.entries(request.query)) {
        const parameter = operation.parameters.find(
          (candidate) => candidate.in === 'query' && candidate.name === name,
        );
        if (!parameter) {
          problems.push({ where: `${where} query ${name}`, problem: 'not a parameter of this operation' });
          continue;
        }
        const schema = parameter.schema as Json | undefined;
        problems.push(
          ...problemsOf(
            validator('xero-plain', schema ?? {}),
            `${where} query ${name}`,
            coerce(value, schema),
          ),
        );
      }
      for (const parameter of operation.parameters) {
        const name = String(parameter.name);
        if (parameter.in === 'query' && parameter.required === true && request.query[name] === undefined) {
          problems.push({ where: `${where} query ${name}`, problem: 'required parameter missing' });
        }
        if (parameter.in !== 'header' || name.toLowerCase() === 'contenttype') continue;
        const value = request.headers[name.toLowerCase()];
        if (value === undefined) {
          if (parameter.required === true)
            problems.push({ where: `${where} header ${name}`, problem: 'required header missing' });
          continue;
        }
        problems.push(
          ...problemsOf(validator('xero-plain', parameter.schema ?? {}), `${where} header ${name}`, value),
        );
      }
      const idempotencyKey = request.headers['idempotency-key'];
      if (idempotencyKey !== undefined) {
        if (!operation.parameters.some((parameter) => parameter.name === 'Idempotency-Key')) {
          problems.push({
            where: `${where} header Idempotency-Key`,
            problem: 'not a parameter of this operation',
          });
        }
        if (idempotencyKey.length > 128)
          problems.push({ where: `${where} header Idempotency-Key`, problem: 'longer than 128 characters' });
      }
      const content = isObject(operation.definition.requestBody)
        ? (operation.definition.requestBody.content as Json)
        : undefined;
      if (!content) {
        if (request.bodyText !== undefined && request.bodyText !== '')
          problems.push({ where, problem: 'body sent to an operation without one' });
        return problems;
      }
      const json = content['application/json'];
      if (isObject(json)) {
        let body: unknown;
        try {
          body = JSON.parse(request.bodyText ?? '');
        } catch {
          return [...problems, { where, problem: 'body is not JSON' }];
        }
        problems.push(...problemsOf(validator('xero-request', json.schema), `${where} body`, body));
      } else if (!isObject(content['application/octet-stream'])) {
        problems.push({ where, problem: 'operation takes a body type the adapter does not send' });
      }
      return problems;
    },
    checkResponse(operation, status, body) {
      const responses = isObject(operation.definition.responses) ? operation.definition.responses : {};
      const response = resolveResponse(document, responses[String(status)]);
      if (!response)
        return { unmodelled: `the spec models no ${status} for ${operation.method} ${operation.template}` };
      const content = isObject(response.content) ? response.content : undefined;
      const json = content?.['application/json'];
      if (!isObject(json)) {
        return body === undefined || body === ''
          ? { problems: [] }
          : {
              problems: [
                {
                  where: `${operation.method} ${operation.template} ${status}`,
                  problem: 'body where the spec has none',
                },
              ],
            };
      }
      return {
        problems: problemsOf(
          validator('xero-response', json.schema),
          `${operation.method} ${operation.template} ${status}`,
          body,
        ),
      };
    },
    checkSchema(schema, value, direction) {
      return problemsOf(
        validator(`xero-${direction}`, { $ref: `#/components/schemas/${schema}` }),
        schema,
        value,
      );
    },
    responseExamples(operation) {
      const examples: { status: string; example: unknown }[] = [];
      for (const [status, raw] of Object.entries(
        isObject(operation.definition.responses) ? operation.definition.responses : {},
      )) {
        const response = resolveResponse(document, raw);
        const json = isObject(response?.content) ? (response.content as Json)['application/json'] : undefined;
        if (!isObject(json)) continue;
        if (json.example !== undefined)
          examples.push({
            status,
            example: typeof json.example === 'string' ? safeParse(json.example) : json.example,
          });
        for (const named of Object.values(isObject(json.examples) ? json.examples : {})) {
          if (isObject(named) && named.value !== undefined) examples.push({ status, example: named.value });
        }
      }
      return examples;
    },
    requestExamples(operation) {
      const content = isObject(operation.definition.requestBody)
        ? (operation.definition.requestBody.content as Json)
        : undefined;
      const json = content?.['application/json'];
      if (!isObject(json)) return [];
      return [
        ...(json.example !== undefined ? [json.example] : []),
        ...Object.values(isObject(json.examples) ? json.examples : {}).flatMap((named) =>
          isObject(named) && named.value !== undefined ? [named.value] : [],
        ),
      ];
    },
  };
  return contract;
}
