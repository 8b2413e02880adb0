import type { ColumnDef, ColumnType, IndexDef, Migration, MigrationStep, TableDef } from '@rapport/core';
import { RapportError } from '@rapport/core';
import { assertIdentifier } from './identifier';

const COLUMN_TYPES: ReadonlySet<ColumnType> = new Set([
  'text',
  'integer',
  'real',
  'boolean',
  'json',
  'timestamp',
  'date',
]);

/**
 * The tables a store knows, folded from the migrations passed to `migrate` (applied before or now). The
 * store reads column types from it to encode, decode and compile; it never guesses from the database.
 *
 * @example
 * ```ts
 * const model = createSchemaModel();
 * model.apply(migration);
 * model.table('tags')?.columns.map((column) => column.name);
 * ```
 */
export interface SchemaModel {
  /** The table named `name`, if a folded migration created it. */
  table(name: string): TableDef | undefined;
  /** Throws MIGRATION_FAILED when `migration` does not fit the model; changes nothing. */
  check(migration: Migration): void;
  /** Checks `migration` against the model and folds its steps in; returns the names of the tables it touched. */
  apply(migration: Migration): readonly string[];
}

/** Creates an empty {@link SchemaModel}. */
export function createSchemaModel(): SchemaModel {
  const tables = new Map<string, TableDef>();
  const indexNames = new Set<string>();
  const applied = new Set<number>();

  return {
    table: (name) => tables.get(name),
    check(migration) {
      if (applied.has(migration.version)) return;
      const draft = new Map(tables);
      const draftIndexes = new Set(indexNames);
      for (const step of migration.steps) applyStep(draft, draftIndexes, step);
    },
    apply(migration) {
      if (applied.has(migration.version)) return [];
      // Work on a copy so a refused step leaves the model as it was.
      const draft = new Map(tables);
      const draftIndexes = new Set(indexNames);
      const touched = migration.steps.map((step) => applyStep(draft, draftIndexes, step));
      tables.clear();
      for (const [name, def] of draft) tables.set(name, def);
      indexNames.clear();
      for (const name of draftIndexes) indexNames.add(name);
      applied.add(migration.version);
      return [...new Set(touched)];
    },
  };
}

function applyStep(tables: Map<string, TableDef>, indexNames: Set<string>, step: MigrationStep): string {
  switch (step.kind) {
    case 'createTable':
      checkNewTable(tables, indexNames, step.table);
      tables.set(step.table.name, step.table);
      return step.table.name;
    case 'createIndex': {
      const table = requireTable(tables, step.table);
      checkIndex(table, indexNames, step.index);
      tables.set(table.name, { ...table, indexes: [...table.indexes, step.index] });
      return table.name;
    }
    case 'addColumn': {
      const table = requireTable(tables, step.table);
      checkColumn(step.column);
      if (table.columns.some((column) => column.name === step.column.name)) {
        throw refused(`Column ${table.name}.${step.column.name} already exists.`);
      }
      tables.set(table.name, { ...table, columns: [...table.columns, step.column] });
      return table.name;
    }
    case 'makeOpaque': {
      const table = requireTable(tables, step.table);
      requireColumns(table, [step.column], 'makeOpaque step');
      const columns = table.columns.map((column) =>
        column.name === step.column ? opaque(table, column) : column,
      );
      tables.set(table.name, { ...table, columns });
      return table.name;
    }
  }
}

/** `column` made opaque; only a json column that no list index covers can be. */
function opaque(table: TableDef, column: ColumnDef): ColumnDef {
  if (column.type !== 'json')
    throw refused(`Column ${table.name}.${column.name} is not json; it cannot be opaque.`);
  if (table.indexes.some((index) => index.columns.includes(column.name)))
    throw refused(`Column ${table.name}.${column.name} is indexed; an opaque column cannot be.`);
  return { ...column, opaque: true };
}

