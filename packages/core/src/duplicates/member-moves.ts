import { allOf, columnEquals, columnIn } from '../records/conditions';
import type { StorageWriter } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';

const table = 'segment_members';

/** The static segment rows a merge took away and put in, so that its undo can put them back. */
export interface MemberMoves {
  readonly removed: readonly Row[];
  readonly added: readonly Row[];
}

const rowKey = (row: Row) => `${row.segment_id as string}\u0000${row.record_id as string}`;

function rowCondition(rows: readonly Row[]): Condition {
  return {
    kind: 'or',
    conditions: rows.map(
      (row) =>
        allOf(
          columnEquals('segment_id', row.segment_id as string),
          columnEquals('record_id', row.record_id as string),
        ) as Condition,
    ),
  };
}

/**
 * Moves the losers' places in static (and snapshot) segments to the winner, inside the caller's
 * transaction: each loser row is taken out, and the winner is put in each such segment it is not in yet,
 * with the earliest `added_at` of the rows it replaces.
 *
 * @example
 * ```ts
 * const moves = await moveSegmentMembers(tx, tenantId, winner.id, [loser.id]);
 * ```
 */
export async function moveSegmentMembers(
  tx: StorageWriter,
  tenantId: string,
  winnerId: string,
  loserIds: readonly string[],
): Promise<MemberMoves> {
  const removed = await tx.findMany({ table, tenantId, where: columnIn('record_id', loserIds) });
  if (removed.length === 0) return { removed: [], added: [] };
  const segments = [...new Set(removed.map((row) => row.segment_id as string))];
  const listed = await tx.findMany({
    table,
    tenantId,
    where: allOf(columnEquals('record_id', winnerId), columnIn('segment_id', segments)) as Condition,
  });
  const has = new Set(listed.map((row) => row.segment_id as string));
  const added = new Map<string, Row>();
  for (const row of removed) {
    const segment = row.segment_id as string;
    if (has.has(segment)) continue;
    const known = added.get(segment);
    if (known === undefined || (row.added_at as string) < (known.added_at as string))
      added.set(segment, { ...row, record_id: winnerId });
  }
  await tx.delete({ table, tenantId, where: rowCondition(removed) });
  if (added.size > 0) await tx.insert({ table, rows: [...added.values()] });
  return { removed, added: [...added.values()] };
}

/**
 * Puts back the segment rows a merge moved, inside the caller's transaction: the rows it added are taken
 * out and the rows it removed put in. Returns false, changing nothing, when the rows are no longer as the
 * merge left them (a row it added was removed since, or a removed one was put back).
 *
 * @example
 * ```ts
 * if (!(await restoreSegmentMembers(tx, tenantId, moves))) throw conflict;
 * ```
 */
export async function restoreSegmentMembers(
  tx: StorageWriter,
  tenantId: string,
  moves: MemberMoves,
): Promise<boolean> {
  const rows = [...moves.added, ...moves.removed];
  if (rows.length === 0) return true;
  const present = new Set((await tx.findMany({ table, tenantId, where: rowCondition(rows) })).map(rowKey));
  const isAsLeft =
    moves.added.every((row) => present.has(rowKey(row))) &&
    moves.removed.every((row) => !present.has(rowKey(row)));
  if (!isAsLeft) return false;
  if (moves.added.length > 0) await tx.delete({ table, tenantId, where: rowCondition(moves.added) });
  if (moves.removed.length > 0) await tx.insert({ table, rows: moves.removed });
  return true;
}
