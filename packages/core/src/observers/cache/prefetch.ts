import type { EntityName } from '../../entities/entity-name';
import type { AcceptsFilter, Filter } from '../../filter/filter-types';
import type { ListOptions } from '../../records/list-options';
import type { MembersOptions } from '../../segments/segments-api';
import type { CrmClient } from '../../transport/crm-client';
import type { FieldName, IncludeName } from '../entity-types';
import { boardQuery } from '../queries/board-query';
import { listQuery } from '../queries/list-query';
import type { RecordReadOptions } from '../queries/record-query';
import { recordQuery } from '../queries/record-query';
import { segmentCountQuery, segmentMembersQuery } from '../queries/segment-queries';
import type { TimelineEntity, TimelineOptions } from '../queries/timeline-query';
import { timelineQuery } from '../queries/timeline-query';
import type { QueryDefinition } from './query';
import type { RapportCache } from './rapport-cache';

/**
 * Reads a query into the cache unless it holds fresh data already. Never rejects: a failed read is
 * left out of `dehydrate`, and the browser reads it again.
 *
 * @example
 * ```ts
 * await prefetchQuery(cache, { key: ['segmentCount', id], fetch: () => client.segments.count(id) });
 * ```
 */
export async function prefetchQuery<T>(cache: RapportCache, definition: QueryDefinition<T>): Promise<void> {
  const query = cache.build<T>(definition.key);
  query.setDefinition(definition);
  if (query.isStale(cache.staleTime)) await query.fetch();
}

/**
 * Reads a record into the cache the way `useRecord(entity, id, options)` reads it.
 *
 * @example
 * ```ts
 * await prefetchRecord(cache, client, 'person', params.id, { include: ['company'] });
 * ```
 */
export function prefetchRecord<E extends EntityName, const I extends IncludeName<E> = never>(
  cache: RapportCache,
  client: CrmClient,
  entity: E,
  id: string,
  options?: RecordReadOptions<E, I>,
): Promise<void> {
  return prefetchQuery(cache, recordQuery<E, I>(client, entity, id, options));
}

/**
 * Reads the first page of a list into the cache the way `useList(entity, options)` reads it.
 *
 * @example
 * ```ts
 * await prefetchList(cache, client, 'person', { orderBy: 'lastName', limit: 50 });
 * ```
 */
export function prefetchList<
  E extends EntityName,
  const I extends IncludeName<E> = never,
  const W extends Filter<E> | Filter = Filter<E>,
>(
  cache: RapportCache,
  client: CrmClient,
  entity: E,
  options?: AcceptsFilter<E, W> extends true
    ? ListOptions<FieldName<E>, I, W>
    : ListOptions<FieldName<E>, I, NoInfer<Filter<E>>>,
): Promise<void> {
  return prefetchQuery(cache, listQuery<E, I>(client, entity, (options ?? {}) as ListOptions));
}

/**
 * Reads a segment's count into the cache, as `useSegmentCount(segmentId)` reads it.
 *
 * @example
 * ```ts
 * await prefetchSegmentCount(cache, client, vipSegmentId);
 * ```
 */
export function prefetchSegmentCount(
  cache: RapportCache,
  client: CrmClient,
  segmentId: string,
): Promise<void> {
  return prefetchQuery(cache, segmentCountQuery(client, segmentId));
}

/**
 * Reads a segment's first page of members into the cache, as `useSegmentMembers(segmentId, options)` does.
 *
 * @example
 * ```ts
 * await prefetchSegmentMembers(cache, client, vipSegmentId, { orderBy: 'lastName', limit: 25 });
 * ```
 */
export function prefetchSegmentMembers(
  cache: RapportCache,
  client: CrmClient,
  segmentId: string,
  options: MembersOptions = {},
): Promise<void> {
  return prefetchQuery(cache, segmentMembersQuery(client, segmentId, options));
}

/**
 * Reads a pipeline board into the cache, as `usePipelineBoard(pipelineId)` does.
 *
 * @example
 * ```ts
 * await prefetchPipelineBoard(cache, client, pipelineId);
 * ```
 */
export function prefetchPipelineBoard(
  cache: RapportCache,
  client: CrmClient,
  pipelineId: string,
): Promise<void> {
  return prefetchQuery(cache, boardQuery(client, pipelineId));
}

/**
 * Reads a record's timeline into the cache, as `useTimeline(entity, id, options)` does.
 *
 * @example
 * ```ts
 * await prefetchTimeline(cache, client, 'person', personId);
 * ```
 */
export function prefetchTimeline(
  cache: RapportCache,
  client: CrmClient,
  entity: TimelineEntity,
  id: string,
  options: TimelineOptions = {},
): Promise<void> {
  return prefetchQuery(cache, timelineQuery(client, entity, id, options));
}
