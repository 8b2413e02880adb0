/**
 * React hooks for Rapport: records, lists, segments, pipeline boards and timelines over any
 * `CrmClient` (in process or remote), cached, deduplicated, live and optimistic, and SSR-safe.
 *
 * @module @rapport/react
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
export type { QueryResult } from './cache/query-observer';
export type { RapportCacheOptions } from './cache/rapport-cache';
export { RapportCache } from './cache/rapport-cache';
export type { FieldName, IncludeName, InputOf, RecordOf } from './entity-types';
export { recordsOf } from './entity-types';
export type { PagedHookOptions, PagedQueryResult, QueryHookOptions } from './hooks/query-hook-options';
export type { RapportContextValue } from './hooks/rapport-context';
export { useRapportCache, useRapportClient } from './hooks/rapport-context';
export type { RapportProviderProps } from './hooks/rapport-provider';
export { RapportProvider } from './hooks/rapport-provider';
export type { ArchiveVariables } from './hooks/use-archive';
export { useArchive } from './hooks/use-archive';
export { useCreate } from './hooks/use-create';
export type { UseListOptions } from './hooks/use-list';
export { useList } from './hooks/use-list';
export type { MoveDealVariables } from './hooks/use-move-deal';
export { useMoveDeal } from './hooks/use-move-deal';
export type { MutateCallbacks, MutationResult, MutationStatus } from './hooks/use-mutation';
export { usePipelineBoard } from './hooks/use-pipeline-board';
export type { UseRecordOptions } from './hooks/use-record';
export { useRecord } from './hooks/use-record';
export { useSegmentCount } from './hooks/use-segment-count';
export type { UseSegmentMembersOptions } from './hooks/use-segment-members';
export { useSegmentMembers } from './hooks/use-segment-members';
export type { UseTimelineOptions } from './hooks/use-timeline';
export { useTimeline } from './hooks/use-timeline';
export type { UpdateVariables } from './hooks/use-update';
export { useUpdate } from './hooks/use-update';
export type { BoardColumn, PipelineBoard, PipelineStage } from './queries/board-query';
export type { PagedList } from './queries/paged-data';
export type { RecordReadOptions } from './queries/record-query';
export { recordKey } from './queries/record-query';
export type { SegmentMembers } from './queries/segment-queries';
export type { TimelineEntity, TimelineOptions } from './queries/timeline-query';
export { applyEvent } from './updates/apply-event';
