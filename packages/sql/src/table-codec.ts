import type { ColumnCodec, SqlDialect } from './sql-dialect';
import type { Row, TableDef } from '@rapport/core';

/** Encodes one non-null value of a column for the engine. */
export type Encoder = (value: unknown) => unknown;

/**
 * A table's conversions between JavaScript rows and engine values, computed once per table so a read of
 * a table without boolean or JSON columns does no per-row work at all.
 *
 * @example
 * ```ts
 * const codec = createTableCodec(tagsTable, sqliteDialect);
 * codec.decodeRow({ tenant_id: 't1', id: 'a', pinned: 1 }); // { tenant_id: 't1', id: 'a', pinned: true }
 * ```
 */
export interface TableCodec {
  /** Decodes an engine row in place and returns it. */
  readonly decodeRow: (row: Row) => Row;
  /** The encoder of `column`, or undefined when its values bind unchanged. */
  encoderOf(column: string): Encoder | undefined;
}

/** Builds the {@link TableCodec} of `table` for `dialect`. */
export function createTableCodec(table: TableDef, dialect: SqlDialect): TableCodec {
  const encoders = new Map<string, Encoder>();
  const decodedNames: string[] = [];
  const decoders: NonNullable<ColumnCodec['decode']>[] = [];
  for (const column of table.columns) {
    const codec = dialect.columnCodec(column.type);
    if (codec.encode !== undefined) encoders.set(column.name, codec.encode);
    if (codec.decode !== undefined) {
      decodedNames.push(column.name);
      decoders.push(codec.decode);
    }
  }
  return { decodeRow: decodedNames.length === 0 ? identity : rowDecoder(decodedNames, decoders), encoderOf: (column) => encoders.get(column) };
}

/** Encodes one value for binding: `undefined` and `null` become NULL. */
export function encodeValue(value: unknown, encoder: Encoder | undefined): unknown {
  if (value === undefined || value === null) return null;
  return encoder === undefined ? value : encoder(value);
}

function rowDecoder(names: readonly string[], decoders: readonly NonNullable<ColumnCodec['decode']>[]): (row: Row) => Row {
  const count = names.length;
  return (row) => {
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const value = row[name];
      if (value !== null && value !== undefined) row[name] = (decoders[i] as NonNullable<ColumnCodec['decode']>)(value);
    }
    return row;
  };
}

function identity(row: Row): Row {
  return row;
}
