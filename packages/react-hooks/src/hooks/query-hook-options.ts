import type { QueryResult } from '@rapport/core/observers';

/** What every query hook takes besides its arguments. */
export interface QueryHookOptions {
  /** False: read nothing yet (a dependent query); true by default. */
  readonly enabled?: boolean;
}

/** What the paged hooks (`useList`, `useSegmentMembers`, `useTimeline`) take besides their arguments. */
export interface PagedHookOptions extends QueryHookOptions {
  /**
   * While the options change (a new filter, sort or page size), keep showing the previous list, flagged
   * `isPlaceholderData`, instead of nothing: tables do not flash. True by default.
   */
  readonly keepPreviousData?: boolean;
}

/**
 * What the paged hooks return: the query result plus keyset paging.
 *
 * @example
 * ```tsx
 * const { data, hasNextPage, isFetchingNextPage, fetchNextPage } = useList('company', { limit: 50 });
 * <button disabled={!hasNextPage || isFetchingNextPage} onClick={() => fetchNextPage()}>More</button>
 * ```
 */
export interface PagedQueryResult<D> extends QueryResult<D> {
  /** The last page read has a next cursor. */
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  /** Reads the next page and appends its items. */
  readonly fetchNextPage: () => Promise<void>;
}

/** Hands cached data to a hook unchanged. */
export function selectData<T>(data: T): T {
  return data;
}
