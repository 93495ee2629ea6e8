/**
 * The query, read and write endpoints. Each takes the parsed request and returns the status and JSON body
 * of QBO's answer, or throws a {@link SimulatorFault}. They run synchronously, so a write and the
 * bookkeeping around it (request-id replay) cannot interleave with another request.
 */
import { entityFromName, isNameList, type QuickBooksEntityName, type QuickBooksRecord } from './entities.js';
import { objectNotFound, queryParserError, queryValidationError, unsupportedOperation } from './errors.js';
import { createRecord, deleteRecord, parseEntityBody, updateRecord, voidRecord } from './operations.js';
import { type ParsedQuery, parseQuery, QueryLanguageError, runQuery } from './query-language.js';
import type { WriteOperation } from './routes.js';
import { type CompanyTables, copyRecord } from './store.js';
import { responseTime } from './time.js';

/** An endpoint's answer before it becomes a Response. */
export interface EndpointResult {
  readonly status: number;
  readonly body: unknown;
}

function ok(body: Record<string, unknown>, now: number): EndpointResult {
  return { status: 200, body: { ...body, time: responseTime(now) } };
}

function parse(text: string | undefined): ParsedQuery {
  try {
    return parseQuery(text ?? '');
  } catch (error) {
    if (error instanceof QueryLanguageError) throw queryParserError(error.message);
    throw error;
  }
}

/**
 * QBO hides inactive customers, vendors, items and accounts from queries unless the query itself
 * mentions `Active` (`WHERE Active IN (true, false)` is the documented way to see them).
 */
function withImplicitActiveFilter(entity: QuickBooksEntityName, query: ParsedQuery): ParsedQuery {
  if (!isNameList(entity) || query.where.some((condition) => condition.field.toLowerCase() === 'active')) {
    return query;
  }
  return { ...query, where: [...query.where, { field: 'Active', operator: '=', value: true }] };
}

/**
 * `SELECT … FROM Entity …`: `{ QueryResponse: { Entity: [...], startPosition, maxResults }, time }`, with
 * the entity key left out when no rows match and `{ totalCount }` alone for `COUNT(*)`, as QBO answers.
 */
export function queryEndpoint(tables: CompanyTables, text: string | undefined, now: number): EndpointResult {
  const parsed = parse(text);
  const entity = entityFromName(parsed.entity);
  if (entity === undefined) throw queryValidationError('The entity in the FROM clause is not supported.');
  const result = runQuery(withImplicitActiveFilter(entity, parsed), tables.all(entity));
  if (parsed.select === 'count') return ok({ QueryResponse: { totalCount: result.totalCount } }, now);
  if (result.rows.length === 0) return ok({ QueryResponse: {} }, now);
  return ok(
    {
      QueryResponse: {
        [entity]: copyRecord(result.rows),
        startPosition: result.startPosition,
        maxResults: result.maxResults,
      },
    },
    now,
  );
}

/** `GET /{entity}/{id}`; CompanyInfo is read at `/companyinfo/{realmId}`. */
export function readEndpoint(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  id: string,
  realmId: string,
  now: number,
): EndpointResult {
  const record =
    entity === 'CompanyInfo' && id === realmId ? tables.all('CompanyInfo')[0] : tables.get(entity, id);
  if (record === undefined) throw objectNotFound();
  return ok({ [entity]: copyRecord(record) }, now);
}

/** `POST /{entity}[?operation=delete|void]` with the bare entity as the JSON body. */
export function writeEndpoint(
  tables: CompanyTables,
  entity: QuickBooksEntityName,
  operation: WriteOperation,
  bodyText: string | undefined,
  now: number,
): EndpointResult {
  if (operation === 'unsupported') throw unsupportedOperation(`requested on ${entity}`);
  const input: QuickBooksRecord = parseEntityBody(bodyText);
  let result: QuickBooksRecord;
  if (operation === 'delete') result = { ...deleteRecord(tables, entity, input, now) };
  else if (operation === 'void') result = voidRecord(tables, entity, input, now);
  else if (input.Id === undefined) result = createRecord(tables, entity, input, { now });
  else result = updateRecord(tables, entity, input, { now, checkSyncToken: true });
  return ok({ [entity]: copyRecord(result) }, now);
}
