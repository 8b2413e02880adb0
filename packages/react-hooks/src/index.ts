/**
 * React hooks for Rapport: records, lists, segments, pipeline boards and timelines over any
 * `CrmClient` (in process or remote), cached, deduplicated, live and optimistic, and SSR-safe. The
 * cache, its observers and the query definitions live in `@rapport/core/observers`; the hooks bind
 * them to React with `useSyncExternalStore`, and this entry re-exports their public names.
 *
 * @module @rapport/react
 */

export type {
  BoardColumn,
  DehydratedQuery,
  DehydratedState,
  FieldName,
  HookError,
  HydrateOptions,
  IncludeName,
  InputOf,
  PagedList,
  PipelineBoard,
  PipelineStage,
  Query,
  QueryDefinition,
  QueryKey,
  QueryResult,
  QueryState,
  QueryStatus,
  RapportCacheOptions,
  RecordOf,
  RecordReadOptions,
  SegmentMembers,
  SetDataOptions,
  TimelineEntity,
  TimelineOptions,
} from '@rapport/core/observers';
export {
  applyEvent,
  dehydrate,
  hashKey,
  hydrate,
  prefetchList,
  prefetchPipelineBoard,
  prefetchQuery,
  prefetchRecord,
  prefetchSegmentCount,
  prefetchSegmentMembers,
  prefetchTimeline,
  RapportCache,
  recordKey,
  recordsOf,
  toHookError,
} from '@rapport/core/observers';
export type { PagedHookOptions, PagedQueryResult, QueryHookOptions } from './hooks/query-hook-options';
export type { RapportContextValue } from './hooks/rapport-context';
export { useRapportCache, useRapportClient } from './hooks/rapport-context';
export type { RapportProviderProps } from './hooks/rapport-provider';
export { RapportProvider } from './hooks/rapport-provider';
export type { ArchiveVariables } from './hooks/use-archive';
export { useArchive } from './hooks/use-archive';
export type { UseClientQueryOptions } from './hooks/use-client-query';
export { useClientQuery } from './hooks/use-client-query';
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
