import { RapportError } from '../errors/rapport-error';
import type { Filter } from '../filter/filter-types';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';
import type {
  AssignableEntity,
  AssignmentCapacity,
  AssignmentPool,
  AssignmentRule,
  AssignmentStrategy,
  AssignmentWeights,
  MatchCriterion,
} from './assignment-rule';
import { assignmentRulesTable } from './assignment-tables';

/** A rule as stored in `assignment_rules`. */
export function ruleToRow(tenantId: string, rule: AssignmentRule): Row {
  return {
    tenant_id: tenantId,
    id: rule.id,
    version: rule.version,
    name: rule.name,
    entity: rule.entity,
    priority: rule.priority,
    condition: rule.condition,
    strategy: rule.strategy,
    weights: rule.weights,
    pool: rule.pool,
    match: rule.match,
    capacity: rule.capacity,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
    created_by: rule.createdBy,
    updated_by: rule.updatedBy,
    archived_at: rule.archivedAt,
  };
}

/** A stored row of `assignment_rules` as a rule. */
export function rowToRule(row: Row): AssignmentRule {
  return {
    id: row.id as string,
    version: row.version as number,
    name: row.name as string,
    entity: row.entity as AssignableEntity,
    priority: row.priority as number,
    condition: (row.condition ?? null) as Filter | null,
    strategy: row.strategy as AssignmentStrategy,
    weights: (row.weights ?? null) as AssignmentWeights | null,
    pool: row.pool as AssignmentPool,
    match: row.match as MatchCriterion[],
    capacity: (row.capacity ?? null) as AssignmentCapacity | null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    createdBy: row.created_by as string | null,
    updatedBy: row.updated_by as string | null,
    archivedAt: row.archived_at as string | null,
  };
}

/** NOT_FOUND for a rule id the tenant does not have. */
export function ruleNotFound(id: unknown): RapportError {
  return new RapportError('NOT_FOUND', `No assignment rule with id ${String(id)}`, {
    details: { entity: 'assignmentRule', id },
  });
}

/** One rule of a tenant, archived or not; NOT_FOUND when there is none with the id. */
export async function loadRule(
  reader: StorageReader,
  tenantId: string,
  id: unknown,
): Promise<AssignmentRule> {
  const row =
    typeof id === 'string' && id.length > 0 && id.length <= 255
      ? await reader.findById({ table: assignmentRulesTable.name, tenantId, id })
      : undefined;
  if (row === undefined) throw ruleNotFound(id);
  return rowToRule(row);
}

const column = (name: string, type: 'text' | 'number') =>
  ({ operand: { kind: 'column', column: name }, type }) as const;

/**
 * The rules of a tenant that match `where`, in the order they are tried: by priority (lower first), then
 * by id (ids are time-ordered, so rules of one priority run in the order they were created).
 *
 * @example
 * ```ts
 * const rules = await loadRules(tx, tenantId, columnEquals('entity', 'person'));
 * ```
 */
export async function loadRules(
  reader: StorageReader,
  tenantId: string,
  where: Condition | undefined,
): Promise<AssignmentRule[]> {
  const rows = await reader.findMany({
    table: assignmentRulesTable.name,
    tenantId,
    ...(where === undefined ? {} : { where }),
    orderBy: [
      { field: column('priority', 'number'), direction: 'asc' },
      { field: column('id', 'text'), direction: 'asc' },
    ],
  });
  return rows.map(rowToRule);
}
