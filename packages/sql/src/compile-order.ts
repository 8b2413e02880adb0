import type { OrderTerm } from '@rapport/core';
import type { Expression, OrderByModifiersCallbackExpression, SelectQueryBuilder } from 'kysely';
import { sql } from 'kysely';
import type { CompileScope } from './compile-scope';
import { compileOperand, invalidFilter, STRING_TYPES } from './compile-scope';

// biome-ignore lint/suspicious/noExplicitAny: selects over tables known only at run time
type AnySelect = SelectQueryBuilder<any, any, any>;

/**
 * Adds `orderBy` to a select: text by code point, nulls last in both directions. Without terms it orders
 * by the primary key, so results are deterministic and match the raw accessor's order.
 *
 * @example
 * ```ts
 * applyOrder(query, scope, [{ field: { operand: { kind: 'column', column: 'name' }, type: 'text' }, direction: 'desc' }], ['tenant_id', 'id']);
 * // ... order by "name" desc nulls last
 * ```
 */
export function applyOrder(
  query: AnySelect,
  scope: CompileScope,
  orderBy: readonly OrderTerm[] | undefined,
  primaryKey: readonly string[],
): AnySelect {
  if (orderBy === undefined || orderBy.length === 0) return orderByPrimaryKey(query, scope, primaryKey);
  let ordered = query;
  for (const term of orderBy) {
    if (term.field.type === 'textList') throw invalidFilter('Rows cannot be ordered by a list.');
    if (term.direction !== 'asc' && term.direction !== 'desc') {
      throw invalidFilter(`Unknown sort direction '${String(term.direction)}'; use 'asc' or 'desc'.`);
    }
    const { expression, nullable } = compileOperand(scope, term.field);
    const key: Expression<unknown> = STRING_TYPES.has(term.field.type)
      ? scope.dialect.binaryText(expression)
      : expression;
    ordered = ordered.orderBy(key, modifiers(term.direction, nullable));
  }
  return ordered;
}

/**
 * Orders by the primary key, ascending, text keys by code point: the order of unordered reads and of the
 * raw accessor.
 */
export function orderByPrimaryKey(
  query: AnySelect,
  scope: CompileScope,
  primaryKey: readonly string[],
): AnySelect {
  let ordered = query;
  for (const column of primaryKey) {
    const type = scope.columns.get(column)?.type;
    const isString = type === 'text' || type === 'timestamp' || type === 'date';
    ordered = ordered.orderBy(isString ? scope.dialect.binaryText(sql.id(column)) : sql.id(column));
  }
  return ordered;
}

// NULLS LAST is only spelled out for columns that can hold NULL: on a non-null column it changes nothing
// and leaving it out lets SQLite walk an index instead of sorting.
function modifiers(direction: 'asc' | 'desc', nullable: boolean): OrderByModifiersCallbackExpression {
  if (direction === 'desc')
    return nullable ? (builder) => builder.desc().nullsLast() : (builder) => builder.desc();
  return nullable ? (builder) => builder.asc().nullsLast() : (builder) => builder.asc();
}
