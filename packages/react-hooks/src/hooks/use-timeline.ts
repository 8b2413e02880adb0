import type { Activity } from '@rapport/core';
import type { PagedList, TimelineEntity, TimelineOptions } from '@rapport/core/observers';
import { selectPagedList, timelineQuery } from '@rapport/core/observers';
import type { PagedHookOptions, PagedQueryResult } from './query-hook-options';
import { useRapportContext } from './rapport-context';
import { useObservedQuery } from './use-observed-query';
import { usePagedResult } from './use-paged-result';

/** What `useTimeline` takes besides the record. */
export type UseTimelineOptions = TimelineOptions & PagedHookOptions;

/**
 * The activities (calls, emails, meetings, notes, ...) linked to a person, company or deal, newest
 * first, paged; a new activity logged anywhere shows up at once.
 *
 * @example
 * ```tsx
 * const { data, hasNextPage, fetchNextPage } = useTimeline('person', personId);
 * data?.items.map((activity) => <li key={activity.id}>{activity.type}: {activity.subject}</li>);
 * ```
 */
export function useTimeline(
  entity: TimelineEntity,
  id: string | null | undefined,
  options: UseTimelineOptions = {},
): PagedQueryResult<PagedList<Activity>> {
  const { client } = useRapportContext();
  const { enabled = true, keepPreviousData = false, ...timeline } = options;
  const definition = timelineQuery(client, entity, id ?? '', timeline);
  const { result, observer } = useObservedQuery(definition, {
    enabled: enabled && typeof id === 'string' && id !== '',
    keepPreviousData,
    select: selectPagedList<Activity>,
  });
  return usePagedResult(result, observer);
}
