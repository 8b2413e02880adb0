/**
 * The filter language, at the stage of the records API: groups and comparisons on built-in and custom
 * fields. Views, segments, rule conditions and reports will all speak it.
 *
 * @example
 * ```ts
 * const filter: Filter = {
 *   all: [
 *     { field: 'region', op: 'eq', value: 'North' },
 *     { any: [
 *       { field: 'email', op: 'endsWith', value: '@acme.com', mode: 'insensitive' },
 *       { field: 'custom.score', op: 'gte', value: 80 },
 *     ] },
 *     { not: { field: 'tags', op: 'hasAny', value: ['churn-risk'] } },
 *   ],
 * };
 * ```
 */
export type Filter = AllFilter | AnyFilter | NotFilter | Comparison;

/** Every child holds. `{ all: [] }` matches everything. */
export interface AllFilter {
  readonly all: readonly Filter[];
}
/** At least one child holds. `{ any: [] }` matches nothing. */
export interface AnyFilter {
  readonly any: readonly Filter[];
}
/** The child does not hold. */
export interface NotFilter {
  readonly not: Filter;
}

/** A scalar a comparison takes. Dates are `YYYY-MM-DD`, instants ISO-8601 strings. */
export type FilterValue = string | number | boolean;

/** `sensitive` (the default) compares text exactly; `insensitive` folds case with full Unicode rules. */
export type CaseMode = 'sensitive' | 'insensitive';

/**
 * A comparison on one field: a built-in field (`region`, `companyId`) or a custom field (`custom.tier`;
 * for money, `custom.budget.amount` or `custom.budget.currency`).
 *
 * Null semantics: `eq`, `lt`, `lte`, `gt`, `gte`, `in`, `contains`, `startsWith`, `endsWith`, `hasAny`
 * and `hasAll` never match an empty field; `ne` and `notIn` do. `isEmpty` matches null, `''` and `[]`.
 */
export type Comparison =
  | {
      readonly field: string;
      readonly op: 'eq' | 'ne';
      readonly value: FilterValue;
      readonly mode?: CaseMode;
    }
  | { readonly field: string; readonly op: 'lt' | 'lte' | 'gt' | 'gte'; readonly value: string | number }
  | {
      readonly field: string;
      readonly op: 'in' | 'notIn';
      readonly value: readonly FilterValue[];
      readonly mode?: CaseMode;
    }
  | {
      readonly field: string;
      readonly op: 'contains' | 'startsWith' | 'endsWith';
      readonly value: string;
      readonly mode?: CaseMode;
    }
  | { readonly field: string; readonly op: 'isEmpty' | 'isNotEmpty' }
  | { readonly field: string; readonly op: 'hasAny' | 'hasAll'; readonly value: readonly string[] };

/** Every comparison operator. */
export type ComparisonOp = Comparison['op'];

/** One sort term: `'lastName'`, `'-createdAt'` (descending), or `{ field, direction }`. */
export type OrderBy = string | { readonly field: string; readonly direction?: 'asc' | 'desc' };
