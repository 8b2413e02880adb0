import { archivedIs, columnEquals, columnIn } from '../records/conditions';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { AssignableEntity, AssignmentWeights } from './assignment-rule';
import { assignmentDecisionsTable } from './assignment-tables';
import type { PoolMember } from './rule-pool';

const since = (column: string, instant: string): Condition => ({
  kind: 'compare',
  field: { operand: { kind: 'column', column }, type: 'timestamp' },
  op: 'gte',
  value: instant,
  caseInsensitive: false,
});

function countBy(values: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value as string, (counts.get(value as string) ?? 0) + 1);
  return counts;
}

/**
 * How many records of `entity` each member received since `start` (the start of the capacity period),
 * from any rule, read from the decision log inside the assignment's transaction.
 *
 * @example
 * ```ts
 * const loads = await loadsSince(tx, tenantId, 'person', ['ann', 'bo'], '2025-01-13T00:00:00.000Z');
 * loads.get('ann'); // 3
 * ```
 */
export async function loadsSince(
  reader: StorageReader,
  tenantId: string,
  entity: AssignableEntity,
  memberIds: readonly string[],
  start: string,
): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map();
  const rows = await reader.findMany({
    table: assignmentDecisionsTable.name,
    tenantId,
    where: {
      kind: 'and',
      conditions: [
        columnIn('member_id', memberIds),
        columnEquals('entity', entity),
        columnEquals('outcome', 'assigned'),
        since('at', start),
      ],
    },
  });
  return countBy(rows.map((row) => row.member_id));
}

/**
 * Each member's weight under a weighted rule: their `assignmentWeight` (1 when unset), or the amount or
 * number of the (unarchived) deals they own that were won in the last `days` days (counted from `now`, closed at or
 * after that instant; amounts only of deals in `currency`).
 *
 * @example
 * ```ts
 * await memberWeights(tx, tenantId, members, { by: 'wonAmount', days: 90 }, now, 'EUR');
 * // Map { 'ann' => 1250000, 'bo' => 400000 }
 * ```
 */
export async function memberWeights(
  reader: StorageReader,
  tenantId: string,
  members: readonly PoolMember[],
  weights: AssignmentWeights,
  now: Date,
  defaultCurrency: string,
): Promise<Map<string, number>> {
  if (weights.by === 'member')
    return new Map(members.map((member) => [member.id, member.assignmentWeight ?? 1]));
  const result = new Map(members.map((member) => [member.id, 0]));
  if (members.length === 0) return result;
  const from = new Date(now.getTime() - weights.days * 86_400_000).toISOString();
  const conditions: Condition[] = [
    columnIn(
      'owner_id',
      members.map((member) => member.id),
    ),
    columnEquals('status', 'won'),
    since('closed_at', from),
    archivedIs(false),
  ];
  if (weights.by === 'wonAmount')
    conditions.push(columnEquals('currency', weights.currency ?? defaultCurrency));
  const deals = await reader.findMany({ table: 'deals', tenantId, where: { kind: 'and', conditions } });
  for (const deal of deals) {
    const owner = deal.owner_id as string;
    const amount = weights.by === 'wonAmount' ? Number(deal.amount ?? 0) : 1;
    result.set(owner, (result.get(owner) ?? 0) + amount);
  }
  return result;
}
