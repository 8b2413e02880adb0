import type {
  CompareOp,
  Condition,
  FieldRef,
  OrderTerm,
  RelatedAggregate,
  Relation,
  Scalar,
  TextOp,
  ValueType,
} from '../../storage/condition';

/**
 * Short constructors for the condition IR, so that each suite case reads as the filter it tests.
 *
 * @example
 * ```ts
 * compare(col('name', 'text'), 'eq', 'éclair', { caseInsensitive: true });
 * ```
 */
export const col = (column: string, type: ValueType): FieldRef => ({
  operand: { kind: 'column', column },
  type,
});

/**
 * A field at a path inside a JSON column.
 *
 * @example
 * ```ts
 * json('data', ['tier'], 'text');
 * ```
 */
export const json = (column: string, path: readonly string[], type: ValueType): FieldRef => ({
  operand: { kind: 'jsonPath', column, path },
  type,
});

interface FoldOption {
  readonly caseInsensitive?: boolean;
}

/**
 * A comparison.
 *
 * @example
 * ```ts
 * compare(col('count', 'number'), 'gt', 9);
 * ```
 */
export const compare = (
  field: FieldRef,
  op: CompareOp,
  value: Scalar,
  { caseInsensitive = false }: FoldOption = {},
): Condition => ({
  kind: 'compare',
  field,
  op,
  value,
  caseInsensitive,
});

/**
 * An `in` list.
 *
 * @example
 * ```ts
 * isIn(col('count', 'number'), [0, 3]);
 * ```
 */
export const isIn = (
  field: FieldRef,
  values: readonly Scalar[],
  { caseInsensitive = false }: FoldOption = {},
): Condition => ({
  kind: 'in',
  field,
  values,
  negate: false,
  caseInsensitive,
});

/**
 * A `notIn` list (an `in` with `negate`).
 *
 * @example
 * ```ts
 * notIn(col('name', 'text'), ['Éclair']);
 * ```
 */
export const notIn = (
  field: FieldRef,
  values: readonly Scalar[],
  { caseInsensitive = false }: FoldOption = {},
): Condition => ({
  kind: 'in',
  field,
  values,
  negate: true,
  caseInsensitive,
});

/**
 * A text operator.
 *
 * @example
 * ```ts
 * text(col('name', 'text'), 'contains', '%');
 * ```
 */
export const text = (
  field: FieldRef,
  op: TextOp,
  value: string,
  { caseInsensitive = false }: FoldOption = {},
): Condition => ({
  kind: 'text',
  field,
  op,
  value,
  caseInsensitive,
});

/**
 * `empty` (or, with `negate`, not empty).
 *
 * @example
 * ```ts
 * empty(col('name', 'text'));
 * ```
 */
export const empty = (field: FieldRef, negate = false): Condition => ({ kind: 'empty', field, negate });

/**
 * `null` (or, with `negate`, not null).
 *
 * @example
 * ```ts
 * isNull(col('name', 'text'));
 * ```
 */
export const isNull = (field: FieldRef, negate = false): Condition => ({ kind: 'null', field, negate });

/**
 * `has` on a text list.
 *
 * @example
 * ```ts
 * has(col('tags', 'textList'), ['vip'], 'any');
 * ```
 */
export const has = (field: FieldRef, values: readonly string[], mode: 'any' | 'all'): Condition => ({
  kind: 'has',
  field,
  values,
  mode,
});

/**
 * Conjunction.
 *
 * @example
 * ```ts
 * and(isNull(col('name', 'text'), true), compare(col('count', 'number'), 'lt', 5));
 * ```
 */
export const and = (...conditions: Condition[]): Condition => ({ kind: 'and', conditions });

/**
 * Disjunction.
 *
 * @example
 * ```ts
 * or(compare(col('name', 'text'), 'eq', 'a'), compare(col('name', 'text'), 'eq', 'b'));
 * ```
 */
export const or = (...conditions: Condition[]): Condition => ({ kind: 'or', conditions });

/**
 * Negation.
 *
 * @example
 * ```ts
 * not(compare(col('name', 'text'), 'eq', 'a'));
 * ```
 */
export const not = (condition: Condition): Condition => ({ kind: 'not', condition });

/**
 * The `MM-DD` part of a date field: the operand of anniversaries.
 *
 * @example
 * ```ts
 * compare(monthDay(col('born_on', 'date')), 'eq', '02-29');
 * ```
 */
export const monthDay = (field: FieldRef): FieldRef => ({
  ...field,
  operand: { ...field.operand, part: 'monthDay' },
});

interface RelatedOptions {
  readonly where?: Condition;
  readonly negate?: boolean;
}

/**
 * A related condition: `aggregate` over the rows of `relation` that match `where`.
 *
 * @example
 * ```ts
 * related(thingsOfParent, { fn: 'count', op: 'gte', value: 2 }, { where: compare(col('count', 'number'), 'gt', 0) });
 * ```
 */
export const related = (
  relation: Relation,
  aggregate: RelatedAggregate,
  { where, negate = false }: RelatedOptions = {},
): Condition => ({
  kind: 'related',
  relation,
  aggregate,
  negate,
  ...(where === undefined ? {} : { where }),
});

/**
 * An ascending order term.
 *
 * @example
 * ```ts
 * asc(col('id', 'text'));
 * ```
 */
export const asc = (field: FieldRef): OrderTerm => ({ field, direction: 'asc' });

/**
 * A descending order term.
 *
 * @example
 * ```ts
 * desc(col('count', 'number'));
 * ```
 */
export const desc = (field: FieldRef): OrderTerm => ({ field, direction: 'desc' });

/**
 * The `id` column as a text field: the tie-breaker core puts last in every ordering.
 *
 * @example
 * ```ts
 * findMany({ table, tenantId, orderBy: [asc(col('name', 'text')), asc(idField)] });
 * ```
 */
export const idField: FieldRef = col('id', 'text');
