import type { MembersOptions } from '@rapport/core';
import type { SegmentMembers } from '@rapport/core/observers';
import { segmentMembersQuery, selectSegmentMembers } from '@rapport/core/observers';
import type { PagedHookOptions, PagedQueryResult } from './query-hook-options';
import { useRapportContext } from './rapport-context';
import { useObservedQuery } from './use-observed-query';
import { usePagedResult } from './use-paged-result';

/** What `useSegmentMembers` takes besides the segment: sort, page size, fields, includes, paging. */
export type UseSegmentMembersOptions = MembersOptions & PagedHookOptions;

/**
 * A saved segment's members, paged like a list, with the segment itself. Read again when a record
 * enters or leaves the segment, or when a record of its entity changes.
 *
 * @example
 * ```tsx
 * const { data } = useSegmentMembers(segmentId, { orderBy: 'lastName', limit: 25 });
 * <h2>{data?.segment.name}</h2>
 * ```
 */
export function useSegmentMembers(
  segmentId: string | null | undefined,
  options: UseSegmentMembersOptions = {},
): PagedQueryResult<SegmentMembers> {
  const { client } = useRapportContext();
  const { enabled = true, keepPreviousData = true, ...members } = options;
  const definition = segmentMembersQuery(client, segmentId ?? '', members);
  const { result, observer } = useObservedQuery(definition, {
    enabled: enabled && typeof segmentId === 'string' && segmentId !== '',
    keepPreviousData,
    select: selectSegmentMembers,
  });
  return usePagedResult(result, observer);
}
