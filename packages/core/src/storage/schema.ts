/**
 * The storage schema, described as data. Core owns it; each adapter turns it into its own DDL, so every
 * engine stores the same tables with the same keys.
 */

/**
 * How a column stores its value. The JavaScript value an adapter reads and writes for each:
 * - `text`, `timestamp` (ISO-8601 UTC with milliseconds), `date` (`YYYY-MM-DD`): `string`
 * - `integer`, `real`: `number` (`integer` never holds a fraction; money is an integer of minor units)
 *   of at most 2^53 - 1 in size, as are numbers inside `json` (core refuses larger ones, so that a sum
 *   never overflows on one engine and not on another); a condition may compare them with any number
 * - `boolean`: `boolean` (an adapter that stores 0/1 converts both ways)
 * - `json`: any JSON value (object or array), encoded and decoded by the adapter
 *
 * Every type may be `null` when the column is nullable.
 */
export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'json' | 'timestamp' | 'date';

/** One column of a table. */
export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /**
   * A `json` column whose values are written and read whole: no index looks inside it. An engine may store
   * it as plain JSON text (Postgres: `json`, not `jsonb`), which skips building a binary document on every
   * write. Conditions still read inside it, with the same results, at the cost of a parse per row.
   */
  readonly opaque?: boolean;
}

/**
 * An index; `unique` indexes are constraints and a violation is reported as DUPLICATE.
 *
 * `kind: 'list'` is an index for the `list` link of related conditions: one `json` column holding a list
 * of ids, indexed for membership (Postgres: GIN with `jsonb_path_ops`, serving `list @> [id]`). It is never
 * unique and does not lead with `tenant_id` (the related subquery checks the tenant on the rows it finds).
 * An engine with no such index (SQLite) creates nothing for it, and its list links read the tenant's
 * related rows.
 */
export interface IndexDef {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly kind?: 'list';
}

/**
 * A foreign key. By convention its first column is `tenant_id` and it references the target's primary
 * key `(tenant_id, id)`, so that no row can point into another tenant. Deleting a referenced row is refused.
 */
export interface ForeignKeyDef {
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: { readonly table: string; readonly columns: readonly string[] };
}

/** A table. Its primary key always leads with `tenant_id`. */
export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  readonly indexes: readonly IndexDef[];
  readonly foreignKeys: readonly ForeignKeyDef[];
}

/** One step of a migration. Adapters apply the steps of a migration in order, in one transaction. */
export type MigrationStep =
  | { readonly kind: 'createTable'; readonly table: TableDef }
  | { readonly kind: 'createIndex'; readonly table: string; readonly index: IndexDef }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnDef }
  /** Makes an existing `json` column {@link ColumnDef.opaque}; its values are kept as they are. */
  | { readonly kind: 'makeOpaque'; readonly table: string; readonly column: string };

/**
 * A versioned migration. Versions are applied in ascending order, each once; applying a list twice
 * changes nothing the second time.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly steps: readonly MigrationStep[];
}

/**
 * A stored row: column name to JavaScript value (see {@link ColumnType} for the value of each type).
 */
export type Row = Record<string, unknown>;
