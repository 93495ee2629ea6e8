import type { ListFilter } from '../engine/definition.js';
import type { CallOptions, Page, PageOptions, ProviderClient } from '../engine/provider-client.js';
import type { EntityOf, ResourceName } from '../schema/resources.js';

/** Options for reading a list. */
export interface ListOptions extends ListFilter, CallOptions {
  /** Records per provider request; defaults to the provider's maximum. */
  readonly pageSize?: number | undefined;
}

/** Options for reading one page. */
export interface ListPageOptions extends ListOptions {
  /** The `nextCursor` of the previous page (with the same filter). */
  readonly cursor?: string | undefined;
}

/**
 * Read access to one resource of a connection.
 *
 * @example
 * ```ts
 * for await (const invoice of books.invoices.list({ status: 'open' })) console.log(invoice.number);
 * const page = await books.invoices.listPage({ status: 'open', pageSize: 50 });
 * const invoice = await books.invoices.get('130');
 * ```
 */
export interface ResourceReader<Entity> {
  /** Every matching record, fetched a page at a time as you iterate. */
  list(options?: ListOptions): AsyncGenerator<Entity, void, undefined>;
  /** One page and the cursor of the next. */
  listPage(options?: ListPageOptions): Promise<Page<Entity>>;
  /** One record by id; NotFoundError when it does not exist. */
  get(id: string, options?: CallOptions): Promise<Entity>;
}

function splitOptions(options: ListPageOptions): { filter: ListFilter; page: PageOptions } {
  // The actor travels with the page options to the audit trail; left in the filter, it would be refused
  // as an unsupported filter.
  const { cursor, pageSize, signal, actor, ...filter } = options;
  return { filter, page: { cursor, pageSize, signal, actor } };
}

/** Builds the reader of one resource over a provider client. */
export function createResourceReader<Resource extends ResourceName>(
  client: ProviderClient,
  resource: Resource,
): ResourceReader<EntityOf<Resource>> {
  return {
    list(options = {}) {
      const { filter, page } = splitOptions(options);
      return client.list(resource, filter, page);
    },
    listPage(options = {}) {
      const { filter, page } = splitOptions(options);
      return client.listPage(resource, filter, page);
    },
    async get(id, options = {}) {
      return (await client.get(resource, id, options)).entity;
    },
  };
}
