import type { FilterContext } from '../../filter/filter-context';
import { resolveFilter } from '../../filter/resolve-filter';
import type { Condition } from '../../storage/condition';
import { compileCondition } from '../../storage/evaluate-condition';
import { PredicateSource } from '../../storage/generate-predicate';
import type { RuleCondition } from '../rule';
import type { FactPredicate } from './change-predicate';
import { changePredicate, hasChangeNode } from './change-predicate';
import { isChangeNode } from './rule-schema';

type ChangeNode = Extract<RuleCondition, { op: string; field: string }>;

/**
 * A rule's condition as one function made from source, change operators and filter parts together, so
 * that a rule costs one call per fact. Only a condition `compileRule` has already checked reaches it.
 * Undefined when the condition reads related records (each fact brings its own source of them, which the
 * closures handle) or where the platform forbids functions made from source.
 *
 * @example
 * ```ts
 * const test = generateRuleCondition(rule.condition, filterContext) ?? closures;
 * ```
 */
export function generateRuleCondition(
  node: RuleCondition,
  context: FilterContext | undefined,
): FactPredicate | undefined {
  const source = new PredicateSource();
  const body = ruleExpression(node, context, source);
  if (body === undefined) return undefined;
  return source.build<FactPredicate>(
    'fact',
    '  const row = fact.row;\n  const related = fact.relatedRows;',
    body,
  );
}

function ruleExpression(
  node: RuleCondition,
  context: FilterContext | undefined,
  source: PredicateSource,
): string | undefined {
  if (isChangeNode(node)) return source.leaf(changeBody(node, source));
  if (!hasChangeNode(node)) {
    if (context === undefined) return undefined;
    const condition = resolveFilter(node, context);
    if (readsRelated(condition)) return undefined;
    return source.expression(condition, (leaf) => compileCondition(leaf));
  }
  const group = node as { all?: RuleCondition[]; any?: RuleCondition[]; not?: RuleCondition };
  if (group.all !== undefined) {
    // As the closures do: change operators first, then the filter parts as one filter.
    const plain = group.all.filter((child) => !hasChangeNode(child));
    const parts = group.all.filter(hasChangeNode);
    if (plain.length > 0) parts.push((plain.length === 1 ? plain[0] : { all: plain }) as RuleCondition);
    return joined(parts, ' && ', context, source);
  }
  if (group.any !== undefined) return joined(group.any, ' || ', context, source);
  const inner = ruleExpression(group.not as RuleCondition, context, source);
  return inner === undefined ? undefined : `!${inner}`;
}

function joined(
  nodes: readonly RuleCondition[],
  operator: string,
  context: FilterContext | undefined,
  source: PredicateSource,
): string | undefined {
  const parts = nodes.map((child) => ruleExpression(child, context, source));
  if (parts.some((part) => part === undefined)) return undefined;
  return `(${parts.join(operator)})`;
}

function changeBody(node: ChangeNode, source: PredicateSource): string {
  const key = source.constant(node.field);
  const change = `  const changes = fact.changes;\n  const change = changes == null ? undefined : changes[${key}];`;
  if (node.op === 'changed') return `${change}\n  return change !== undefined;`;
  const expected = (node as { value?: unknown }).value ?? null;
  // Objects and lists compare deeply: the closure does that.
  if (typeof expected === 'object' && expected !== null)
    return `  return ${source.constant(changePredicate(node))}(fact);`;
  const side = node.op === 'changedFrom' ? 'before' : 'after';
  // A string, number, boolean or null: JSON writes it as a JavaScript literal.
  return `${change}\n  return change !== undefined && (change.${side} ?? null) === ${JSON.stringify(expected)};`;
}

function readsRelated(condition: Condition): boolean {
  switch (condition.kind) {
    case 'related':
      return true;
    case 'and':
    case 'or':
      return condition.conditions.some(readsRelated);
    case 'not':
      return readsRelated(condition.condition);
    default:
      return false;
  }
}
