import type { TableDef } from '@rapport/core';
import type { CompiledQuery, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { SqlCompiler } from './create-sql-compiler';
import { storageError } from './storage-errors';
import type { Binder, TableCodec } from './table-codec';

/**
 * A cached insert of `rows` rows binding every column of the table: the value of column `i` of row `r`
 * goes to position `r * binders.length + i`; a column a row leaves out binds NULL.
 */
export interface InsertPlan {
  readonly sql: string;
  readonly rows: number;
  readonly columns: readonly string[];
  readonly binders: readonly Binder[];
}

/** A cached update of one column set: the set values, then `tenant_id`, `id` and, when versioned, `version`. */
export interface UpdatePlan {
  readonly sql: string;
  readonly columns: readonly string[];
  readonly binders: readonly Binder[];
  readonly versioned: boolean;
}

/**
 * The statements on the hot paths (point read, insert, update by id), compiled by Kysely once per table
 * and column set and then reused as plain SQL text, so a call only binds values.
 *
 * @example
 * ```ts
 * const hot = createHotStatements(tagsTable, db, codec);
 * hot.findById(); // 'select "tenant_id", "id", "name" from "tags" where "tenant_id" = ? and "id" = ?'
 * ```
 */
export interface HotStatements {
  /** Selects every column of one row by `tenant_id` and `id`. */
  findById(): string;
  /** Inserts `rows` rows (a multi-row VALUES list). */
  insert(rows: number): InsertPlan;
  /** Updates `columns` of one row by `tenant_id` and `id`, and `version` when `versioned`. */
  update(columns: readonly string[], versioned: boolean): UpdatePlan;
  /** Counts the row an update with no values would touch (0 or 1), with the same conditions. */
  probe(versioned: boolean): string;
}

// Column sets come from code, so there are few; the cap only guards against a caller generating them.
const MAX_CACHED_PLANS = 256;

/** Creates the {@link HotStatements} of `table`, compiling lazily with `db`. */
export function createHotStatements(table: TableDef, db: SqlCompiler, codec: TableCodec): HotStatements {
  const columns = table.columns.map((column) => column.name);
  const binders = columns.map((column) => codec.binderOf(column));
  const known = new Set(columns);
  const cache = new Map<string, unknown>();
  const cached = <T>(key: string, build: () => T): T => {
    let value = cache.get(key) as T | undefined;
    if (value === undefined) {
      value = build();
      if (cache.size >= MAX_CACHED_PLANS) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
  // Checked when a statement is first compiled; a cached statement is a checked one.
  const requireColumn = (column: string, use: string) => {
    if (!known.has(column))
      throw storageError(`Table '${table.name}' has no column '${column}' ${use}.`, {
        table: table.name,
        column,
      });
  };
  const byKey = (p: (i: number) => string, first: number, versioned: boolean) =>
    sql<SqlBool>`${sql.ref('tenant_id')} = ${p(first)} and ${sql.ref('id')} = ${p(first + 1)}${versioned ? sql` and ${sql.ref('version')} = ${p(first + 2)}` : sql``}`;

  // The point read is the hottest path: its text lives in a variable, not behind a keyed cache lookup.
  let findByIdSql: string | undefined;

  return {
    findById: () => {
      if (findByIdSql === undefined) {
        requireColumn('id', 'to find a row by');
        findByIdSql = templateSql(
          (p) =>
            db
              .selectFrom(table.name)
              .select(columns)
              .where(byKey(p, 0, false))
              .compile(),
          2,
        );
      }
      return findByIdSql;
    },
    insert: (rows) =>
      cached(`insert:${rows}`, () => {
        const width = columns.length;
        const values = (p: (i: number) => string) =>
          Array.from({ length: rows }, (_, r) =>
            Object.fromEntries(columns.map((column, i) => [column, p(r * width + i)])),
          );
        const text = templateSql((p) => db.insertInto(table.name).values(values(p)).compile(), rows * width);
        return { sql: text, rows, columns, binders };
      }),
    update: (set, versioned) =>
      cached(`update:${versioned ? 'v' : '-'}:${set.join(',')}`, () => {
        for (const column of set) requireColumn(column, 'to update');
        requireColumn('id', 'to update a row by');
        if (versioned) requireColumn('version', 'to check an expected version against');
        const count = set.length;
        const text = templateSql(
          (p) =>
            db
              .updateTable(table.name)
              .set(Object.fromEntries(set.map((column, i) => [column, p(i)])))
              .where(byKey(p, count, versioned))
              .compile(),
          count + (versioned ? 3 : 2),
        );
        return {
          sql: text,
          columns: [...set],
          binders: set.map((column) => codec.binderOf(column)),
          versioned,
        };
      }),
    probe: (versioned) =>
      cached(`probe:${versioned ? 'v' : '-'}`, () => {
        requireColumn('id', 'to update a row by');
        if (versioned) requireColumn('version', 'to check an expected version against');
        return templateSql(
          (p) =>
            db
              .selectFrom(table.name)
              .select(sql<number>`count(*)`.as('count'))
              .where(byKey(p, 0, versioned))
              .compile(),
          versioned ? 3 : 2,
        );
      }),
  };
}

/**
 * Binds `plan.rows` rows, from `rows[start]` on, into `target`, which is reused across calls so a bulk
 * insert allocates one parameter array in all.
 */
export function bindInsert(
  plan: InsertPlan,
  rows: readonly Readonly<Record<string, unknown>>[],
  start: number,
  target: unknown[],
): unknown[] {
  const { columns, binders } = plan;
  const width = columns.length;
  for (let r = 0; r < plan.rows; r++) {
    const row = rows[start + r] as Readonly<Record<string, unknown>>;
    const offset = r * width;
    for (let i = 0; i < width; i++) target[offset + i] = (binders[i] as Binder)(row[columns[i] as string]);
  }
  return target;
}

/**
 * Compiles a statement whose every parameter is a placeholder `p(i)`, checks the compiler kept them in
 * order, and returns the SQL text to bind real values to later.
 */
function templateSql(build: (p: (i: number) => string) => CompiledQuery, count: number): string {
  const marker = (i: number) => `\u0000rapport-parameter-${i}`;
  const compiled = build(marker);
  const inOrder =
    compiled.parameters.length === count && compiled.parameters.every((value, i) => value === marker(i));
  if (!inOrder) throw new Error(`Internal error: compiled parameters out of order in ${compiled.sql}`);
  return compiled.sql;
}
