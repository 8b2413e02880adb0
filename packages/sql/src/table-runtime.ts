import type { ColumnDef, TableDef } from '@rapport/core';
import type { CompileScope } from './compile-scope';
import type { SqlCompiler } from './create-sql-compiler';
import type { HotStatements } from './hot-statements';
import { createHotStatements } from './hot-statements';
import type { SqlDialect } from './sql-dialect';
import type { TableCodec } from './table-codec';
import { createTableCodec } from './table-codec';

/**
 * Everything precomputed for one table: its definition, the scope conditions compile in, its codec and
 * its cached hot statements. Rebuilt when a migration changes the table.
 *
 * @example
 * ```ts
 * const runtime = createTableRuntime(tagsTable, sqliteDialect, db, (name) => columnsOf(name));
 * runtime.hot.findById();
 * ```
 */
export interface TableRuntime {
  readonly def: TableDef;
  readonly scope: CompileScope;
  readonly codec: TableCodec;
  readonly hot: HotStatements;
  /** The columns selected, in definition order. */
  readonly columnNames: readonly string[];
}

/**
 * Builds the {@link TableRuntime} of `table`. `tableColumns` gives the columns of the store's other tables,
 * for related conditions.
 */
export function createTableRuntime(
  table: TableDef,
  dialect: SqlDialect,
  db: SqlCompiler,
  tableColumns: (table: string) => ReadonlyMap<string, ColumnDef>,
): TableRuntime {
  const columns = new Map(table.columns.map((column) => [column.name, column]));
  const codec = createTableCodec(table, dialect);
  return {
    def: table,
    scope: { dialect, table: table.name, columns, tableColumns },
    codec,
    hot: createHotStatements(table, db, codec),
    columnNames: table.columns.map((column) => column.name),
  };
}
