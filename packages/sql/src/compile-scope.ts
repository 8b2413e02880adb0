import type { ColumnDef, FieldRef, ValueType } from '@rapport/core';
import { RapportError } from '@rapport/core';
import type { Expression } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from './sql-dialect';
import { storageError } from './storage-errors';

/**
 * What compiling a condition or an ordering over one table needs: the engine's primitives, the table's
 * columns (to check names and to know which columns can hold NULL), and, for related conditions, the
 * columns of the other tables of the store.
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
  /**
   * The name columns are qualified with: the table's own name when absent, an alias inside the subquery
   * of a related condition (so a relation from a table to itself names two different rows).
   */
  readonly alias?: string;
  /** How many related subqueries enclose this scope: 0 for the statement's own table. */
  readonly depth?: number;
  /**
   * The columns of another table of the store, for related conditions; throws STORAGE_ERROR for a table
   * the store does not know. Without it, related conditions cannot compile.
   */
  readonly tableColumns?: (table: string) => ReadonlyMap<string, ColumnDef>;
}

/** A field's value as an SQL expression, and whether it can be NULL. */
export interface CompiledOperand {
  readonly expression: Expression<unknown>;
  readonly nullable: boolean;
}

/** Value types stored as text, compared and ordered by code point. */
export const STRING_TYPES: ReadonlySet<ValueType> = new Set(['text', 'timestamp', 'date']);

/**
 * Compiles a field reference: a quoted column, or the dialect's typed JSON value for a path inside (or
 * the whole of) a `json` column. Columns are qualified with their table (or its alias) so that a name never
 * resolves to a column of a subquery (SQLite's `json_each` has `value` and `type` columns). An unknown
 * column throws STORAGE_ERROR, a path into a non-JSON column INVALID_FILTER. A `monthDay` part reads
 * `substr(x, 6, 5)` of a `date` field (dates are `YYYY-MM-DD` text on every engine) and is refused with
 * INVALID_FILTER on any other type, as core's reference evaluator does.
 *
 * @example
 * ```ts
 * compileOperand(scope, { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' });
 * // SQLite: json_extract("people"."custom", '$."tier"'), guarded by json_type
 * compileOperand(scope, { operand: { kind: 'column', column: 'birthday', part: 'monthDay' }, type: 'date' });
 * // substr("people"."birthday", 6, 5)
 * ```
 */
export function compileOperand(scope: CompileScope, field: FieldRef): CompiledOperand {
  const whole = compileWholeOperand(scope, field);
  const part = field.operand.part;
  if (part === undefined) return whole;
  if (part !== 'monthDay') throw invalidFilter(`Unknown operand part '${String(part)}'; use 'monthDay'.`);
  if (field.type !== 'date')
    throw invalidFilter(`The '${part}' part applies to date fields, not ${field.type}.`);
  return { expression: sql`substr(${whole.expression}, 6, 5)`, nullable: whole.nullable };
}

/**
 * The name a column of this scope is referred to by, qualified with the table or its alias.
 *
 * @example
 * ```ts
 * qualifiedColumn(scope, 'tenant_id'); // "people"."tenant_id"
 * ```
 */
export function qualifiedColumn(scope: CompileScope, column: string): Expression<unknown> {
  return sql.id(scope.alias ?? scope.table, column);
}

/**
 * The JSON document of the json column `column`, as the dialect's path and list primitives take it: an
 * opaque column stored in another type (Postgres `json`) is cast to the dialect's json type.
 *
 * @example
 * ```ts
 * jsonDocument(scope, requireColumn(scope, 'changes')); // cast("audit_log"."changes" as jsonb) on Postgres
 * ```
 */
export function jsonDocument(scope: CompileScope, column: ColumnDef): Expression<unknown> {
  const value = qualifiedColumn(scope, column.name);
  return column.opaque === true && scope.dialect.opaqueJsonType !== undefined
    ? sql`cast(${value} as ${sql.raw(scope.dialect.columnType('json'))})`
    : value;
}

/**
 * The definition of a column of the scope's table; an unknown column throws STORAGE_ERROR, as an engine
 * refusing to prepare the query (and core's memory adapter) would report it.
 *
 * @example
 * ```ts
 * requireColumn(scope, 'company_id').type; // 'text'
 * ```
 */
export function requireColumn(scope: CompileScope, name: string): ColumnDef {
  const column = scope.columns.get(name);
  if (column === undefined)
    throw storageError(`Table '${scope.table}' has no column '${name}'.`, {
      table: scope.table,
      column: name,
    });
  return column;
}

function compileWholeOperand(scope: CompileScope, field: FieldRef): CompiledOperand {
  const { operand } = field;
  const column = requireColumn(scope, operand.column);
  const path = operand.kind === 'column' ? undefined : operand.path;
  if (column.type !== 'json') {
    if (path !== undefined)
      throw invalidFilter(
        `Column ${scope.table}.${column.name} is not JSON; it has no path ${path.join('.')}.`,
      );
    if (field.type === 'textList')
      throw invalidFilter(`Column ${scope.table}.${column.name} is not a JSON list.`);
    return { expression: qualifiedColumn(scope, column.name), nullable: column.nullable };
  }
  if (path !== undefined && !path.every((key) => typeof key === 'string'))
    throw invalidFilter('A JSON path holds strings only.');
  // A JSON value of another type than the field's reads as NULL, as in the reference evaluator; a whole
  // JSON column is the value at the empty path.
  return {
    expression: scope.dialect.jsonValue(jsonDocument(scope, column), path ?? [], field.type),
    nullable: true,
  };
}

/** An INVALID_FILTER error: the condition cannot be compiled against this table. */
export function invalidFilter(message: string): RapportError {
  return new RapportError('INVALID_FILTER', message);
}
