import type { ColumnDef, ForeignKeyDef, IndexDef, TableDef } from '../storage/schema';
import { ForeignKeyLink } from './foreign-key-link';
import type { MemoryStore } from './memory-store';
import { TableStore } from './table-store';
import type { KeyIndex } from './unique-index';
import { UniqueIndex } from './unique-index';

const columnTypes = new Set(['text', 'integer', 'real', 'boolean', 'json', 'timestamp', 'date']);

/**
 * Creates a table from its definition, with its indexes and foreign keys, after checking the definition as
 * a SQL engine would (and the Rapport conventions: the primary key leads with a text `tenant_id`). Throws
 * an Error saying what is wrong; returns the undo.
 *
 * @example
 * ```ts
 * const undo = createTable(store, tagsTable);
 * ```
 */
export function createTable(store: MemoryStore, def: TableDef): () => void {
  checkTableDef(store, def);
  const table = new TableStore(def.name, def.columns, def.primaryKey);
  // Registered first, so that a foreign key may reference its own table.
  store.tables.set(def.name, table);
  const undos: (() => void)[] = [() => store.tables.delete(def.name)];
  try {
    for (const index of def.indexes) undos.push(createIndex(store, table, index));
    for (const foreignKey of def.foreignKeys) undos.push(linkForeignKey(store, table, foreignKey));
  } catch (error) {
    for (const undo of undos.reverse()) undo();
    throw error;
  }
  return () => {
    for (const undo of undos.reverse()) undo();
  };
}

/**
 * Creates an index on an existing table. A unique index over rows that already repeat a key fails.
 *
 * @example
 * ```ts
 * const undo = createIndex(store, table, { name: 'tags_name_unique', columns: ['tenant_id', 'name'], unique: true });
 * ```
 */
export function createIndex(store: MemoryStore, table: TableStore, index: IndexDef): () => void {
  if (typeof index?.name !== 'string' || index.name === '')
    throw new Error(`An index of '${table.name}' has no name.`);
  if (store.indexes.has(index.name)) throw new Error(`An index named '${index.name}' already exists.`);
  if (!Array.isArray(index.columns) || index.columns.length === 0)
    throw new Error(`Index '${index.name}' names no column.`);
  for (const column of index.columns) requireColumn(table, column, `index '${index.name}'`);
  if (index.columns.some((column) => table.column(column)?.opaque === true))
    throw new Error(`Index '${index.name}' covers an opaque column.`);
  if (index.kind !== undefined) checkListIndex(table, index);
  const removeUnique = index.unique ? table.addUniqueIndex(new UniqueIndex(index)) : () => {};
  store.indexes.set(index.name, { table: table.name, columns: index.columns });
  return () => {
    store.indexes.delete(index.name);
    removeUnique();
  };
}

/** A `list` index (the only other kind) covers exactly one JSON column and is never unique. */
function checkListIndex(table: TableStore, index: IndexDef): void {
  if (index.kind !== 'list')
    throw new Error(`Index '${index.name}' has unknown kind '${String(index.kind)}'.`);
  const [column, ...rest] = index.columns;
  if (index.unique || rest.length > 0 || table.column(column as string)?.type !== 'json') {
    throw new Error(`List index '${index.name}' covers one json column and is not unique.`);
  }
}

/**
 * Adds a nullable column to an existing table; existing rows read null in it. A non-nullable column
 * cannot be added: a ColumnDef has no default to give existing rows, and SQLite refuses
 * `ADD COLUMN ... NOT NULL` without one.
 *
 * @example
 * ```ts
 * const undo = addColumn(table, { name: 'note', type: 'text', nullable: true });
 * ```
 */
export function addColumn(table: TableStore, column: ColumnDef): () => void {
  checkColumnDef(column, table.name);
  if (table.column(column.name) !== undefined)
    throw new Error(`Table '${table.name}' already has a column '${column.name}'.`);
  if (!column.nullable) {
    throw new Error(
      `Column '${column.name}' must be nullable: a column added to an existing table has no default value.`,
    );
  }
  return table.addColumn(column);
}

/**
 * Makes a `json` column of `table` opaque, as engines do: only a json column that no index covers can be.
 * Memory keeps every value as it was written, so the rows do not change.
 *
 * @example
 * ```ts
 * const undo = makeOpaque(store, table, 'changes');
 * ```
 */
