import type { Activity } from '../../entities/types';
import type { Filter } from '../../filter/filter-types';
import type { CrmClient } from '../../transport/crm-client';
import type { QueryDefinition } from '../cache/query';
import type { PagedData } from './paged-data';
import { readNextPage, readPages } from './paged-data';

/** The entities a timeline follows: activities link to people, companies and deals. */
export type TimelineEntity = 'person' | 'company' | 'deal';

/** What `useTimeline` takes besides the record. */
export interface TimelineOptions {
  /** Activities per page; 25 when not given. */
  readonly limit?: number;
}

function linkedTo(entity: TimelineEntity, id: string): Filter<'activity'> {
  if (entity === 'person') return { field: 'personIds', op: 'hasAny', value: [id] };
  if (entity === 'company') return { field: 'companyId', op: 'eq', value: id };
  return { field: 'dealId', op: 'eq', value: id };
}

/**
 * How to read the activities linked to a record, newest first, page by page.
 *
 * @example
 * ```ts
 * await prefetchQuery(cache, timelineQuery(client, 'person', personId, { limit: 10 }));
 * ```
 */
export function timelineQuery(
  client: CrmClient,
  entity: TimelineEntity,
  id: string,
  options: TimelineOptions = {},
): QueryDefinition<PagedData<Activity>> {
  const limit = options.limit ?? 25;
  const readPage = (cursor: string | null | undefined) =>
    client.activities.list({
      where: linkedTo(entity, id),
      orderBy: '-occurredAt',
      limit,
      ...(cursor === undefined || cursor === null ? {} : { cursor }),
    });
  return {
    key: ['timeline', entity, id, { limit }],
    fetch: (current) => readPages(readPage, null, current),
    fetchNext: (current) => readNextPage(readPage, current),
  };
}
