/**
 * The framework-free query layer of Rapport: a cache of reads keyed by entity, call and arguments, observers
 * that give stable result snapshots, the query definitions of records, lists, segments, pipeline boards
 * and timelines, live updates from the client's event stream, and optimistic writes that roll back
 * exactly. `@rapport/react` binds it to React; a binding for another framework subscribes a
 * `QueryObserver` the same way.
 *
 * @example
 * ```ts
 * import { QueryObserver, RapportCache, recordQuery } from '@rapport/core/observers';
 *
 * const cache = new RapportCache();
 * const observer = new QueryObserver(cache, recordQuery(client, 'person', id), {
 *   enabled: true,
 *   keepPreviousData: false,
 *   select: (person) => person,
 * });
 * const stop = observer.subscribe(() => render(observer.getResult()));
 * ```
 *
 * @module @rapport/core/observers
 */

export type { DehydratedQuery, DehydratedState, HydrateOptions } from './cache/dehydrate';
export { dehydrate, hydrate } from './cache/dehydrate';
export type { QueryKey } from './cache/hash-key';
export { hashKey } from './cache/hash-key';
export type { HookError } from './cache/hook-error';
export { toHookError } from './cache/hook-error';
export {
  prefetchList,
  prefetchPipelineBoard,
  prefetchQuery,
  prefetchRecord,
  prefetchSegmentCount,
  prefetchSegmentMembers,
  prefetchTimeline,
} from './cache/prefetch';
export type { Query, QueryDefinition, QueryState, QueryStatus, SetDataOptions } from './cache/query';
export type { ObserverOptions, QueryResult } from './cache/query-observer';
export { QueryObserver } from './cache/query-observer';
export type { RapportCacheOptions } from './cache/rapport-cache';
export { RapportCache } from './cache/rapport-cache';
export type { FieldName, IncludeName, InputOf, RecordOf } from './entity-types';
export { recordsOf } from './entity-types';
export type { BoardColumn, BoardData, PipelineBoard, PipelineStage } from './queries/board-query';
export { boardQuery, selectBoard } from './queries/board-query';
export type { ClientQueryOptions } from './queries/client-query';
export { clientQuery } from './queries/client-query';
export { listQuery } from './queries/list-query';
export type { PagedData, PagedList } from './queries/paged-data';
export { selectPagedList } from './queries/paged-data';
export type { RecordReadOptions } from './queries/record-query';
export { recordKey, recordQuery } from './queries/record-query';
export type { SegmentMembers, SegmentMembersData } from './queries/segment-queries';
export { segmentCountQuery, segmentMembersQuery, selectSegmentMembers } from './queries/segment-queries';
export type { TimelineEntity, TimelineOptions } from './queries/timeline-query';
export { timelineQuery } from './queries/timeline-query';
export { applyEvent } from './updates/apply-event';
export type { RecordWrite } from './updates/apply-record-write';
export { applyRecordWrite } from './updates/apply-record-write';
export type { OptimisticPatch } from './updates/optimistic';
export { applyOptimistic, rollBack } from './updates/optimistic';
export { assignChanges } from './updates/record-patches';
export { settleFailure } from './updates/settle-failure';
