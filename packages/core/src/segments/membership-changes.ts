import { jsonEqual } from '../records/diff';
import type { Condition } from '../storage/condition';
import { evaluateCondition } from '../storage/evaluate-condition';
import type { RelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';
import type { Segment } from './segment';

/** A saved segment ready for in-memory evaluation: its membership condition, compiled on first use. */
export interface CompiledSegment {
  readonly segment: Segment;
  /** "Not archived, and a member": the segment's filter, or its listing in `segment_members`. */
  readonly condition: Condition;
  /** The related tables the condition reads, at any depth. */
  readonly tables: ReadonlySet<string>;
  /** The columns of the record itself the condition reads (see `outerColumns`). */
  readonly columns: ReadonlySet<string>;
}

/** One record before and after a change: null before a create and after a delete. */
export interface RowChange {
  readonly before: Row | null;
  readonly after: Row | null;
}

/** A record that entered or left a segment. */
export interface MembershipChange {
  readonly segment: Segment;
  readonly recordId: string;
  /** The record's version after the change (before it, for a delete). */
  readonly recordVersion: number;
  readonly entered: boolean;
}

/** The related rows as each side of a change sees them. */
export interface RelatedViews {
  readonly before: RelatedRows;
  readonly after: RelatedRows;
}

/** The columns whose values differ between two versions of a row. */
export function changedColumns(before: Row, after: Row): Set<string> {
  const changed = new Set<string>();
  if (before === after) return changed;
  for (const column of Object.keys(after)) if (!jsonEqual(before[column], after[column])) changed.add(column);
  for (const column of Object.keys(before)) if (!Object.hasOwn(after, column)) changed.add(column);
  return changed;
}

/**
 * Whether a change of one row can alter a segment's answer for it: the row is created or deleted, or the
 * change touched a column the segment reads, or rows of a table it reads (`patchedTable`).
 */
export function mayChange(
  compiled: CompiledSegment,
  row: RowChange,
  changed: ReadonlySet<string> | undefined,
  patchedTable: string | undefined,
): boolean {
  if (row.before === null || row.after === null || changed === undefined) return true;
  if (patchedTable !== undefined && compiled.tables.has(patchedTable)) return true;
  for (const column of changed) if (compiled.columns.has(column)) return true;
  return false;
}

/**
 * Which segments each changed record entered or left: every segment's condition evaluated in memory on the
 * record before the change (with the related rows as they were) and after it. A record that does not
 * exist on one side is a member of nothing there. A segment whose condition reads none of the changed
 * columns and not `patchedTable` (the table whose rows differ between the views) is not evaluated: its
 * answer cannot change. Pure: the rows and views are given.
 *
 * @example
 * ```ts
 * const changes = membershipChanges(segments, [{ before: oldRow, after: newRow }], views, 'people');
 * changes.filter((change) => change.entered).map((change) => change.segment.name);
 * ```
 */
export function membershipChanges(
  segments: readonly CompiledSegment[],
  rows: readonly RowChange[],
  views: RelatedViews,
  patchedTable?: string,
): MembershipChange[] {
  const changes: MembershipChange[] = [];
  for (const change of rows) {
    const { before, after } = change;
    const row = (after ?? before) as Row;
    const changed = before === null || after === null ? undefined : changedColumns(before, after);
    for (const compiled of segments) {
      if (!mayChange(compiled, change, changed, patchedTable)) continue;
      const wasIn = before !== null && evaluateCondition(compiled.condition, before, views.before);
      const isIn = after !== null && evaluateCondition(compiled.condition, after, views.after);
      if (wasIn === isIn) continue;
      changes.push({
        segment: compiled.segment,
        recordId: row.id as string,
        recordVersion: row.version as number,
        entered: isIn,
      });
    }
  }
  return changes;
}
