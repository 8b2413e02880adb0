import type { CompiledQuery } from 'kysely';
import { DummyDriver, Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect';
import type { SqlStatement } from './sql-statement';

/**
 * The compile-only Kysely instance of a store. Its database type is open: tables are data (TableDefs from
 * migrations), known only at run time, so no static schema can describe them.
 *
 * @example
 * ```ts
 * const db: SqlCompiler = createSqlCompiler(sqliteDialect);
 * db.selectFrom('tags').select('id').compile().sql; // 'select "id" from "tags"'
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: tables are data known only at run time (see above)
export type SqlCompiler = Kysely<any>;

/**
 * A Kysely instance that only compiles: its driver is a `DummyDriver`, so nothing it builds can run.
 * Statements come out as `{ sql, parameters }` for a {@link SqlDriver}.
 *
 * @example
 * ```ts
 * const db = createSqlCompiler(sqliteDialect);
 * const statement = toStatement(db.selectFrom('tags').select('id').where('tenant_id', '=', 't1').compile());
 * // { sql: 'select "id" from "tags" where "tenant_id" = ?', parameters: ['t1'] }
 * ```
 */
export function createSqlCompiler(dialect: SqlDialect): SqlCompiler {
  return new Kysely<Record<string, never>>({
    dialect: {
      createAdapter: () => dialect.kysely.createAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => dialect.kysely.createIntrospector(db),
      createQueryCompiler: () => dialect.kysely.createQueryCompiler(),
    },
  });
}

/** Drops Kysely's query tree from a compiled query, keeping what a driver runs. */
export function toStatement(compiled: CompiledQuery): SqlStatement {
  return { sql: compiled.sql, parameters: compiled.parameters };
}
