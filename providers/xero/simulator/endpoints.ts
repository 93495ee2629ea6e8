/**
 * The endpoints: lists, reads, writes (PUT creates, POST creates or updates), deletes and uploads. Each
 * returns an answer or throws a {@link XeroFault}; all run synchronously, so a write and its idempotency
 * bookkeeping cannot interleave with another request.
 */
import { createAccount, deleteAccount, updateAccount } from './accounts.js';
import { attachmentsOf, storeAttachment } from './attachments.js';
import { createBankTransaction, updateBankTransaction } from './bank-transactions.js';
import { createContact, updateContact } from './contacts.js';
import { createDocument, updateDocument } from './documents.js';
import {
  echoElement,
  invalid,
  notFound,
  postDataInvalid,
  queryParse,
  ValidationFailure,
  validationException,
} from './errors.js';
import { createItem, findItemByCode, updateItem } from './items.js';
import { createJournal, updateJournal } from './journals.js';
import { createPayment, deletePayment } from './payments.js';
import { matches, parseOrder, parseWhere, sortRecords } from './query-language.js';
import { createRenderer } from './render.js';
import { envelope } from './responses.js';
import type { EndpointInfo, Route } from './routes.js';
import {
  allRecords,
  copy,
  getRecord,
  ID_FIELDS,
  isObject,
  type OrganisationState,
  removeRecord,
  type WriteContext,
  type XeroEntityName,
  type XeroRecord,
} from './state.js';
import { msEpoch, parseIfModifiedSince } from './time.js';

/** An endpoint's answer before it becomes a Response. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** The request as the endpoints need it. */
export interface EndpointRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly bodyText: string | undefined;
  readonly bodySize: number;
  readonly correlationId: string;
  readonly now: number;
}

type Writer = (state: OrganisationState, input: XeroRecord, context: WriteContext) => XeroRecord;
type Updater = (
  state: OrganisationState,
  existing: XeroRecord,
  input: XeroRecord,
  context: WriteContext,
) => XeroRecord;

const WRITERS: Readonly<Partial<Record<XeroEntityName, { create: Writer; update: Updater }>>> = {
  Invoice: {
    create: (state, input, context) => createDocument(state, 'Invoice', input, context),
    update: (state, existing, input, context) => updateDocument(state, 'Invoice', existing, input, context),
  },
  CreditNote: {
    create: (state, input, context) => createDocument(state, 'CreditNote', input, context),
    update: (state, existing, input, context) =>
      updateDocument(state, 'CreditNote', existing, input, context),
  },
  Payment: { create: createPayment, update: deletePayment },
  Contact: { create: createContact, update: updateContact },
  Account: { create: (state, input, context) => createAccount(state, input, context), update: updateAccount },
  Item: { create: createItem, update: updateItem },
  ManualJournal: { create: createJournal, update: updateJournal },
  BankTransaction: { create: createBankTransaction, update: updateBankTransaction },
};

