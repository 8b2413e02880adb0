import type { AcceptsFilter, EntityName, Filter, ListOptions, WithIncludes } from '@rapport/core';
import type { FieldName, IncludeName, PagedList } from '@rapport/core/observers';
import { listQuery, selectPagedList } from '@rapport/core/observers';
import type { PagedHookOptions, PagedQueryResult } from './query-hook-options';
import { useRapportContext } from './rapport-context';
import { useObservedQuery } from './use-observed-query';
import { usePagedResult } from './use-paged-result';

/** What `useList` takes: a list's options as `Repository.list` takes them, and the hook's own. */
export type UseListOptions<E extends EntityName, I extends IncludeName<E>, W> = ListOptions<
  FieldName<E>,
  I,
  W
> &
  PagedHookOptions;

/**
 * A paged list of an entity's records: filter (typed by the entity's fields, as `Repository.list`
 * checks it), sort, page size, includes; `fetchNextPage` reads the next page by keyset cursor. While the
 * options change the previous list stays on screen (`isPlaceholderData`). Records changed anywhere show
 * up at once; the list is read again when a record of its entity is created, changed or archived.
 *
 * @example
 * ```tsx
 * function Contacts({ region }: { region: string }) {
 *   const { data, hasNextPage, fetchNextPage, isPlaceholderData } = useList('person', {
 *     where: { field: 'region', op: 'eq', value: region },
 *     orderBy: ['lastName', 'firstName'],
 *     limit: 50,
 *     include: ['company'],
 *   });
 *   return (
 *     <table style={{ opacity: isPlaceholderData ? 0.6 : 1 }}>
 *       {data?.items.map((person) => <tr key={person.id}><td>{person.fullName}</td><td>{person.company?.name}</td></tr>)}
 *       {hasNextPage && <button onClick={() => fetchNextPage()}>More</button>}
 *     </table>
 *   );
 * }
 * ```
 */
export function useList<
  E extends EntityName,
  const I extends IncludeName<E> = never,
  const W extends Filter<E> | Filter = Filter<E>,
>(
  entity: E,
  options?: AcceptsFilter<E, W> extends true
    ? UseListOptions<E, I, W>
    : UseListOptions<E, I, NoInfer<Filter<E>>>,
): PagedQueryResult<PagedList<WithIncludes<E, I>>> {
  const { client } = useRapportContext();
  const {
    enabled = true,
    keepPreviousData = true,
    ...list
  }: PagedHookOptions & ListOptions = (options as (PagedHookOptions & ListOptions) | undefined) ?? {};
  const definition = listQuery<E, I>(client, entity, list);
  const { result, observer } = useObservedQuery(definition, {
    enabled,
    keepPreviousData,
    select: selectPagedList<WithIncludes<E, I>>,
  });
  return usePagedResult(result, observer);
}
