import type { Condition } from '../storage/condition';

function collect(condition: Condition, columns: Set<string>): void {
  switch (condition.kind) {
    case 'and':
    case 'or':
      for (const member of condition.conditions) collect(member, columns);
      return;
    case 'not':
      collect(condition.condition, columns);
      return;
    case 'related':
      // Its `where` reads the related rows, not this one.
      columns.add(condition.relation.localColumn);
      return;
    default:
      columns.add(condition.field.operand.column);
  }
}

/**
 * The columns of the outer row a condition reads: the operands of its comparisons and the local columns
 * of its relations. A change that touches none of them, nor the related tables the condition reads, cannot
 * change whether the row matches.
 *
 * @example
 * ```ts
 * outerColumns(resolveFilter({ field: 'company.region', op: 'eq', value: 'North' }, context)); // Set { 'company_id' }
 * ```
 */
export function outerColumns(condition: Condition): Set<string> {
  const columns = new Set<string>();
  collect(condition, columns);
  return columns;
}
