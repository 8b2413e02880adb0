import type { EntityName } from '../../entities/entity-name';
import type { ListOptions, Page } from '../../records/list-options';
import type { WithIncludes } from '../../records/repository';
import type { CrmClient } from '../../transport/crm-client';
import type { QueryDefinition } from '../cache/query';
import type { IncludeName } from '../entity-types';
import { recordsOf } from '../entity-types';
import type { PagedData } from './paged-data';
import { readNextPage, readPages } from './paged-data';

/**
 * How to read a paged list of an entity's records: `options` as `list` takes them (its `cursor`, when
 * given, is where the first page starts); the key holds every option, so each filter and sort is its own
 * query.
 *
 * @example
 * ```ts
 * const definition = listQuery(client, 'person', { orderBy: 'lastName', limit: 50 });
 * const observer = new QueryObserver(cache, definition, {
 *   enabled: true,
 *   keepPreviousData: true,
 *   select: selectPagedList,
 * });
 * ```
 */
export function listQuery<E extends EntityName, I extends IncludeName<E>>(
  client: CrmClient,
  entity: E,
  options: ListOptions = {},
): QueryDefinition<PagedData<WithIncludes<E, I>>> {
  const { cursor: startCursor, ...rest } = options;
  const records = recordsOf(client, entity) as unknown as {
    list(options: ListOptions): Promise<Page<WithIncludes<E, I>>>;
  };
  const readPage = (cursor: string | null | undefined) =>
    records.list(cursor === undefined || cursor === null ? rest : { ...rest, cursor });
  return {
    key: ['list', entity, options],
    fetch: (current) => readPages(readPage, startCursor, current),
    fetchNext: (current) => readNextPage(readPage, current),
  };
}
