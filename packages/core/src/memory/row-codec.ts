import type { ColumnDef, Row } from '../storage/schema';
import { storageError } from './memory-errors';
import type { TableStore } from './table-store';

/**
 * Checks an inserted row against its table and returns the row to store: every column present (a left-out
 * nullable column reads null, as a SQL `INSERT` gives), each value of its column's type, JSON copied
 * through `JSON.stringify`/`JSON.parse` exactly as a SQL adapter encodes it. The result shares nothing
 * with the caller's object, so mutating that object later never changes stored data.
 *
 * @example
 * ```ts
 * const stored = encodeInsertRow(table, { tenant_id: 't1', id: 'a', name: 'Ann', version: 1 });
 * ```
 */
export function encodeInsertRow(table: TableStore, row: Row): Row {
  if (typeof row !== 'object' || row === null)
    throw storageError(`A row of '${table.name}' must be an object.`);
  rejectUnknownColumns(table, row);
  const stored: Row = {};
  for (const column of table.columns) stored[column.name] = encodeValue(table, column, row[column.name]);
  return stored;
}

/**
 * Checks the values of an update and returns them encoded; `undefined` values are left out.
 *
 * @example
 * ```ts
 * const patch = encodePatch(table, { name: 'Ann', version: 2 });
 * ```
 */
export function encodePatch(table: TableStore, values: Row): Row {
  if (typeof values !== 'object' || values === null)
    throw storageError(`Update values of '${table.name}' must be an object.`);
  rejectUnknownColumns(table, values);
  const patch: Row = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) patch[name] = encodeValue(table, table.column(name) as ColumnDef, value);
  }
  return patch;
}

/**
 * A copy of a stored row for a caller, JSON values deep-copied: mutating it never changes stored data.
 *
 * @example
 * ```ts
 * return decodeRow(table, stored);
 * ```
 */
export function decodeRow(
  table: TableStore,
  row: Row,
  jsonColumns: readonly string[] = table.jsonColumns,
): Row {
  const copy: Row = { ...row };
  for (const name of jsonColumns) {
    const value = copy[name];
    if (typeof value === 'object' && value !== null) copy[name] = cloneJson(value);
  }
  return copy;
}

function rejectUnknownColumns(table: TableStore, row: Row): void {
  for (const name of Object.keys(row)) {
    if (row[name] !== undefined && table.column(name) === undefined) {
      throw storageError(`Table '${table.name}' has no column '${name}'.`, {
        table: table.name,
        column: name,
      });
    }
  }
}

function encodeValue(table: TableStore, column: ColumnDef, value: unknown): unknown {
  if (value === undefined || value === null) {
    if (column.nullable && !table.primaryKey.includes(column.name)) return null;
    throw storageError(`Column '${column.name}' of '${table.name}' cannot be null.`, {
      table: table.name,
      column: column.name,
    });
  }
  if (column.type === 'json') return encodeJson(table, column, value);
  if (!fitsColumn(column, value)) {
    throw storageError(
      `Column '${column.name}' of '${table.name}' (${column.type}) cannot hold ${describe(value)}.`,
      {
        table: table.name,
        column: column.name,
      },
    );
  }
  return value;
}

function fitsColumn(column: ColumnDef, value: unknown): boolean {
  switch (column.type) {
    case 'integer':
      return Number.isSafeInteger(value);
    case 'real':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}

function encodeJson(table: TableStore, column: ColumnDef, value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw storageError(
      `Column '${column.name}' of '${table.name}' holds a value JSON cannot encode: ${String(cause)}`,
      {
        table: table.name,
        column: column.name,
      },
    );
  }
  if (text === undefined)
    throw storageError(`Column '${column.name}' of '${table.name}' cannot hold ${describe(value)}.`);
  return JSON.parse(text);
}

function cloneJson(value: object): unknown {
  if (Array.isArray(value)) return value.map(cloneItem);
  // fromEntries defines own properties, so a JSON key such as `__proto__` stays a key, as JSON.parse made it.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneItem(item)]));
}

function cloneItem(item: unknown): unknown {
  return typeof item === 'object' && item !== null ? cloneJson(item) : item;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `the text ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
}
