import type { ColumnType } from '@rapport/core';
import type { ColumnCodec, SqlDialect } from '@rapport/sql';
import type { SqlBool } from 'kysely';
import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { classifyPostgresError } from './classify-postgres-error';
import { postgresJsonValue } from './postgres-json-value';

// Text columns take the binary collation: code-point order is Rapport's order (the `collate "C"` that
// conditions and sorts spell out), and only an index built under the same collation serves them. Under
// the database's own collation an index on last_name could not sort a list by last name.
const COLUMN_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'text collate "C"',
  integer: 'bigint',
  real: 'double precision',
  boolean: 'boolean',
  json: 'jsonb',
  // Instants and dates stay ISO strings end to end, so ordering and equality are the reference's exactly.
  timestamp: 'text collate "C"',
  date: 'text collate "C"',
};

// pg returns bigint as a string (it may not fit a double); PGlite already returns a number.
const INTEGER_CODEC: ColumnCodec = {
  decode: (value) => (typeof value === 'string' ? Number(value) : value),
};
// Bound as JSON text: pg would turn a JavaScript array into a Postgres array literal, and a plain string
// would not be JSON. Both drivers parse jsonb on the way back.
const JSON_CODEC: ColumnCodec = { encode: (value) => JSON.stringify(value) };
const PLAIN_CODEC: ColumnCodec = {};

/**
 * Postgres's primitives for `@rapport/sql`: jsonb paths stepped with `->` and guarded by `jsonb_typeof`,
 * `@>` for list membership, `lower()` for case folding, the `"C"` collation for code-point order,
 * `strpos`/`left`/`right` instead of LIKE, native booleans and jsonb, and ISO strings as text.
 *
 * @example
 * ```ts
 * const store = createSqlStore({ name: 'postgres', capabilities, dialect: postgresDialect, driver });
 * // A custom field condition compiles to:
 * // (case when jsonb_typeof(("people"."custom" -> 'tier'::text)) = 'string' then ("people"."custom" -> 'tier'::text) #>> '{}' end) = $1
 * ```
 */
export const postgresDialect: SqlDialect = {
  engine: 'postgres',
  kysely: {
    createAdapter: () => new PostgresAdapter(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  },

  jsonValue: postgresJsonValue,
  // `@>` matches string elements only (so `1` is not `'1'`); a NULL list is never a match.
  listHas: (list, value) => sql<SqlBool>`coalesce(${list} @> jsonb_build_array(${value}::text), false)`,
  listIsEmpty: (list) => sql<SqlBool>`(${list} = '[]'::jsonb)`,
  // Bare `@>` on the column, so a GIN index on the list serves it; a non-array never contains an array.
  // A NULL value would build `[null]`, which a list holding a JSON null contains: it must link nothing.
  listHasExpression: (list, value) =>
    sql<SqlBool>`(${value} is not null and ${list} @> jsonb_build_array(${value}::text))`,

  // Under a UTF-8 database lower() follows the database's ctype, which folds beyond ASCII, but maps İ
  // (U+0130) to a plain i where JavaScript's toLowerCase() gives i + U+0307 (its one unconditional
  // multi-character lowercase mapping); spelling İ out first makes both agree. lower() gives σ for every
  // Σ, and foldCase reads the final sigma ς as σ too, so ς is replaced after lowering.
  // Under "C", which text columns have, lower() folds ASCII only: the text is given the database's own
  // collation for it.
  fold: (text) =>
    sql`replace(lower(replace(${text}, chr(304), 'i' || chr(775)) collate "default"), chr(962), chr(963))`,
  binaryText: (text) => sql`(${text} collate "C")`,
  contains: (text, needle) => sql<SqlBool>`(strpos(${text}, ${needle}::text) > 0)`,
  startsWith: (text, prefix) => sql<SqlBool>`(left(${text}, length(${prefix}::text)) = ${prefix}::text)`,
  // right(text, n) is the whole text when n exceeds its length, so the comparison fails by itself.
  endsWith: (text, suffix) => sql<SqlBool>`(right(${text}, length(${suffix}::text)) = ${suffix}::text)`,

  columnCodec: (type) => (type === 'integer' ? INTEGER_CODEC : type === 'json' ? JSON_CODEC : PLAIN_CODEC),
  scalarParameter: (_type, value) => value,

  columnType: (type) => COLUMN_TYPES[type],
  // Kept as checked text: writing it skips building jsonb, and reads return the same JSON.
  opaqueJsonType: 'json',
  // jsonb_path_ops: smaller than the default GIN opclass, and `@>` is the only operator list links use.
  listIndex: (name, table, column) =>
    sql`create index ${sql.id(name)} on ${sql.id(table)} using gin (${sql.id(column)} jsonb_path_ops)`,
  claimLock: 'skipLocked',
  addColumnNotNull: 'notNull',
  listTables: {
    sql: `select table_name as "name" from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    parameters: [],
  },

  classifyError: classifyPostgresError,
};