export function makeOpaque(store: MemoryStore, table: TableStore, name: string): () => void {
  const column = table.column(name);
  if (column === undefined) throw new Error(`Table '${table.name}' has no column '${name}'.`);
  if (column.type !== 'json') throw new Error(`Column '${name}' of '${table.name}' is not json.`);
  for (const [indexName, index] of store.indexes) {
    if (index.table === table.name && index.columns.includes(name))
      throw new Error(`Column '${name}' of '${table.name}' is covered by index '${indexName}'.`);
  }
  return table.replaceColumn({ ...column, opaque: true });
}

function checkTableDef(store: MemoryStore, def: TableDef): void {
  if (typeof def?.name !== 'string' || def.name === '') throw new Error('A table needs a name.');
  if (store.tables.has(def.name)) throw new Error(`Table '${def.name}' already exists.`);
  const names = new Set<string>();
  for (const column of def.columns) {
    checkColumnDef(column, def.name);
    if (names.has(column.name))
      throw new Error(`Table '${def.name}' declares column '${column.name}' twice.`);
    names.add(column.name);
  }
  const tenantColumn = def.columns.find((column) => column.name === 'tenant_id');
  if (def.primaryKey[0] !== 'tenant_id' || tenantColumn?.type !== 'text') {
    throw new Error(`The primary key of '${def.name}' must lead with a text column 'tenant_id'.`);
  }
  if (new Set(def.primaryKey).size !== def.primaryKey.length)
    throw new Error(`The primary key of '${def.name}' repeats a column.`);
  for (const name of def.primaryKey) {
    const column = def.columns.find((candidate) => candidate.name === name);
    if (column === undefined)
      throw new Error(`The primary key of '${def.name}' names unknown column '${name}'.`);
    if (column.type === 'json')
      throw new Error(`Column '${name}' of '${def.name}' is json and cannot be in a primary key.`);
  }
}

function checkColumnDef(column: ColumnDef, table: string): void {
  if (typeof column?.name !== 'string' || column.name === '')
    throw new Error(`A column of '${table}' has no name.`);
  if (!columnTypes.has(column.type))
    throw new Error(`Column '${column.name}' of '${table}' has unknown type '${column.type}'.`);
  if (column.opaque === true && column.type !== 'json')
    throw new Error(`Column '${column.name}' of '${table}' is opaque but not json.`);
}

function linkForeignKey(store: MemoryStore, table: TableStore, def: ForeignKeyDef): () => void {
  const target = store.tables.get(def.references?.table);
  if (target === undefined)
    throw new Error(`Foreign key '${def.name}' references unknown table '${def.references?.table}'.`);
  if (def.columns.length === 0 || def.columns.length !== def.references.columns.length) {
    throw new Error(`Foreign key '${def.name}' must list as many columns as it references.`);
  }
  def.columns.forEach((column, position) => {
    const own = requireColumn(table, column, `foreign key '${def.name}'`);
    const referenced = requireColumn(
      target,
      def.references.columns[position] as string,
      `foreign key '${def.name}'`,
    );
    if (own.type !== referenced.type)
      throw new Error(`Foreign key '${def.name}' pairs a ${own.type} column with a ${referenced.type} one.`);
  });
  const index = findKeyIndex(target, def.references.columns);
  if (index === undefined) {
    throw new Error(
      `Foreign key '${def.name}' must reference the primary key or a unique index of '${target.name}'.`,
    );
  }
  // Child columns in the order of the referenced index, so child and parent keys encode alike.
  const childColumns = index.columns.map(
    (column) => def.columns[def.references.columns.indexOf(column)] as string,
  );
  const link = new ForeignKeyLink(def, table.name, index, childColumns);
  table.outgoing.push(link);
  target.incoming.push(link);
  return () => {
    table.outgoing.splice(table.outgoing.indexOf(link), 1);
    target.incoming.splice(target.incoming.indexOf(link), 1);
  };
}

function findKeyIndex(table: TableStore, columns: readonly string[]): KeyIndex | undefined {
  const wanted = new Set(columns);
  const sameColumns = (candidate: KeyIndex) =>
    candidate.columns.length === wanted.size && candidate.columns.every((column) => wanted.has(column));
  return [table.primaryKeyIndex, ...table.uniqueIndexes].find(sameColumns);
}

function requireColumn(table: TableStore, name: string, owner: string): ColumnDef {
  const column = table.column(name);
  if (column === undefined) throw new Error(`${owner} names unknown column '${name}' of '${table.name}'.`);
  return column;
}
