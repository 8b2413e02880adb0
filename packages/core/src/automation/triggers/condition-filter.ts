import type { Changes } from '../../events/crm-events';
import type { Filter } from '../../filter/filter-types';
import { jsonEqual } from '../../records/diff';
import type { RuleCondition } from '../rule';

const always: Filter = { all: [] };
const never: Filter = { any: [] };

type ChangeNode = Extract<RuleCondition, { op: 'changed' | 'changedFrom' | 'changedTo' }>;

function isChangeNode(node: RuleCondition): node is ChangeNode {
  const op = (node as { op?: unknown }).op;
  return op === 'changed' || op === 'changedFrom' || op === 'changedTo';
}

function changeHolds(node: ChangeNode, changes: Changes | null): boolean {
  const change = changes?.[node.field];
  if (change === undefined) return false;
  if (node.op === 'changed') return true;
  return jsonEqual(node.op === 'changedFrom' ? change.before : change.after, node.value);
}

/**
 * A rule condition as a plain filter: each change operator is decided on the change that started the rule
 * (none for time, manual and inbound starts, where they never hold) and replaced by a filter that matches
 * everything (`{ all: [] }`) or nothing (`{ any: [] }`). The result is checked on the record with the
 * filter language, in SQL on every adapter. Pure.
 *
 * @example
 * ```ts
 * conditionFilter({ all: [{ field: 'stageId', op: 'changedTo', value: 'won' }, { field: 'amount', op: 'gt', value: 100 }] }, changes);
 * // { all: [{ all: [] }, { field: 'amount', op: 'gt', value: 100 }] } when the stage changed to 'won'
 * ```
 */
export function conditionFilter(condition: RuleCondition, changes: Changes | null): Filter {
  if (isChangeNode(condition)) return changeHolds(condition, changes) ? always : never;
  if ('all' in condition && Array.isArray(condition.all))
    return { all: condition.all.map((child: RuleCondition) => conditionFilter(child, changes)) };
  if ('any' in condition && Array.isArray(condition.any))
    return { any: condition.any.map((child: RuleCondition) => conditionFilter(child, changes)) };
  if ('not' in condition && condition.not !== undefined)
    return { not: conditionFilter(condition.not as RuleCondition, changes) };
  return condition as Filter;
}
