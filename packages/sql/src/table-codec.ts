import type { ColumnDef, ColumnType, Row, TableDef } from '@rapport/core';
import type { ColumnCodec, SqlDialect } from './sql-dialect';
import { storageError } from './storage-errors';

/** Turns one JavaScript value of a column into the value bound for the engine (NULL for null and undefined). */
export type Binder = (value: unknown) => unknown;

/**
 * A table's conversions between JavaScript rows and engine values, computed once per table so a read of
 * a table without boolean or JSON columns does no per-row work at all.
 *
 * @example
 * ```ts
 * const codec = createTableCodec(tagsTable, sqliteDialect);
 * codec.decodeRow({ tenant_id: 't1', id: 'a', pinned: 1 }); // { tenant_id: 't1', id: 'a', pinned: true }
 * codec.binderOf('pinned')(true); // 1
 * ```
 */
export interface TableCodec {
  /** Decodes an engine row in place and returns it. */
  readonly decodeRow: (row: Row) => Row;
  /** As `decodeRow`, passing `undefined` (no row found) through. */
  readonly decodeOptional: (row: Row | undefined) => Row | undefined;
  /**
   * The binder of `column`: checks that a value fits the column type (as core's memory adapter does, since
   * SQLite would store anything anywhere) and encodes it. A value that does not fit throws STORAGE_ERROR.
   */
  binderOf(column: string): Binder;
}

// The JavaScript values each column type holds, from the contract in `@rapport/core`'s schema.
const FITS: Readonly<Record<ColumnType, (value: unknown) => boolean>> = {
  text: (value) => typeof value === 'string',
  timestamp: (value) => typeof value === 'string',
  date: (value) => typeof value === 'string',
  integer: (value) => Number.isSafeInteger(value),
  real: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
  json: (value) => typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint',
};

/** Builds the {@link TableCodec} of `table` for `dialect`. */
export function createTableCodec(table: TableDef, dialect: SqlDialect): TableCodec {
  const binders = new Map<string, Binder>();
  const decodedNames: string[] = [];
  const decoders: NonNullable<ColumnCodec['decode']>[] = [];
  for (const column of table.columns) {
    const codec = dialect.columnCodec(column.type);
    binders.set(column.name, createBinder(table, column, codec));
    if (codec.decode !== undefined) {
      decodedNames.push(column.name);
      decoders.push(codec.decode);
    }
  }
  const decodeRow = decodedNames.length === 0 ? identity : rowDecoder(decodedNames, decoders);
  return {
    decodeRow,
    decodeOptional: (row) => (row === undefined ? undefined : decodeRow(row)),
    binderOf(column) {
      const binder = binders.get(column);
      if (binder === undefined)
        throw storageError(`Table '${table.name}' has no column '${column}'.`, { table: table.name, column });
      return binder;
    },
  };
}

function createBinder(table: TableDef, column: ColumnDef, codec: ColumnCodec): Binder {
  const fits = FITS[column.type];
  const { encode } = codec;
  return (value) => {
    if (value === undefined || value === null) return null;
    if (!fits(value)) {
      throw storageError(
        `Column '${column.name}' of '${table.name}' (${column.type}) cannot hold ${describe(value)}.`,
        {
          table: table.name,
          column: column.name,
        },
      );
    }
    return encode === undefined ? value : encode(value);
  };
}

function rowDecoder(
  names: readonly string[],
  decoders: readonly NonNullable<ColumnCodec['decode']>[],
): (row: Row) => Row {
  const count = names.length;
  return (row) => {
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const value = row[name];
      if (value !== null && value !== undefined)
        row[name] = (decoders[i] as NonNullable<ColumnCodec['decode']>)(value);
    }
    return row;
  };
}

function identity(row: Row): Row {
  return row;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `the text ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
}
