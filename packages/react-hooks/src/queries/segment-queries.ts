import type { AnyRecord, CrmClient, MembersOptions, Segment } from '@rapport/core';
import type { QueryDefinition } from '../cache/query';
import type { PagedData, PagedList } from './paged-data';
import { readNextPage, readPages, selectPagedList } from './paged-data';

/** How to count a segment's members. */
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

/** How to read a segment's members, page by page. */
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

/** The hooks' view of a segment's members. */
export function selectSegmentMembers(data: SegmentMembersData): SegmentMembers {
  return { ...selectPagedList(data), segment: data.segment };
}
