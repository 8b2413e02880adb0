import type { EntityName } from '../entities/entity-name';
import type { EntityComparison, EntityRelatedFilter } from './entity-filter-types';

/**
 * The filter language: one JSON tree for views, segments, rule conditions and reports. Groups (`all`,
 * `any`, `not`), comparisons on fields (built-in, `custom.<key>`, or a related record's: `company.region`),
 * related-record conditions (`{ related: 'orders', aggregate: 'sum', ... }`) and segment membership.
 *
 * `Filter<'person'>` knows the fields of people: field names are a union (plus `custom.${string}`), and
 * each field takes the operators of its type. `Filter` without an entity is the loose form, for filters
 * read from storage or a request; both are checked the same way when resolved. See `docs/filters.md`.
 *
 * @example
 * ```ts
 * const keyAccountsInTheNorth: Filter<'person'> = {
 *   all: [
 *     { field: 'company.region', op: 'eq', value: 'North' },
 *     { field: 'birthday', op: 'anniversaryInNext', value: 7 },
 *     { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 50_000,
 *       where: { field: 'orderedAt', op: 'inLast', value: 365, unit: 'days' } },
 *     { not: { field: 'tags', op: 'hasAny', value: ['churn-risk'] } },
 *   ],
 * };
 * ```
 */
export type Filter<E extends EntityName = never> =
  | AllFilter<E>
  | AnyFilter<E>
  | NotFilter<E>
  | Comparison<E>
  | RelatedFilter<E>
  | SegmentFilter;

/** Every child holds. `{ all: [] }` matches everything. */
export interface AllFilter<E extends EntityName = never> {
  readonly all: readonly Filter<E>[];
}
/** At least one child holds. `{ any: [] }` matches nothing. */
export interface AnyFilter<E extends EntityName = never> {
  readonly any: readonly Filter<E>[];
}
/** The child does not hold (a plain complement: records where the child's field is empty match). */
export interface NotFilter<E extends EntityName = never> {
  readonly not: Filter<E>;
}

/**
 * Membership of a saved segment of the same entity, through the `segment` hook of the resolution
 * context; refused with INVALID_FILTER when there is no hook or it does not know the id.
 *
 * @example
 * ```ts
 * const notVip: Filter<'person'> = { not: { segment: vipSegment.id } };
 * ```
 */
export interface SegmentFilter {
  readonly segment: string;
}

/** A scalar a comparison takes. Dates are `YYYY-MM-DD`, instants ISO-8601 strings. */
export type FilterValue = string | number | boolean;

/** `sensitive` (the default) compares text exactly; `insensitive` folds case with full Unicode rules. */
export type CaseMode = 'sensitive' | 'insensitive';

/** The operators that compare with one value. */
export type CompareFilterOp = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';

/**
 * The units of `inLast` and `inNext`.
 *
 * @example
 * ```ts
 * const lastThreeMonths: Filter<'order'> = { field: 'orderedAt', op: 'inLast', value: 3, unit: 'months' };
 * ```
 */
export type TimeUnit = 'days' | 'weeks' | 'months' | 'years';

/**
 * The named periods of `inPeriod`, in the tenant's time zone. Weeks start on Monday; quarters are calendar
 * quarters; fiscal years start on the first day of the tenant's `fiscalYearStartMonth`.
 *
 * @example
 * ```ts
 * const wonThisFiscalYear: Filter<'deal'> = { field: 'closedAt', op: 'inPeriod', value: 'thisFiscalYear' };
 * ```
 */
export type PeriodName =
  | 'today'
  | 'yesterday'
  | 'thisWeek'
  | 'lastWeek'
  | 'thisMonth'
  | 'lastMonth'
  | 'thisQuarter'
  | 'lastQuarter'
  | 'thisYear'
  | 'lastYear'
  | 'thisFiscalYear'
  | 'lastFiscalYear';

/**
 * A comparison of any field, untyped: the loose form of {@link Comparison}. Its field is a built-in field
 * (`region`), a custom field (`custom.tier`; money: `custom.budget.amount`), or a field of a related
 * record (`company.region`, `company.custom.tier`, `company.owner.team`).
 *
 * Null semantics: `ne`, `notIn`, `isEmpty` and `hasNone` match an empty field; every other operator does
 * not. A related record's field reads as empty when there is no related record.
 *
 * @example
 * ```ts
 * const fromStorage: LooseComparison = { field: 'company.custom.tier', op: 'in', value: ['gold', 'silver'] };
 * ```
 */
