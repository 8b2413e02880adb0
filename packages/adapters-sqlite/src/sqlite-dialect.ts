import type { ColumnType, Scalar, ValueType } from '@rapport/core';
import type { ColumnCodec, SqlDialect } from '@rapport/sql';
import { jsonPathText } from '@rapport/sql';
import type { SqlBool } from 'kysely';
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import { classifySqliteError } from './classify-sqlite-error';
import { sqliteJsonPath } from './sqlite-json-path';

/** The name of the case-folding SQL function every SQLite connection of Rapport registers. */
export const FOLD_FUNCTION = 'rapport_fold';

// The json_type() results a value type accepts; any other JSON type reads as NULL (core's reference rule).
const JSON_TYPES: Readonly<Record<ValueType, string>> = {
  text: `'text'`,
  timestamp: `'text'`,
  date: `'text'`,
  number: `'integer', 'real'`,
  boolean: `'true', 'false'`,
  textList: `'array'`,
};

const COLUMN_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'text',
  integer: 'integer',
  real: 'real',
  // SQLite has no boolean or JSON type: booleans are 0/1 integers, JSON is text.
  boolean: 'integer',
  json: 'text',
  timestamp: 'text',
  date: 'text',
};

const BOOLEAN_CODEC: ColumnCodec = {
  encode: (value) => (value === true ? 1 : value === false ? 0 : value),
  decode: (value) => value !== 0,
};
const JSON_CODEC: ColumnCodec = {
  encode: (value) => JSON.stringify(value),
  // Empty objects and lists are the most common JSON values of a CRM row (no custom fields, no tags);
  // skipping the parser for them is measurably faster on point reads.
  decode: (value) => (value === '{}' ? {} : value === '[]' ? [] : JSON.parse(value as string)),
};
const PLAIN_CODEC: ColumnCodec = {};

/**
 * SQLite's primitives for `@rapport/sql`: `json_extract` paths guarded by `json_type`, `json_each` for
 * list membership, a registered JavaScript function for Unicode case folding (SQLite's `lower()` folds
 * ASCII only), the default BINARY collation for code-point order, `instr`/`substr` instead of LIKE,
 * booleans as 0/1 and JSON as text. Needs a connection with {@link FOLD_FUNCTION} registered, which
 * `sqliteAdapter` does.
 *
 * @example
 * ```ts
 * const store = createSqlStore({ name: 'sqlite', capabilities, dialect: sqliteDialect, driver });
 * // A custom field condition compiles to:
 * // (case when json_type("people"."custom", '$."tier"') in ('text') then json_extract("people"."custom", '$."tier"') end) = ?
 * ```
 */
export const sqliteDialect: SqlDialect = {
  engine: 'sqlite',
  kysely: {
    createAdapter: () => new SqliteAdapter(),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  },

  jsonValue(json, path, type) {
    const jsonPath = jsonPathText(path, sqliteJsonPath(path));
    return sql`(case when json_type(${json}, ${jsonPath}) in (${sql.raw(JSON_TYPES[type])}) then json_extract(${json}, ${jsonPath}) end)`;
  },
  listHas(list, value) {
    // Elements that are not strings never match, so `1` is not `'1'`.
    return sql<SqlBool>`exists (select 1 from json_each(${list}) as rapport_element where rapport_element.type = 'text' and rapport_element.value = ${value})`;
  },
  listIsEmpty(list) {
    return sql<SqlBool>`json_array_length(${list}) = 0`;
  },
  listHasExpression(list, value) {
    // json_each reads a plain JSON string as a one-element list, so the list must be an array first.
    return sql<SqlBool>`(json_type(${list}) = 'array' and exists (select 1 from json_each(${list}) as rapport_link where rapport_link.type = 'text' and rapport_link.value = ${value}))`;
  },

  fold: (text) => sql`${sql.raw(FOLD_FUNCTION)}(${text})`,
  // Columns are created without a collation, so comparisons already use BINARY: UTF-8 byte order, which is
  // code-point order.
  binaryText: (text) => text,
  contains: (text, needle) => sql<SqlBool>`instr(${text}, ${needle}) > 0`,
  startsWith: (text, prefix) => sql<SqlBool>`substr(${text}, 1, length(${prefix})) = ${prefix}`,
  // When the suffix is longer than the text, substr returns fewer characters than the suffix has, so the
  // comparison is false without a length check.
  endsWith: (text, suffix) =>
    sql<SqlBool>`substr(${text}, length(${text}) - length(${suffix}) + 1) = ${suffix}`,

  columnCodec: (type) => (type === 'boolean' ? BOOLEAN_CODEC : type === 'json' ? JSON_CODEC : PLAIN_CODEC),
  scalarParameter: (type: ValueType, value: Scalar) => (type === 'boolean' ? (value ? 1 : 0) : value),

  columnType: (type) => COLUMN_TYPES[type],
  // No index serves json_each membership: list links read the tenant's related rows.
  listIndex: () => undefined,
  claimLock: 'singleWriter',
  addColumnNotNull: 'check',
  listTables: {
    sql: `select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`,
    parameters: [],
  },

  classifyError: classifySqliteError,
};
