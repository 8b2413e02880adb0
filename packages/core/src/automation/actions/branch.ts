import { entityDef } from '../../entities/registry';
import type { RapportIssue } from '../../errors/rapport-error';
import { validationError } from '../../errors/rapport-error';
import { explainForCaller } from '../../segments/filters-api';
import type { RuleAction, RuleCondition } from '../rule';
import type { ActionOutcome, ExecuteActionArgs } from './action-types';

type BranchAction = Extract<RuleAction, { kind: 'branch' }>;

const changeOps = new Set(['changed', 'changedFrom', 'changedTo']);

/** The paths of change operators in a condition: they speak of a change, and a branch looks at now. */
function changeOperatorPaths(condition: unknown, path: (string | number)[]): RapportIssue[] {
  if (typeof condition !== 'object' || condition === null) return [];
  const node = condition as Record<string, unknown>;
  if (typeof node.op === 'string' && changeOps.has(node.op))
    return [
      {
        code: 'invalid_condition',
        path: [...path, 'op'],
        message: 'A branch looks at the record now: change operators belong in the rule condition',
      },
    ];
  const children = (key: 'all' | 'any') =>
    Array.isArray(node[key])
      ? (node[key] as unknown[]).flatMap((child, index) => changeOperatorPaths(child, [...path, key, index]))
      : [];
  return [...children('all'), ...children('any'), ...changeOperatorPaths(node.not, [...path, 'not'])];
}

/**
 * Whether a condition holds on the record as it is now: the filter language, evaluated as `list` and
 * `filters.explain` evaluate it (related records, segments, custom fields).
 *
 * @example
 * ```ts
 * await holdsNow(args, { field: 'lifecycleStage', op: 'eq', value: 'customer' }); // true
 * ```
 */
export async function holdsNow(args: ExecuteActionArgs, condition: RuleCondition): Promise<boolean> {
  const issues = changeOperatorPaths(condition, ['condition']);
  if (issues.length > 0) throw validationError(issues);
  const scope = { runtime: args.runtime, context: args.context, entity: entityDef(args.record.entity) };
  return (await explainForCaller(scope, condition, args.record.id)).held;
}

/**
 * A branch's outcome: `continue` with `then` when its condition holds on the record now, else with
 * `else` (or nothing).
 *
 * @example
 * ```ts
 * await branchOutcome(args, { kind: 'branch', condition, then: [sendVip], else: [sendStandard] });
 * ```
 */
export async function branchOutcome(args: ExecuteActionArgs, action: BranchAction): Promise<ActionOutcome> {
  const held = await holdsNow(args, action.condition);
  return { kind: 'continue', actions: held ? action.then : (action.else ?? []) };
}
