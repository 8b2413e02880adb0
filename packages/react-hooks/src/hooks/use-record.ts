import type { EntityName, WithIncludes } from '@rapport/core';
import type { IncludeName, QueryResult, RecordReadOptions } from '@rapport/core/observers';
import { recordQuery } from '@rapport/core/observers';
import type { QueryHookOptions } from './query-hook-options';
import { selectData } from './query-hook-options';
import { useRapportContext } from './rapport-context';
import { useObservedQuery } from './use-observed-query';

/** What `useRecord` takes besides the entity and id. */
export type UseRecordOptions<E extends EntityName, I extends IncludeName<E>> = RecordReadOptions<E, I> &
  QueryHookOptions;

/**
 * One record by id, typed by its entity, kept live: changes made anywhere (this client's mutations,
 * other users through the event stream) show up without a refetch. A null or undefined id reads
 * nothing yet.
 *
 * @example
 * ```tsx
 * function PersonHeader({ id }: { id: string }) {
 *   const { data: person, error, isLoading } = useRecord('person', id, { include: ['company'] });
 *   if (isLoading) return <p>Loading…</p>;
 *   if (error) return <p role="alert">{error.message}</p>;
 *   return <h1>{person?.fullName} · {person?.company?.name}</h1>;
 * }
 * ```
 */
export function useRecord<E extends EntityName, const I extends IncludeName<E> = never>(
  entity: E,
  id: string | null | undefined,
  options?: UseRecordOptions<E, I>,
): QueryResult<WithIncludes<E, I>> {
  const { client } = useRapportContext();
  const { enabled = true, ...read } = options ?? {};
  const definition = recordQuery<E, I>(client, entity, id ?? '', read as RecordReadOptions<E, I>);
  const { result } = useObservedQuery(definition, {
    enabled: enabled && typeof id === 'string' && id !== '',
    keepPreviousData: false,
    select: selectData<WithIncludes<E, I>>,
  });
  return result;
}
