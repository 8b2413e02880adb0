import type { ColumnDef, IndexDef, MigrationStep, TableDef } from '@rapport/core';
import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import { sql } from 'kysely';
import type { SqlCompiler } from './create-sql-compiler';
import { toStatement } from './create-sql-compiler';
import type { SqlDialect } from './sql-dialect';
import type { SqlStatement } from './sql-statement';

/**
 * The DDL statements of one migration step, in the order they must run.
 *
 * @example
 * ```ts
 * compileMigrationStep(db, sqliteDialect, { kind: 'createIndex', table: 'people', index: { name: 'people_email', columns: ['tenant_id', 'email'], unique: true } });
 * // [{ sql: 'create unique index "people_email" on "people" ("tenant_id", "email")', parameters: [] }]
 * ```
 */
export function compileMigrationStep(
  db: SqlCompiler,
  dialect: SqlDialect,
  step: MigrationStep,
): SqlStatement[] {
  switch (step.kind) {
    case 'createTable':
      return [
        createTable(db, dialect, step.table),
        ...step.table.indexes.flatMap((index) => createIndex(db, dialect, step.table.name, index)),
      ];
    case 'createIndex':
      return createIndex(db, dialect, step.table, step.index);
    case 'addColumn':
      return [addColumn(db, dialect, step.table, step.column)];
    case 'makeOpaque':
      return makeOpaque(db, dialect, step.table, step.column);
  }
}

/** The DDL type of `column`: an opaque json column takes the dialect's opaque type where it has one. */
function ddlType(dialect: SqlDialect, column: ColumnDef) {
  const type = column.opaque === true ? dialect.opaqueJsonType : undefined;
  return sql.raw(type ?? dialect.columnType(column.type));
}

function makeOpaque(db: SqlCompiler, dialect: SqlDialect, table: string, column: string): SqlStatement[] {
  const type = dialect.opaqueJsonType;
  if (type === undefined) return [];
  // Rewrites the table under an exclusive lock; the values themselves stay the same JSON.
  const statement = sql`alter table ${sql.id(table)} alter column ${sql.id(column)} type ${sql.raw(type)} using cast(${sql.id(column)} as ${sql.raw(type)})`;
  return [toStatement(statement.compile(db))];
}

function createTable(db: SqlCompiler, dialect: SqlDialect, table: TableDef): SqlStatement {
  // Typed with string column names: Kysely infers them from literal calls, and these come from data.
  let builder: CreateTableBuilder<string, string> = db.schema.createTable(table.name);
  for (const column of table.columns) {
    // Key columns are never null, whatever the definition says (SQLite would otherwise allow NULL keys).
    const isNullable = column.nullable && !table.primaryKey.includes(column.name);
    builder = builder.addColumn(column.name, ddlType(dialect, column), (definition) =>
      isNullable ? definition : definition.notNull(),
    );
  }
  builder = builder.addPrimaryKeyConstraint(`${table.name}_pkey`, [...table.primaryKey]);
  for (const foreignKey of table.foreignKeys) {
    builder = builder.addForeignKeyConstraint(
      foreignKey.name,
      [...foreignKey.columns],
      foreignKey.references.table,
      [...foreignKey.references.columns],
    );
  }
  return toStatement(builder.compile());
}

function createIndex(db: SqlCompiler, dialect: SqlDialect, table: string, index: IndexDef): SqlStatement[] {
  if (index.kind === 'list') {
    const statement = dialect.listIndex(index.name, table, index.columns[0] as string);
    return statement === undefined ? [] : [toStatement(statement.compile(db))];
  }
  const builder = db.schema
    .createIndex(index.name)
    .on(table)
    .columns([...index.columns]);
  return [toStatement((index.unique ? builder.unique() : builder).compile())];
}

function addColumn(db: SqlCompiler, dialect: SqlDialect, table: string, column: ColumnDef): SqlStatement {
  const define = (definition: ColumnDefinitionBuilder): ColumnDefinitionBuilder => {
    if (column.nullable) return definition;
    // A NOT NULL column without a default is refused by SQLite even on an empty table; a CHECK is tested
    // against existing rows instead, so both engines accept it on an empty table and refuse it otherwise.
    return dialect.addColumnNotNull === 'notNull'
      ? definition.notNull()
      : definition.check(sql`${sql.id(column.name)} is not null`);
  };
  return toStatement(
    db.schema.alterTable(table).addColumn(column.name, ddlType(dialect, column), define).compile(),
  );
}
