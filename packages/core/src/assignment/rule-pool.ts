import { entityDef } from '../entities/registry';
import { columnEquals, columnIn } from '../records/conditions';
import { rowMapping } from '../records/row-mapping';
import type { StorageReader } from '../storage/adapter';
import type { AssignmentPool } from './assignment-rule';
import type { MemberTraits } from './eligibility';

/** A member of a rule's pool: what eligibility reads, the name for explanations and the capacity. */
export interface PoolMember extends MemberTraits {
  readonly name: string;
  readonly capacity: number | null;
  readonly assignmentWeight: number | null;
}

function toPoolMember(record: Record<string, unknown>): PoolMember {
  return {
    id: record.id as string,
    name: record.name as string,
    active: record.active as boolean,
    archivedAt: record.archivedAt as string | null,
    awayUntil: (record.awayUntil ?? null) as string | null,
    assignmentOptOut: (record.assignmentOptOut ?? null) as boolean | null,
    region: record.region as string | null,
    industries: (record.industries ?? null) as string[] | null,
    languages: (record.languages ?? null) as string[] | null,
    skills: (record.skills ?? null) as string[] | null,
    capacity: record.capacity as number | null,
    assignmentWeight: (record.assignmentWeight ?? null) as number | null,
  };
}

const byId = {
  field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
  direction: 'asc',
} as const;

/**
 * The members of a rule's pool, archived and inactive ones included (eligibility skips them, and the
 * decision says so): the members named, in the order named (ids the tenant no longer has are left out), or
 * the members of the team, or every member, by id.
 *
 * @example
 * ```ts
 * const members = await loadPool(tx, tenantId, { team: 'north' });
 * ```
 */
export async function loadPool(
  reader: StorageReader,
  tenantId: string,
  pool: AssignmentPool,
): Promise<PoolMember[]> {
  const mapping = rowMapping(entityDef('member'));
  const where =
    pool.memberIds !== undefined
      ? columnIn('id', pool.memberIds)
      : pool.team !== undefined
        ? columnEquals('team', pool.team)
        : undefined;
  const rows = await reader.findMany({
    table: 'members',
    tenantId,
    ...(where === undefined ? {} : { where }),
    orderBy: [byId],
  });
  const members = rows.map((row) => toPoolMember(mapping.toRecord(row)));
  if (pool.memberIds === undefined) return members;
  const found = new Map(members.map((member) => [member.id, member]));
  return pool.memberIds.flatMap((id) => found.get(id) ?? []);
}
