import type { Segment } from '../../segments/segment';
import type { AnyRecord, MembersOptions } from '../../segments/segments-api';
import type { CrmClient } from '../../transport/crm-client';
import type { QueryDefinition } from '../cache/query';
import type { PagedData, PagedList } from './paged-data';
import { readNextPage, readPages, selectPagedList } from './paged-data';

/**
 * How to count a segment's members.
 *
 * @example
 * ```ts
 * await prefetchQuery(cache, segmentCountQuery(client, segmentId));
 * ```
 */
export function segmentCountQuery(client: CrmClient, segmentId: string): QueryDefinition<number> {
  return { key: ['segmentCount', segmentId], fetch: () => client.segments.count(segmentId) };
}

/** What the cache holds for a segment's members: the segment (its entity drives live updates) and pages. */
export interface SegmentMembersData extends PagedData<AnyRecord> {
  readonly segment: Segment;
}

/** A segment's members as `useSegmentMembers` returns them: the paged list and the segment itself. */
export interface SegmentMembers extends PagedList<AnyRecord> {
  readonly segment: Segment;
}

/**
 * How to read a segment's members, page by page.
 *
 * @example
 * ```ts
 * const observer = new QueryObserver(cache, segmentMembersQuery(client, segmentId, { limit: 50 }), {
 *   enabled: true,
 *   keepPreviousData: false,
 *   select: selectSegmentMembers,
 * });
 * ```
 */
export function segmentMembersQuery(
  client: CrmClient,
  segmentId: string,
  options: MembersOptions = {},
): QueryDefinition<SegmentMembersData> {
  const { cursor: startCursor, ...rest } = options;
  const readPage = (cursor: string | null | undefined) =>
    client.segments.members(segmentId, cursor === undefined || cursor === null ? rest : { ...rest, cursor });
  return {
    key: ['segmentMembers', segmentId, options],
    fetch: async (current) => {
      const [segment, paged] = await Promise.all([
        client.segments.get(segmentId),
        readPages(readPage, startCursor, current),
      ]);
      return { segment, pages: paged.pages };
    },
    fetchNext: async (current) => ({ ...current, ...(await readNextPage(readPage, current)) }),
  };
}

/**
 * The view of a segment's members that bindings return: the paged list and the segment.
 *
 * @example
 * ```ts
 * const { segment, items } = selectSegmentMembers(data);
 * ```
 */
export function selectSegmentMembers(data: SegmentMembersData): SegmentMembers {
  return { ...selectPagedList(data), segment: data.segment };
}
