import type { NodePath } from '../filter/invalid-node';
import type { SegmentKind } from './segment';

/** What every node of an explanation says: where it sits in the filter and whether it held. */
interface ExplainedNode {
  /** The node's path in the filter, as INVALID_FILTER issues give it: `['all', 1]`. */
  readonly path: NodePath;
  readonly held: boolean;
}

/** A group (`all` or `any`) and its children, in order. */
export interface ExplainedGroup extends ExplainedNode {
  readonly kind: 'all' | 'any';
  readonly children: readonly Explanation[];
}

/** A `not` and its child. */
export interface ExplainedNot extends ExplainedNode {
  readonly kind: 'not';
  readonly child: Explanation;
}

/** A comparison, with the value the record actually has. */
export interface ExplainedComparison extends ExplainedNode {
  readonly kind: 'comparison';
  readonly field: string;
  readonly op: string;
  /** The value compared with, as the filter gave it (absent for operators that take none). */
  readonly value?: unknown;
  /**
   * The record's value of the field, as conditions read it (null when empty, or of another type than the
   * field's); for a related record's field (`company.region`), that record's value, or null when there is
   * none. A birthday's anniversary shows the date itself.
   */
  readonly actual: unknown;
}

/** A related-record condition, with what the aggregate came to. */
export interface ExplainedRelated extends ExplainedNode {
  readonly kind: 'related';
  readonly related: string;
  readonly aggregate: string;
  /** How many related records matched its `where` (archived ones and ones the caller may not read left out). */
  readonly matched: number;
  /**
   * The aggregate's value: the number of matching records for `exists`, `notExists` and `count`; the sum,
   * average, least or greatest value otherwise (null over no values, 0 for a sum).
   */
  readonly actual: number | string | null;
}

/** A segment condition; for a dynamic segment, its own filter explained too. */
export interface ExplainedSegment extends ExplainedNode {
  readonly kind: 'segment';
  readonly segmentId: string;
  readonly segmentKind: SegmentKind;
  /** The dynamic segment's filter, explained with paths inside that filter. */
  readonly filter?: Explanation;
}

/**
 * Why a filter holds or not for one record: a tree that mirrors the filter, each node with whether it
 * held, comparisons with the record's actual value and related conditions with their aggregate's value.
 * For the UI ("why is Ann in this segment?") and for rules.
 *
 * @example
 * ```ts
 * const why = await crm.as(ctx).filters.explain('person', filter, ann.id);
 * // { kind: 'all', held: false, path: [], children: [
 * //   { kind: 'comparison', field: 'company.region', op: 'eq', value: 'North', actual: 'South', held: false, path: ['all', 0] },
 * //   { kind: 'related', related: 'orders', aggregate: 'sum', matched: 3, actual: 72000, held: true, path: ['all', 1] } ] }
 * ```
 */
export type Explanation =
  | ExplainedGroup
  | ExplainedNot
  | ExplainedComparison
  | ExplainedRelated
  | ExplainedSegment;
