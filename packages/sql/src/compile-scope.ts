import type { ColumnDef, FieldRef, ValueType } from '@rapport/core';
import { RapportError } from '@rapport/core';
import type { Expression } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from './sql-dialect';
import { storageError } from './storage-errors';

/**
 * What compiling a condition or an ordering over one table needs: the engine's primitives and the
 * table's columns (to check names and to know which columns can hold NULL).
 *
 * @example
 * ```ts
 * const scope: CompileScope = { dialect: sqliteDialect, table: 'people', columns: new Map(people.columns.map((c) => [c.name, c])) };
 * ```
 */
export interface CompileScope {
  readonly dialect: SqlDialect;
  readonly table: string;
  readonly columns: ReadonlyMap<string, ColumnDef>;
}

/** A field's value as an SQL expression, and whether it can be NULL. */
export interface CompiledOperand {
  readonly expression: Expression<unknown>;
  readonly nullable: boolean;
}

/** Value types stored as text, compared and ordered by code point. */
export const STRING_TYPES: ReadonlySet<ValueType> = new Set(['text', 'timestamp', 'date']);

/**
 * Compiles a field reference. Columns are qualified with their table so that a name never resolves to a
 * column of a subquery (SQLite's `json_each` has `value` and `type` columns).
 *
 * Compiles a field reference: a quoted column, or the dialect's typed JSON value for a path inside (or
 * the whole of) a `json` column. An unknown column throws STORAGE_ERROR, a path into a non-JSON column
 * INVALID_FILTER.
 *
 * @example
 * ```ts
 * compileOperand(scope, { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' });
 * // SQLite: json_extract("custom", ?) with '$."tier"'
 * ```
 */
export function compileOperand(scope: CompileScope, field: FieldRef): CompiledOperand {
  const { operand } = field;
  const column = scope.columns.get(operand.column);
  // As an engine refusing to prepare the query (and as core's memory adapter) would report it.
  if (column === undefined)
    throw storageError(`Table '${scope.table}' has no column '${operand.column}'.`, {
      table: scope.table,
      column: operand.column,
    });
  const path = operand.kind === 'column' ? undefined : operand.path;
  if (column.type !== 'json') {
    if (path !== undefined)
      throw invalidFilter(
        `Column ${scope.table}.${column.name} is not JSON; it has no path ${path.join('.')}.`,
      );
    if (field.type === 'textList')
      throw invalidFilter(`Column ${scope.table}.${column.name} is not a JSON list.`);
    return { expression: sql.id(scope.table, column.name), nullable: column.nullable };
  }
  if (path !== undefined && !path.every((key) => typeof key === 'string'))
    throw invalidFilter('A JSON path holds strings only.');
  // A JSON value of another type than the field's reads as NULL, as in the reference evaluator; a whole
  // JSON column is the value at the empty path.
  return {
    expression: scope.dialect.jsonValue(sql.id(scope.table, column.name), path ?? [], field.type),
    nullable: true,
  };
}

/** An INVALID_FILTER error: the condition cannot be compiled against this table. */
export function invalidFilter(message: string): RapportError {
  return new RapportError('INVALID_FILTER', message);
}