/** A query parameter by name, any case (Xero's are case-insensitive). */
function param(url: URL, name: string): string | undefined {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

function unitdpOf(url: URL): number {
  return param(url, 'unitdp') === '4' ? 4 : 2;
}

function listOf(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((part) => part.trim().replace(/^"|"$/g, '').toLowerCase())
        .filter(Boolean);
}

/** A record by its id, or (as Xero also allows) by invoice number, item code or tax type. */
function findRecord(state: OrganisationState, endpoint: EndpointInfo, id: string): XeroRecord | undefined {
  const byId = getRecord(state, endpoint.entity, id);
  if (byId) return byId;
  if (endpoint.entity === 'Invoice')
    return allRecords(state, 'Invoice').find((invoice) => invoice.InvoiceNumber === id);
  if (endpoint.entity === 'Item') return findItemByCode(state, id);
  return undefined;
}

function listEndpoint(state: OrganisationState, endpoint: EndpointInfo, request: EndpointRequest): Answer {
  const { url, now } = request;
  const entity = endpoint.entity;
  let records = allRecords(state, entity);
  if (entity === 'Contact' && param(url, 'includeArchived') !== 'true') {
    records = records.filter((record) => record.ContactStatus !== 'ARCHIVED');
  }
  const ids = listOf(param(url, 'IDs'));
  if (ids)
    records = records.filter((record) => ids.includes(String(record[ID_FIELDS[entity]]).toLowerCase()));
  if (entity === 'Invoice') {
    const contactIds = listOf(param(url, 'ContactIDs'));
    if (contactIds)
      records = records.filter((record) =>
        contactIds.includes(String((record.Contact as XeroRecord).ContactID).toLowerCase()),
      );
    const statuses = listOf(param(url, 'Statuses'));
    if (statuses)
      records = records.filter((record) => statuses.includes(String(record.Status).toLowerCase()));
    const numbers = listOf(param(url, 'InvoiceNumbers'));
    if (numbers)
      records = records.filter((record) => numbers.includes(String(record.InvoiceNumber).toLowerCase()));
  }
  const since =
    entity === 'TaxRate' ? undefined : parseIfModifiedSince(request.headers.get('if-modified-since'));
  if (since !== undefined)
    records = records.filter((record) => (msEpoch(record.UpdatedDateUTC) ?? 0) >= since);

  const render = createRenderer(state, { now, unitdp: unitdpOf(url) });
  let rendered = records.map((record) => render(entity, record));
  const where = param(url, 'where');
  if (where !== undefined && where.trim() !== '') {
    const condition = parseWhere(where);
    rendered = rendered.filter((record) => matches(record, condition));
  }
  const order = param(url, 'order');
  if (order !== undefined && order.trim() !== '') rendered = sortRecords(rendered, parseOrder(order));

  const pageText = param(url, 'page');
  let pagination: Record<string, unknown> | undefined;
  if (endpoint.paged && pageText !== undefined) {
    const page = Number(pageText);
    const sizeText = param(url, 'pageSize');
    const requestedSize = sizeText === undefined ? 100 : Number(sizeText);
    if (!Number.isInteger(page) || page < 1) throw queryParse('page must be a positive whole number');
    if (!Number.isInteger(requestedSize) || requestedSize < 1)
      throw queryParse('pageSize must be a positive whole number');
    const pageSize = Math.min(requestedSize, 1000);
    const itemCount = rendered.length;
    rendered = rendered.slice((page - 1) * pageSize, page * pageSize);
    pagination = { page, pageSize, pageCount: Math.ceil(itemCount / pageSize), itemCount };
  } else if (entity === 'Invoice') {
    // Without `page`, Xero lists invoices without their line items.
    rendered = rendered.map(({ LineItems: _lines, ...rest }) => rest);
  }
  return {
    status: 200,
    body: envelope(request.correlationId, now, {
      ...(pagination ? { pagination } : {}),
      [endpoint.envelope]: rendered,
    }),
  };
}

function readEndpoint(
  state: OrganisationState,
  endpoint: EndpointInfo,
  id: string,
  request: EndpointRequest,
): Answer {
  const record = findRecord(state, endpoint, id);
  if (!record) throw notFound();
  const render = createRenderer(state, { now: request.now, unitdp: unitdpOf(request.url) });
  return {
    status: 200,
    body: envelope(request.correlationId, request.now, {
      [endpoint.envelope]: [render(endpoint.entity, record)],
    }),
  };
}

function parseBody(request: EndpointRequest): unknown {
  try {
    return JSON.parse(request.bodyText ?? '');
  } catch {
    throw postDataInvalid('the request body is not valid JSON.');
  }
}

/** The elements of a write body: Xero's `{ "Invoices": [ … ] }` envelope, or one bare record. */
function elementsOf(body: unknown, endpoint: EndpointInfo): XeroRecord[] {
  if (!isObject(body)) throw postDataInvalid('the request body is not a JSON object.');
  const key = Object.keys(body).find(
    (candidate) => candidate.toLowerCase() === endpoint.envelope.toLowerCase(),
  );
  if (key === undefined) return [body];
  const elements = body[key];
  if (!Array.isArray(elements) || !elements.every(isObject))
    throw postDataInvalid(`${endpoint.envelope} must be an array of objects.`);
  return elements;
}

function snapshot(state: OrganisationState): Map<XeroEntityName, Map<string, XeroRecord>> {
  return new Map(
    [...state.tables].map(([entity, table]) => [
      entity,
      new Map([...table].map(([id, record]) => [id, copy(record)])),
    ]),
  );
}

function restore(state: OrganisationState, saved: Map<XeroEntityName, Map<string, XeroRecord>>): void {
  for (const [entity, table] of saved) {
    const target = state.tables.get(entity);
    target?.clear();
    for (const [id, record] of table) target?.set(id, record);
  }
}

function writeEndpoint(
  state: OrganisationState,
  route: Extract<Route, { kind: 'collection' | 'record' }>,
  request: EndpointRequest,
): Answer {
  const { endpoint } = route;
  const writer = WRITERS[endpoint.entity];
  if (!writer) throw notFound();
  const target = route.kind === 'record' ? findRecord(state, endpoint, route.id) : undefined;
  if (route.kind === 'record' && !target) throw notFound();
  const elements = elementsOf(parseBody(request), endpoint);
  const idField = ID_FIELDS[endpoint.entity];
  const context: WriteContext = { now: request.now, unitdp: unitdpOf(request.url) };
  const summarize = param(request.url, 'summarizeErrors') !== 'false';
  const saved = elements.length > 1 && summarize ? snapshot(state) : undefined;
  const written: XeroRecord[] = [];
  const failed: { index: number; echo: XeroRecord }[] = [];

  elements.forEach((element, index) => {
    try {
      const elementId = element[idField];
      let existing: XeroRecord | undefined;
      if (target) {
        if (
          elementId !== undefined &&
          String(elementId).toLowerCase() !== String(target[idField]).toLowerCase()
        ) {
          throw invalid(`The ${idField} in the body does not match the one in the URL.`);
        }
        existing = target;
      } else if (elementId !== undefined) {
        existing = getRecord(state, endpoint.entity, elementId);
        if (request.method === 'PUT' && existing)
          throw invalid('PUT creates records; use POST to update an existing one.');
        if (!existing)
          throw invalid(`The ${endpoint.entity} with ${idField} ${String(elementId)} could not be found.`);
      } else if (request.method === 'POST' && endpoint.entity === 'Item' && element.Code !== undefined) {
        existing = findItemByCode(state, element.Code);
      }
      written.push(
        existing ? writer.update(state, existing, element, context) : writer.create(state, element, context),
      );
    } catch (error) {
      if (!(error instanceof ValidationFailure)) throw error;
      failed.push({ index, echo: echoElement(element, error.problems) });
    }
  });

  if (failed.length > 0 && summarize) {
    if (saved) restore(state, saved);
    throw validationException(failed.map((failure) => failure.echo));
  }
  const render = createRenderer(state, { now: request.now, unitdp: context.unitdp });
  const records = elements.map((_, index) => {
    const failure = failed.find((candidate) => candidate.index === index);
    if (failure) return { ...failure.echo, HasErrors: true, StatusAttributeString: 'ERROR' };
    const record = written.shift();
    return record ? render(endpoint.entity, record) : {};
  });
  return {
    status: 200,
    body: envelope(request.correlationId, request.now, { [endpoint.envelope]: records }),
  };
}

function deleteEndpoint(
  state: OrganisationState,
  endpoint: EndpointInfo,
  id: string,
  request: EndpointRequest,
): Answer {
  const record = findRecord(state, endpoint, id);
  if (!record) throw notFound();
  if (endpoint.entity === 'Item') {
    removeRecord(state, 'Item', String(record.ItemID));
    return { status: 204, body: undefined };
  }
  try {
    const deleted = deleteAccount(state, record, { now: request.now, unitdp: 2 });
    return { status: 200, body: envelope(request.correlationId, request.now, { Accounts: [deleted] }) };
  } catch (error) {
    if (error instanceof ValidationFailure)
      throw validationException([echoElement({ ...record }, error.problems)]);
    throw error;
  }
}

function uploadEndpoint(
  state: OrganisationState,
  route: Extract<Route, { kind: 'attachment' }>,
  request: EndpointRequest,
): Answer {
  const parent = findRecord(state, route.endpoint, route.id);
  if (!parent) throw notFound();
  const parentId = String(parent[ID_FIELDS[route.endpoint.entity]]);
  try {
    const record = storeAttachment(
      state,
      route.endpoint,
      parent,
      parentId,
      route.fileName,
      request.headers.get('content-type'),
      request.bodySize,
      param(request.url, 'IncludeOnline') === 'true',
    );
    return {
      status: 200,
      body: envelope(request.correlationId, request.now, { Attachments: [copy(record)] }),
    };
  } catch (error) {
    if (error instanceof ValidationFailure)
      throw validationException([echoElement({ FileName: route.fileName }, error.problems)]);
    throw error;
  }
}

/** Runs the endpoint a route names. */
export function answer(state: OrganisationState, route: Route, request: EndpointRequest): Answer {
  switch (route.kind) {
    case 'organisation':
      return {
        status: 200,
        body: envelope(request.correlationId, request.now, { Organisations: [copy(state.organisation)] }),
      };
    case 'collection':
      return request.method === 'GET'
        ? listEndpoint(state, route.endpoint, request)
        : writeEndpoint(state, route, request);
    case 'record':
      if (request.method === 'GET') return readEndpoint(state, route.endpoint, route.id, request);
      if (request.method === 'DELETE') return deleteEndpoint(state, route.endpoint, route.id, request);
      return writeEndpoint(state, route, request);
    case 'attachments': {
      const parent = findRecord(state, route.endpoint, route.id);
      if (!parent) throw notFound();
      const attachments = attachmentsOf(
        state,
        route.endpoint,
        String(parent[ID_FIELDS[route.endpoint.entity]]),
      );
      return {
        status: 200,
        body: envelope(request.correlationId, request.now, { Attachments: attachments.map(copy) }),
      };
    }
    case 'attachment':
      return uploadEndpoint(state, route, request);
    case 'connections':
    case 'unknown':
      throw notFound();
  }
}
