import type { EntityName } from '../entities/entity-name';
import { allOf, archivedIs } from '../records/conditions';
import type { Condition } from '../storage/condition';
import type { FilterContext } from './filter-context';

/**
 * The condition related rows must meet besides the filter's own: not archived (archived records count as
 * gone for filters), and within the caller's read scope of their entity.
 */
export function relatedRowsWhere(
  context: FilterContext,
  entity: EntityName,
  condition: Condition | undefined,
): Condition {
  return allOf(context.readScope?.(entity), archivedIs(false), condition) as Condition;
}

/**
 * The plain complement of a condition, written as the IR reads best: `ne` becomes `eq`, a negated `in`
 * a plain one, and so on; anything else is wrapped in `not`.
 */
export function complementOf(condition: Condition): Condition {
  switch (condition.kind) {
    case 'not':
      return condition.condition;
    case 'in':
    case 'empty':
    case 'null':
    case 'related':
      return { ...condition, negate: !condition.negate };
    case 'compare':
      if (condition.op === 'eq' || condition.op === 'ne')
        return { ...condition, op: condition.op === 'eq' ? 'ne' : 'eq' };
      return { kind: 'not', condition };
    default:
      return { kind: 'not', condition };
  }
}
