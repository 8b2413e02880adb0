import type { ColumnType, Scalar, ValueType } from '@rapport/core';
import type {
  DatabaseIntrospector,
  DialectAdapter,
  Expression,
  QueryCompiler,
  RawBuilder,
  SqlBool,
} from 'kysely';
import type { SqlCompiler } from './create-sql-compiler';
import type { SqlStatement } from './sql-statement';

/**
 * How one column type crosses the driver boundary. A missing function means the value passes unchanged,
 * so a table without such columns costs nothing per row.
 *
 * @example
 * ```ts
 * const booleanCodec: ColumnCodec = { encode: (value) => (value ? 1 : 0), decode: (value) => value !== 0 };
 * ```
 */
export interface ColumnCodec {
  /** A non-null JavaScript value to the value bound for the engine (`null` and `undefined` bind as NULL). */
  readonly encode?: (value: unknown) => unknown;
  /** A non-null engine value back to the JavaScript value of the column type (NULL reads as `null`). */
  readonly decode?: (value: unknown) => unknown;
}

/**
 * What a driver error means, as far as the engine tells. The shared layer turns it into a RapportError
 * (`DUPLICATE`, `INVALID_REFERENCE`, `REFERENCED`, `STORAGE_ERROR`) with the table it knows.
 *
 * @example
 * ```ts
 * const failure: DriverFailure = { kind: 'unique', columns: ['tenant_id', 'email'] };
 * ```
 */
export type DriverFailure =
  /** A unique index or primary key was violated; `columns` or `constraint` say which when the engine does. */
  | { readonly kind: 'unique'; readonly columns?: readonly string[]; readonly constraint?: string }
  /** A foreign key was violated (a missing parent on write, a remaining child on delete). */
  | { readonly kind: 'foreignKey'; readonly constraint?: string }
  /** Anything else. */
  | { readonly kind: 'other' };

/**
 * The Kysely pieces of one engine. Kysely only compiles here: its driver is a `DummyDriver`.
 *
 * @example
 * ```ts
 * const parts: KyselyParts = {
 *   createAdapter: () => new PostgresAdapter(),
 *   createQueryCompiler: () => new PostgresQueryCompiler(),
 *   createIntrospector: (db) => new PostgresIntrospector(db),
 * };
 * ```
 */
export interface KyselyParts {
  createAdapter(): DialectAdapter;
  createQueryCompiler(): QueryCompiler;
  createIntrospector(db: SqlCompiler): DatabaseIntrospector;
}

/**
 * The true differences between SQL engines, under the same names for every engine. Everything else
 * (conditions, ordering, DDL, migrations, hot statements, error translation) is written once in
 * `@rapport/sql` on top of these.
 *
 * Fragments are Kysely expressions built with the `sql` tag, so values stay bound parameters.
 *
 * @example
 * ```ts
 * // SQLite: json_extract("custom", '$."tier"'); Postgres: ("custom" -> 'tier'::text) #>> '{}' (each typed)
 * const tier = dialect.jsonValue(sql.id('custom'), ['tier'], 'text');
 * const isGold = sql<SqlBool>`${dialect.fold(tier)} = ${'gold'}`;
 * ```
 */
export interface SqlDialect {
  /** The engine family, reported in the adapter's capabilities. */
  readonly engine: 'sqlite' | 'postgres';
  /** Kysely's adapter, query compiler and introspector for this engine. */
  readonly kysely: KyselyParts;

  /**
   * The value at `path` inside the JSON column expression `json` (the whole document for an empty path),
   * typed as `type` for comparison and ordering. A missing key, a JSON `null`, a step into a non-object and
   * a value of another JSON type than `type` (a string where a number is expected) are all SQL NULL, as in
   * core's reference evaluator. For `textList` it is the JSON array itself. Put the path in through
   * `jsonPathText`, so that a custom field's expression index matches the filters on it.
   */
  jsonValue(json: Expression<unknown>, path: readonly string[], type: ValueType): Expression<unknown>;
  /** True when the JSON array `list` holds the string `value`; never true for a NULL list. */
  listHas(list: Expression<unknown>, value: string): Expression<SqlBool>;
  /** True when the JSON array `list` has no elements; NULL for a NULL list. */
  listIsEmpty(list: Expression<unknown>): Expression<SqlBool>;
  /**
   * True when the JSON column `list` is an array holding the text expression `value` as a string element:
   * the `list` link of a related condition (`activities.person_ids` holds `people.id`). It only filters
   * the rows of a related subquery, so it may be NULL where it is not true. Written so that an index on the
   * list can serve it where the engine has one (Postgres: `@>`, served by a GIN index).
   */
  listHasExpression(list: Expression<unknown>, value: Expression<unknown>): Expression<SqlBool>;

  /**
   * `text` folded exactly as core's `foldCase` (JavaScript's `toLowerCase()`, then `ς` as `σ`). The shared
   * layer folds bound values with `foldCase`, so both sides fold alike.
   */
  fold(text: Expression<unknown>): Expression<unknown>;
  /** `text` under binary, code-point order for comparisons and sorting (never the locale's). */
  binaryText(text: Expression<unknown>): Expression<unknown>;
  /** `needle` occurs in `text`, literally (no wildcards); the empty needle is in every non-null text. */
  contains(text: Expression<unknown>, needle: string): Expression<SqlBool>;
  /** `text` starts with `prefix`, literally. */
  startsWith(text: Expression<unknown>, prefix: string): Expression<SqlBool>;
  /** `text` ends with `suffix`, literally. */
  endsWith(text: Expression<unknown>, suffix: string): Expression<SqlBool>;

  /** How a column type is encoded for writes and decoded on reads. */
  columnCodec(type: ColumnType): ColumnCodec;
  /** A condition literal of value type `type`, as bound for the engine (SQLite binds booleans as 0/1). */
  scalarParameter(type: ValueType, value: Scalar): unknown;

  /** The DDL type of a column type (`text`, `integer`, `jsonb`, ...). */
  columnType(type: ColumnType): string;
  /**
   * The DDL type of an opaque json column (`ColumnDef.opaque`) when the engine stores it otherwise
   * than `columnType('json')` (Postgres: `json`, kept as text); conditions then read it cast to
   * `columnType('json')`, and a `makeOpaque` step alters the column with `alter column ... type ... using`.
   * Undefined when opaque columns are stored like any json column (the step then changes nothing).
   */
  readonly opaqueJsonType?: string;
  /**
   * The DDL of a `list` index (an `IndexDef` of kind `list`) named `name` on the JSON column `column`,
   * serving `listHasExpression`; undefined when the engine has no index for list membership (the migration
   * step then creates nothing).
   */
  listIndex(name: string, table: string, column: string): RawBuilder<unknown> | undefined;
  /**
   * How `addColumn` declares a non-nullable column: `notNull` as a constraint, or `check` as
   * `CHECK (col IS NOT NULL)` for engines (SQLite) that refuse `NOT NULL` without a default but do check
   * existing rows against a new CHECK constraint.
   */
  readonly addColumnNotNull: 'notNull' | 'check';
  /**
   * How a claim keeps concurrent claims apart: `skipLocked` locks the rows it selects and skips rows other
   * transactions hold (`for update skip locked`, Postgres); `singleWriter` relies on the engine running one
   * write transaction at a time (SQLite's `begin immediate`).
   */
  readonly claimLock: 'skipLocked' | 'singleWriter';
  /** A statement listing the tables of the store, as rows `{ name }`. */
  readonly listTables: SqlStatement;

  /** What a driver error means. */
  classifyError(error: unknown): DriverFailure;
}
