import type { Changes } from '../../events/crm-events';
import type { FilterContext } from '../../filter/filter-context';
import { resolveFilter } from '../../filter/resolve-filter';
import { explainFilter } from '../../segments/explain-filter';
import type { Explanation } from '../../segments/explanation';
import type { Segment } from '../../segments/segment';
import type { RelatedRows } from '../../storage/related-rows';
import type { Row } from '../../storage/schema';
import type { RuleCondition } from '../rule';
import { changePredicate, hasChangeNode } from './change-predicate';
import type { Enrollment } from './enrollment';
import { isChangeNode } from './rule-schema';

type Path = readonly (string | number)[];

/** One node of a rule condition, explained: whether it held for the record and the change, and why. */
export type RuleConditionExplanation =
  | {
      readonly kind: 'all' | 'any';
      readonly path: Path;
      readonly held: boolean;
      readonly children: readonly RuleConditionExplanation[];
    }
  | {
      readonly kind: 'not';
      readonly path: Path;
      readonly held: boolean;
      readonly child: RuleConditionExplanation;
    }
  /** A change operator, with the change's before and after (both undefined when the field did not change). */
  | {
      readonly kind: 'change';
      readonly path: Path;
      readonly held: boolean;
      readonly field: string;
      readonly op: 'changed' | 'changedFrom' | 'changedTo';
      readonly value?: unknown;
      readonly changed: boolean;
      readonly before?: unknown;
      readonly after?: unknown;
    }
  /** A part in the filter language, explained as `filters.explain` explains it (paths inside that part). */
  | { readonly kind: 'filter'; readonly path: Path; readonly held: boolean; readonly filter: Explanation };

/** Why a rule would or would not run for one record. */
export interface RuleExplanation {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly active: boolean;
  /** The trigger: whether the event given meets it (null when no event was given to check). */
  readonly trigger: { readonly kind: string; readonly held: boolean | null; readonly reason: string };
  /** The condition explained node by node; null for a rule without one (it always holds). */
  readonly condition: RuleConditionExplanation | null;
  /** Trigger (when checked) and condition together. */
  readonly matched: boolean;
  /** The record's enrollment under the rule, and whether this match would enroll it. */
  readonly enrollment: { readonly state: Enrollment | null; readonly wouldEnroll: boolean };
  /** One sentence for a person. */
  readonly summary: string;
}

/** What a condition is explained against. */
export interface ConditionSubject {
  readonly context: FilterContext;
  readonly segments: ReadonlyMap<string, Segment>;
  readonly row: Row;
  readonly relatedRows: RelatedRows;
  readonly changes?: Changes;
}

/**
 * Explains a rule condition for one record and change, node by node. Pure: the related rows the filter
 * parts read are in the subject.
 *
 * @example
 * ```ts
 * explainRuleCondition({ all: [{ field: 'lifecycleStage', op: 'changedTo', value: 'customer' }] }, ['condition'], subject);
 * ```
 */
export function explainRuleCondition(
  node: RuleCondition,
  path: Path,
  subject: ConditionSubject,
): RuleConditionExplanation {
  if (isChangeNode(node)) {
    const change = subject.changes?.[node.field];
    const held = changePredicate(node)({
      row: subject.row,
      ...(subject.changes === undefined ? {} : { changes: subject.changes }),
    });
    return {
      kind: 'change',
      path,
      held,
      field: node.field,
      op: node.op,
      ...('value' in node ? { value: node.value } : {}),
      changed: change !== undefined,
      ...(change === undefined ? {} : { before: change.before, after: change.after }),
    };
  }
  if (!hasChangeNode(node)) {
    const filter = explainFilter(node, { ...subject });
    return { kind: 'filter', path, held: filter.held, filter };
  }
  const group = node as { all?: RuleCondition[]; any?: RuleCondition[]; not?: RuleCondition };
  if (group.not !== undefined) {
    const child = explainRuleCondition(group.not, [...path, 'not'], subject);
    return { kind: 'not', path, held: !child.held, child };
  }
  const kind = group.all !== undefined ? 'all' : 'any';
  const children = (group[kind] as RuleCondition[]).map((child, index) =>
    explainRuleCondition(child, [...path, kind, index], subject),
  );
  const held = kind === 'all' ? children.every((child) => child.held) : children.some((child) => child.held);
  return { kind, path, held, children };
}

/** The filter parts of a condition, resolved: what the explanation's related rows must cover. */
export function resolvedFilterParts(
  node: RuleCondition,
  context: FilterContext,
): ReturnType<typeof resolveFilter>[] {
  if (isChangeNode(node)) return [];
  if (!hasChangeNode(node)) return [resolveFilter(node, context)];
  const group = node as { all?: RuleCondition[]; any?: RuleCondition[]; not?: RuleCondition };
  const children = group.not !== undefined ? [group.not] : (group.all ?? group.any ?? []);
  return children.flatMap((child) => resolvedFilterParts(child, context));
}
