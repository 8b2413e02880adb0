import { jsonEqual } from '../../records/diff';
import type { RuleCondition } from '../rule';
import type { RuleFact } from './rule-fact';
import { isChangeNode } from './rule-schema';

/** A compiled condition: true when the fact meets it. */
export type FactPredicate = (fact: RuleFact) => boolean;

/** True when a condition holds a change operator anywhere: it cannot be one filter then. */
export function hasChangeNode(node: unknown): boolean {
  if (isChangeNode(node)) return true;
  if (typeof node !== 'object' || node === null) return false;
  const group = node as { all?: unknown; any?: unknown; not?: unknown };
  if (Array.isArray(group.all)) return group.all.some(hasChangeNode);
  if (Array.isArray(group.any)) return group.any.some(hasChangeNode);
  return 'not' in group && Object.keys(group).length === 1 ? hasChangeNode(group.not) : false;
}

/** The predicate of a change operator, over the change that started the rule (false without one). */
export function changePredicate(node: Extract<RuleCondition, { op: string; field: string }>): FactPredicate {
  const { field } = node;
  if (node.op === 'changed') return (fact) => fact.changes?.[field] !== undefined;
  const expected = (node as { value: unknown }).value;
  const side = node.op === 'changedFrom' ? 'before' : 'after';
  if (expected === null || typeof expected !== 'object') {
    // A scalar equals only itself: no deep comparison needed.
    const scalar = expected ?? null;
    return (fact) => {
      const change = fact.changes?.[field];
      return change !== undefined && (change[side] ?? null) === scalar;
    };
  }
  return (fact) => {
    const change = fact.changes?.[field];
    return change !== undefined && jsonEqual(change[side] ?? null, expected ?? null);
  };
}
