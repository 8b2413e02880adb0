import { RapportError } from '@rapport/core';
import type { TableDef } from '@rapport/core';
import type { CompiledQuery, Kysely } from 'kysely';
import { encodeValue } from './table-codec';
import type { Encoder, TableCodec } from './table-codec';

/** A cached insert of one column set: bind `encode(row[columns[i]])` at position `i`. */
export interface InsertPlan {
  readonly sql: string;
  readonly columns: readonly string[];
  readonly encoders: readonly (Encoder | undefined)[];
}

/** A cached update of one column set: the set values, then `tenant_id`, `id` and, when versioned, `version`. */
export interface UpdatePlan {
  readonly sql: string;
  readonly columns: readonly string[];
  readonly encoders: readonly (Encoder | undefined)[];
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
  findById(): string;
  insert(columns: readonly string[]): InsertPlan;
  update(columns: readonly string[], versioned: boolean): UpdatePlan;
}

// Column sets come from code, so there are few; the cap only guards against a caller generating them.
const MAX_CACHED_PLANS = 256;

/** Creates the {@link HotStatements} of `table`, compiling lazily with `db`. */
export function createHotStatements(table: TableDef, db: Kysely<any>, codec: TableCodec): HotStatements {
  const selected = table.columns.map((column) => column.name);
  let findByIdSql: string | undefined;
  const inserts = new Map<string, InsertPlan>();
  const updates = new Map<string, UpdatePlan>();

  const encodersOf = (columns: readonly string[]) => columns.map((column) => codec.encoderOf(column));
  const known = new Set(selected);
  // Checked once per column set, when its plan is compiled; a cached plan is a checked one.
  const requireColumns = (columns: readonly string[], use: string) => {
    if (columns.length === 0) throw misuse(table.name, `${use} names no column.`);
    for (const column of columns) if (!known.has(column)) throw misuse(table.name, `${use}: table ${table.name} has no column ${column}.`);
  };

  return {
    findById() {
      if (findByIdSql === undefined) requireColumns(['id'], 'findById');
      findByIdSql ??= templateSql(
        (p) => db.selectFrom(table.name).select(selected).where('tenant_id', '=', p(0)).where('id', '=', p(1)).compile(),
        2,
      );
      return findByIdSql;
    },
    insert(columns) {
      const key = columns.join(',');
      let plan = inserts.get(key);
      if (plan === undefined) {
        requireColumns(columns, 'insert');
        if (!columns.includes('tenant_id')) throw misuse(table.name, 'insert rows must carry tenant_id.');
        const sql = templateSql((p) => db.insertInto(table.name).values(Object.fromEntries(columns.map((column, i) => [column, p(i)]))).compile(), columns.length);
        plan = { sql, columns: [...columns], encoders: encodersOf(columns) };
        remember(inserts, key, plan);
      }
      return plan;
    },
    update(columns, versioned) {
      const key = `${versioned ? 'v' : '-'}${columns.join(',')}`;
      let plan = updates.get(key);
      if (plan === undefined) {
        requireColumns(columns, 'update values');
        requireColumns(versioned ? ['id', 'version'] : ['id'], 'update');
        // Moving a row to another tenant or id would defeat the tenant predicate; core never does it.
        const keyColumn = columns.find((column) => table.primaryKey.includes(column));
        if (keyColumn !== undefined) throw misuse(table.name, `update cannot set primary-key column ${keyColumn}.`);
        const count = columns.length;
        const sql = templateSql((p) => {
          let query = db
            .updateTable(table.name)
            .set(Object.fromEntries(columns.map((column, i) => [column, p(i)])))
            .where('tenant_id', '=', p(count))
            .where('id', '=', p(count + 1));
          if (versioned) query = query.where('version', '=', p(count + 2));
          return query.compile();
        }, count + (versioned ? 3 : 2));
        plan = { sql, columns: [...columns], encoders: encodersOf(columns), versioned };
        remember(updates, key, plan);
      }
      return plan;
    },
  };
}

/** Binds one row's values for an insert plan into `target`, reusing the array across rows. */
export function bindInsert(plan: InsertPlan, row: Readonly<Record<string, unknown>>, target: unknown[]): unknown[] {
  const { columns, encoders } = plan;
  for (let i = 0; i < columns.length; i++) target[i] = encodeValue(row[columns[i] as string], encoders[i]);
  return target;
}

/**
 * Compiles a statement whose every parameter is a placeholder `p(i)`, checks the compiler kept them in
 * order, and returns the SQL text to bind real values to later.
 */
function templateSql(build: (p: (i: number) => string) => CompiledQuery, count: number): string {
  const marker = (i: number) => `\u0000rapport-parameter-${i}`;
  const compiled = build(marker);
  const inOrder = compiled.parameters.length === count && compiled.parameters.every((value, i) => value === marker(i));
  if (!inOrder) throw new Error(`Internal error: compiled parameters out of order in ${compiled.sql}`);
  return compiled.sql;
}

function misuse(table: string, message: string): RapportError {
  return new RapportError('MISUSE', message, { details: { table } });
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= MAX_CACHED_PLANS) cache.clear();
  cache.set(key, value);
}
