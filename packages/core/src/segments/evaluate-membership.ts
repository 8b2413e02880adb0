import type { StorageReader } from '../storage/adapter';
import type { CompiledSegment, MembershipChange, RowChange } from './membership-changes';
import { changedColumns, mayChange, membershipChanges } from './membership-changes';
import type { RowsPatch } from './related-prefetch';
import { prefetchRelated, rowsBefore } from './related-prefetch';
import { relatedRowsFrom } from './related-source';
import { relationTree } from './relation-tree';

/** What {@link evaluateMembership} takes. */
export interface EvaluateMembershipArgs {
  /** The transaction of the change: it sees the change's own writes. */
  readonly reader: StorageReader;
  readonly tenantId: string;
  readonly segments: readonly CompiledSegment[];
  /** The records whose membership may have changed, before and after. */
  readonly rows: readonly RowChange[];
  /** How the related rows before the change differ from the rows the transaction now sees. */
  readonly patch: RowsPatch;
  /** Ids of records the change created (see `PrefetchArgs.freshIds`). */
  readonly freshIds?: ReadonlySet<string>;
}

/**
 * Which segments the given records entered or left through a change, evaluated in memory inside the
 * change's transaction: fetches the related rows the segments use for these records only, derives the
 * view before the change from the view after it, and compares membership on both sides.
 *
 * @example
 * ```ts
 * const changes = await evaluateMembership({ reader: tx, tenantId, segments, rows: [{ before, after }],
 *   patch: { table: 'people', isAfterOnly: (row) => row.id === after.id, beforeOnly: [before] } });
 * ```
 */
export async function evaluateMembership(args: EvaluateMembershipArgs): Promise<MembershipChange[]> {
  const { rows, patch } = args;
  // Only segments whose answer the change can alter are evaluated, and only their relations fetched.
  const changed = rows.map((row) =>
    row.before === null || row.after === null ? undefined : changedColumns(row.before, row.after),
  );
  const segments = args.segments.filter((segment) =>
    rows.some((row, index) => mayChange(segment, row, changed[index], patch.table)),
  );
  if (segments.length === 0) return [];
  const outerRows = rows.flatMap((row) => [row.before, row.after].filter((side) => side !== null));
  const after = await prefetchRelated({
    reader: args.reader,
    tenantId: args.tenantId,
    tree: relationTree(segments.map((segment) => segment.condition)),
    outerRows,
    beforeOnly: new Map([[patch.table, patch.beforeOnly]]),
    ...(args.freshIds === undefined ? {} : { freshIds: args.freshIds }),
  });
  return membershipChanges(
    segments,
    rows,
    { before: relatedRowsFrom(rowsBefore(after, patch)), after: relatedRowsFrom(after) },
    patch.table,
  );
}
