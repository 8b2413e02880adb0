import { DummyDriver, Kysely } from 'kysely';
import type { CompiledQuery } from 'kysely';
import type { SqlDialect } from './sql-dialect';
import type { SqlStatement } from './sql-statement';

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
export function createSqlCompiler(dialect: SqlDialect): Kysely<any> {
  return new Kysely<any>({
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