export type LooseComparison<F extends string = string> =
  | {
      readonly field: F;
      readonly op: 'eq' | 'ne';
      readonly value: FilterValue;
      readonly mode?: CaseMode;
    }
  | { readonly field: F; readonly op: 'lt' | 'lte' | 'gt' | 'gte'; readonly value: string | number }
  | {
      readonly field: F;
      readonly op: 'in' | 'notIn';
      readonly value: readonly FilterValue[];
      readonly mode?: CaseMode;
    }
  | {
      readonly field: F;
      readonly op: 'contains' | 'startsWith' | 'endsWith';
      readonly value: string;
      readonly mode?: CaseMode;
    }
  | { readonly field: F; readonly op: 'isEmpty' | 'isNotEmpty' }
  | {
      readonly field: F;
      readonly op: 'hasAny' | 'hasAll' | 'hasNone';
      readonly value: readonly string[];
    }
  | { readonly field: F; readonly op: 'inLast' | 'inNext'; readonly value: number; readonly unit: TimeUnit }
  | { readonly field: F; readonly op: 'inPeriod'; readonly value: PeriodName }
  | { readonly field: F; readonly op: 'anniversaryInNext'; readonly value: number }
  | { readonly field: F; readonly op: 'isCurrentActor' };

/**
 * A comparison on one field. `Comparison<'person'>` allows the fields of people and, per field, the
 * operators of its type; `Comparison` is the loose form.
 */
export type Comparison<E extends EntityName = never> = [E] extends [never]
  ? LooseComparison
  : EntityComparison<E>;

/** Every comparison operator. */
export type ComparisonOp = LooseComparison['op'];

/** What a related-record condition asks of the related records that match its `where`. */
export type RelatedAggregateName = 'exists' | 'notExists' | 'count' | 'sum' | 'avg' | 'min' | 'max';

/**
 * A related-record condition, untyped: the loose form of {@link RelatedFilter}. `related` names the
 * records that point at this one (`orders` of a person, `people` of a company); `where` filters them
 * (any filter of their entity); `aggregate` says what must hold of the matching ones.
 *
 * @example
 * ```ts
 * const threeCalls: LooseRelatedFilter = {
 *   related: 'activities',
 *   aggregate: 'count',
 *   op: 'gte',
 *   value: 3,
 *   where: { field: 'type', op: 'eq', value: 'call' },
 * };
 * ```
 */
export type LooseRelatedFilter =
  | { readonly related: string; readonly where?: Filter; readonly aggregate: 'exists' | 'notExists' }
  | {
      readonly related: string;
      readonly where?: Filter;
      readonly aggregate: 'count';
      readonly op: CompareFilterOp;
      readonly value: number;
    }
  | {
      readonly related: string;
      readonly where?: Filter;
      readonly aggregate: 'sum' | 'avg' | 'min' | 'max';
      /** The field of the related records to aggregate: a number (min and max: also a date or instant). */
      readonly of: string;
      readonly op: CompareFilterOp;
      readonly value: string | number;
    };

/**
 * A condition on the records related to this one, one-to-many: exists, not exists, count, sum, avg,
 * min or max over the related records that match `where`.
 *
 * @example
 * ```ts
 * const noRecentActivity: RelatedFilter<'person'> = {
 *   related: 'activities',
 *   aggregate: 'notExists',
 *   where: { field: 'occurredAt', op: 'inLast', value: 90, unit: 'days' },
 * };
 * ```
 */
export type RelatedFilter<E extends EntityName = never> = [E] extends [never]
  ? LooseRelatedFilter
  : EntityRelatedFilter<E>;

/**
 * Whether a filter's type is (part of) the loose `Filter` rather than a literal: a field, relation or
 * child typed as any string or any filter. TypeScript narrows a `Filter` variable to some of its
 * members, so each member is looked at.
 */
type IsLooseNode<N> = N extends { readonly field: infer F }
  ? string extends F
    ? true
    : false
  : N extends { readonly all: readonly (infer C)[] } | { readonly any: readonly (infer C)[] }
    ? Filter extends C
      ? true
      : false
    : N extends { readonly not: infer C }
      ? Filter extends C
        ? true
        : false
      : N extends { readonly related: infer R }
        ? string extends R
          ? true
          : false
        : false;

/**
 * Whether a repository of E takes W as its filter: a filter written in place must be a `Filter<E>` (field
 * names and operators of the entity); one typed as the loose `Filter` (read from storage or a request) is
 * taken as it is. Both are checked in full when resolved.
 *
 * @example
 * ```ts
 * type Checked = AcceptsFilter<'person', { readonly field: 'regoin'; readonly op: 'isEmpty' }>; // false
 * type Stored = AcceptsFilter<'person', Filter>; // true
 * ```
 */
export type AcceptsFilter<E extends EntityName, W> = [W] extends [Filter<E>]
  ? true
  : true extends IsLooseNode<W>
    ? true
    : false;

/** One sort term: `'lastName'`, `'-createdAt'` (descending), or `{ field, direction }`. */
export type OrderBy = string | { readonly field: string; readonly direction?: 'asc' | 'desc' };