function checkNewTable(tables: Map<string, TableDef>, indexNames: Set<string>, table: TableDef): void {
  assertIdentifier(table.name, 'table');
  if (tables.has(table.name)) throw refused(`Table ${table.name} already exists.`);
  const names = new Set<string>();
  for (const column of table.columns) {
    checkColumn(column);
    if (names.has(column.name)) throw refused(`Column ${table.name}.${column.name} is declared twice.`);
    names.add(column.name);
  }
  // The tenant predicate goes into every statement, so every table must carry the tenant.
  const tenant = table.columns.find((column) => column.name === 'tenant_id');
  if (tenant === undefined || tenant.nullable || table.primaryKey[0] !== 'tenant_id') {
    throw refused(`Table ${table.name} needs a non-nullable tenant_id column leading its primary key.`);
  }
  requireColumns(table, table.primaryKey, 'primary key');
  for (const index of table.indexes) checkIndex(table, indexNames, index);
  for (const foreignKey of table.foreignKeys) {
    assertIdentifier(foreignKey.name, 'constraint');
    requireColumns(table, foreignKey.columns, `foreign key ${foreignKey.name}`);
    const target =
      foreignKey.references.table === table.name ? table : requireTable(tables, foreignKey.references.table);
    requireColumns(target, foreignKey.references.columns, `foreign key ${foreignKey.name}`);
    // Engines only accept a reference to a key: the primary key or a unique index of the target.
    if (!isKey(target, foreignKey.references.columns)) {
      throw refused(
        `Foreign key ${foreignKey.name} must reference the primary key or a unique index of ${target.name}.`,
      );
    }
    if (foreignKey.columns.length !== foreignKey.references.columns.length) {
      throw refused(
        `Foreign key ${foreignKey.name} names ${foreignKey.columns.length} columns but references ${foreignKey.references.columns.length}.`,
      );
    }
  }
}

function isKey(table: TableDef, columns: readonly string[]): boolean {
  const same = (key: readonly string[]) =>
    key.length === columns.length && key.every((name, i) => name === columns[i]);
  return same(table.primaryKey) || table.indexes.some((index) => index.unique && same(index.columns));
}

function checkIndex(table: TableDef, indexNames: Set<string>, index: IndexDef): void {
  assertIdentifier(index.name, 'index');
  // Index names share one namespace per database on both SQLite and Postgres.
  if (indexNames.has(index.name)) throw refused(`Index ${index.name} already exists.`);
  requireColumns(table, index.columns, `index ${index.name}`);
  if (table.columns.some((column) => column.opaque === true && index.columns.includes(column.name)))
    throw refused(`Index ${index.name} covers an opaque column.`);
  if (index.kind !== undefined) checkListIndex(table, index);
  indexNames.add(index.name);
}

/** A `list` index (the only other kind) covers exactly one JSON column and is never unique. */
function checkListIndex(table: TableDef, index: IndexDef): void {
  if (index.kind !== 'list') throw refused(`Index ${index.name} has unknown kind ${String(index.kind)}.`);
  const column = table.columns.find((candidate) => candidate.name === index.columns[0]);
  if (index.unique || index.columns.length !== 1 || column?.type !== 'json')
    throw refused(`List index ${index.name} covers one json column and is not unique.`);
}

function checkColumn(column: ColumnDef): void {
  assertIdentifier(column.name, 'column');
  if (!COLUMN_TYPES.has(column.type))
    throw refused(`Column ${column.name} has unknown type ${String(column.type)}.`);
  if (column.opaque === true && column.type !== 'json')
    throw refused(`Column ${column.name} is opaque but not json.`);
}

function requireColumns(table: TableDef, columns: readonly string[], what: string): void {
  if (columns.length === 0) throw refused(`The ${what} of ${table.name} names no column.`);
  for (const name of columns) {
    if (!table.columns.some((column) => column.name === name))
      throw refused(`The ${what} of ${table.name} names unknown column ${name}.`);
  }
}

function requireTable(tables: Map<string, TableDef>, name: string): TableDef {
  const table = tables.get(name);
  if (table === undefined)
    throw refused(`Table ${name} does not exist (pass every migration, oldest first, to migrate).`);
  return table;
}

function refused(message: string): RapportError {
  return new RapportError('MIGRATION_FAILED', message);
}
