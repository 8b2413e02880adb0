import type { QueryObserver, QueryResult } from '@rapport/core/observers';
import { useMemo } from 'react';
import type { PagedQueryResult } from './query-hook-options';

/** Adds keyset paging to a paged query's result; the same object while the result is. */
export function usePagedResult<T, D extends { readonly nextCursor: string | null }>(
  result: QueryResult<D>,
  observer: QueryObserver<T, D>,
): PagedQueryResult<D> {
  return useMemo(
    () => ({
      ...result,
      hasNextPage: !result.isPlaceholderData && (result.data?.nextCursor ?? null) !== null,
      isFetchingNextPage: observer.isFetchingNextPage,
      fetchNextPage: observer.fetchNextPage,
    }),
    [result, observer],
  );
}
