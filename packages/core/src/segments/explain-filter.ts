import type { FilterContext } from '../filter/filter-context';
import type { NodePath } from '../filter/invalid-node';
import { resolveFilter } from '../filter/resolve-filter';
import type { Condition, RelatedCondition } from '../storage/condition';
import { evaluateCondition } from '../storage/evaluate-condition';
import type { RelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';
import { aggregateValue } from './aggregate-value';
import type { Explanation } from './explanation';
import { fieldPathValue } from './field-path-value';
import type { Segment } from './segment';

/** What a filter is explained against: one record's row, the related rows it reaches, the segments. */
export interface ExplainSubject {
  /** The context the filter resolves in, with the `segment` hook over `segments`. */
  readonly context: FilterContext;
  readonly segments: ReadonlyMap<string, Segment>;
  readonly row: Row;
  /** Holds every related row the whole filter reads for this record (see `prefetchRelated`). */
  readonly relatedRows: RelatedRows;
}

type Node = Record<string, unknown>;

function explainRelated(node: Node, path: NodePath, subject: ExplainSubject): Explanation {
  const condition = resolveFilter(node, subject.context) as RelatedCondition;
  const { row, relatedRows } = subject;
  const linked = relatedRows(condition.relation, row);
  const matching =
    condition.where === undefined
      ? linked
      : linked.filter((related) => evaluateCondition(condition.where as Condition, related, relatedRows));
  return {
    kind: 'related',
    path,
    held: evaluateCondition(condition, row, relatedRows),
    related: node.related as string,
    aggregate: node.aggregate as string,
    matched: matching.length,
    actual: aggregateValue(condition.aggregate, matching),
  };
}

function explainSegment(node: Node, path: NodePath, subject: ExplainSubject): Explanation {
  const condition = resolveFilter(node, subject.context);
  const segment = subject.segments.get(node.segment as string) as Segment;
  const held = evaluateCondition(condition, subject.row, subject.relatedRows);
  const base = { kind: 'segment' as const, path, held, segmentId: segment.id, segmentKind: segment.kind };
  if (segment.kind !== 'dynamic') return base;
  // The segment's filter resolves as the hook resolves it: in the segment's entity, with no current actor.
  const { actorId: _actorId, ...context } = subject.context;
  const inner = { ...subject, context: { ...context, entity: segment.entity } };
  return { ...base, filter: explainNode(segment.filter, [], inner) };
}

function explainNode(filter: unknown, path: NodePath, subject: ExplainSubject): Explanation {
  const node = filter as Node;
  const keys = Object.keys(node);
  const group = keys.length === 1 ? keys[0] : undefined;
  if (group === 'all' || group === 'any') {
    const children = (node[group] as unknown[]).map((child, index) =>
      explainNode(child, [...path, group, index], subject),
    );
    const held =
      group === 'all' ? children.every((child) => child.held) : children.some((child) => child.held);
    return { kind: group, path, held, children };
  }
  if (group === 'not') {
    const child = explainNode(node.not, [...path, 'not'], subject);
    return { kind: 'not', path, held: !child.held, child };
  }
  if ('segment' in node) return explainSegment(node, path, subject);
  if ('related' in node) return explainRelated(node, path, subject);
  const { context, row, relatedRows } = subject;
  const field = node.field as string;
  return {
    kind: 'comparison',
    path,
    held: evaluateCondition(resolveFilter(node, context), row, relatedRows),
    field,
    op: node.op as string,
    ...('value' in node ? { value: node.value } : {}),
    actual: fieldPathValue(context.entity, field, row, context, relatedRows),
  };
}

/**
 * Explains a filter for one record: each node of the filter resolved and evaluated on its own, in the
 * same context, so the tree agrees with the filter as a whole (a group holds as its children say). The
 * filter must already resolve in `subject.context` (it is not checked again here).
 *
 * @example
 * ```ts
 * resolveFilter(filter, context); // throws INVALID_FILTER with the path of a bad node
 * const explanation = explainFilter(filter, { context, segments, row, relatedRows });
 * ```
 */
export function explainFilter(filter: unknown, subject: ExplainSubject): Explanation {
  return explainNode(filter, [], subject);
}
