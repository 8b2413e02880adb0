import type { Query } from '../cache/query';
import type { RapportCache } from '../cache/rapport-cache';
import { patchRecord } from './record-patches';

/** One query an optimistic change touched, with the data as it was before and as the change left it. */
export interface OptimisticPatch {
  readonly query: Query;
  readonly before: unknown;
  readonly after: unknown;
  readonly updatedAt: number;
  /** A read was in flight (or due): the change dropped it, so a rollback must ask for it again. */
  readonly droppedRead: boolean;
}

/**
 * Applies a change to every cached copy of the record `id` at once (its own query, lists, boards,
 * includes), dropping reads in flight that could bring the old values back.
 *
 * @example
 * ```ts
 * const patches = applyOptimistic(cache, id, assignChanges({ lastName: 'Lee' }));
 * try { await save(); } catch (error) { rollBack(cache, patches); throw error; }
 * ```
 */
export function applyOptimistic(
  cache: RapportCache,
  id: string,
  apply: (record: Record<string, unknown>) => void,
): OptimisticPatch[] {
  const patches: OptimisticPatch[] = [];
  for (const query of cache.getAll()) {
    const { data: before, dataUpdatedAt: updatedAt, isFetching, isInvalidated } = query.state;
    if (before === undefined) continue;
    const after = patchRecord(before, id, apply);
    if (after === before) continue;
    query.setData(after, { exact: true, updatedAt });
    patches.push({ query, before, after, updatedAt, droppedRead: isFetching || isInvalidated });
  }
  return patches;
}

/**
 * Gives each touched query back the very data it held before the change, unless something newer (a
 * live event, a read) replaced the optimistic data since; the queries whose read the change dropped
 * are invalidated.
 *
 * @example
 * ```ts
 * const patches = applyOptimistic(cache, id, assignChanges({ lastName: 'Lee' }));
 * rollBack(patches);
 * ```
 */
export function rollBack(patches: readonly OptimisticPatch[]): void {
  for (const patch of patches) {
    if (patch.query.state.data === patch.after)
      patch.query.setData(patch.before, { exact: true, updatedAt: patch.updatedAt });
    if (patch.droppedRead) patch.query.invalidate();
  }
}
