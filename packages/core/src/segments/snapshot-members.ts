import { entityDef } from '../entities/registry';
import { allOf, archivedIs, columnEquals, columnIn } from '../records/conditions';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';
import { listingChanges } from './listing-changes';
import type { MembershipChange } from './membership-changes';
import { segmentMembersTableName } from './membership-condition';
import type { StaticMembersScope } from './static-members';

const page = 1_000;
const batch = 500;

const idOrder = [
  { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
] as const;

/** The ids of the records of `table` that match `condition` and are not archived, read a page at a time. */
async function matchingIds(scope: StaticMembersScope, condition: Condition): Promise<string[]> {
  const { tx, context, segment } = scope;
  const ids: string[] = [];
  for (let last: string | undefined; ; ) {
    const after: Condition | undefined =
      last === undefined
        ? undefined
        : {
            kind: 'compare',
            field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
            op: 'gt',
            value: last,
            caseInsensitive: false,
          };
    const rows = await tx.findMany({
      table: entityDef(segment.entity).table,
      tenantId: context.tenantId,
      where: allOf(archivedIs(false), condition, after) as Condition,
      orderBy: idOrder,
      limit: page,
    });
    for (const row of rows) ids.push(row.id as string);
    if (rows.length < page) return ids;
    last = ids.at(-1);
  }
}

/**
 * Lists exactly the records that match a snapshot segment's condition now, inside `scope.tx`: deletes the
 * rows of records that no longer match, inserts rows for the new ones, and returns how many are listed and
 * the membership changes it made (the segment's own, and those of segments that name it). With `quiet`
 * (when the segment is created) it reports no changes.
 *
 * @example
 * ```ts
 * const { count, changes } = await listSnapshotMembers(scope, condition, { quiet: false });
 * ```
 */
export async function listSnapshotMembers(
  scope: StaticMembersScope,
  condition: Condition,
  options: { readonly quiet: boolean },
): Promise<{ count: number; changes: MembershipChange[] }> {
  const { tx, runtime, context, at, segment } = scope;
  const { tenantId } = context;
  const wanted = await matchingIds(scope, condition);
  const listedRows: Row[] = await tx.findMany({
    table: segmentMembersTableName,
    tenantId,
    where: columnEquals('segment_id', segment.id),
  });
  const wantedSet = new Set(wanted);
  const listed = new Set(listedRows.map((row) => row.record_id as string));
  const added = wanted.filter((id) => !listed.has(id));
  const removed = listedRows.filter((row) => !wantedSet.has(row.record_id as string));
  for (let start = 0; start < removed.length; start += batch) {
    const ids = removed.slice(start, start + batch).map((row) => row.record_id as string);
    const where = allOf(columnEquals('segment_id', segment.id), columnIn('record_id', ids)) as Condition;
    await tx.delete({ table: segmentMembersTableName, tenantId, where });
  }
  for (let start = 0; start < added.length; start += batch) {
    const rows = added
      .slice(start, start + batch)
      .map((id) => ({ tenant_id: tenantId, segment_id: segment.id, record_id: id, added_at: at }));
    await tx.insert({ table: segmentMembersTableName, rows });
  }
  const changes = options.quiet
    ? []
    : await listingChanges({ tx, runtime, tenantId, segment, added, removed });
  return { count: wanted.length, changes };
}
