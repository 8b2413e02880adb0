import type { RawAccessor } from '@rapport/core';
import { orderByPrimaryKey } from './compile-order';
import { toStatement } from './create-sql-compiler';
import { isPromise } from './maybe-promise';
import { INTERNAL_TABLES } from './migrations-table';
import type { SqlDriver } from './sql-driver';
import type { StoreContext } from './store-operations';
import { translateError } from './translate-error';

/**
 * The raw accessor of a SQL store, for tests: every row of a table across tenants, decoded and ordered by
 * primary key, and the names of the tables (Rapport's own bookkeeping tables left out).
 *
 * @example
 * ```ts
 * const raw = createRawAccessor(context, driver, assertOpen);
 * await raw.rows('tags'); // [{ tenant_id: 't1', id: '...', name: 'vip', version: 1 }]
 * ```
 */
export function createRawAccessor(
  context: StoreContext,
  driver: SqlDriver,
  assertUsable: () => void,
): RawAccessor {
  const { dialect, db } = context;
  return {
    async rows(table) {
      assertUsable();
      const runtime = context.runtime(table);
      const query = orderByPrimaryKey(
        db.selectFrom(table).select(runtime.columnNames),
        runtime.scope,
        runtime.def.primaryKey,
      );
      try {
        const found = driver.query(toStatement(query.compile()));
        const rows = isPromise(found) ? await found : found;
        return rows.map(runtime.codec.decodeRow);
      } catch (error) {
        throw translateError(error, dialect, { operation: 'read', table: runtime.def });
      }
    },
    async tables() {
      assertUsable();
      try {
        const rows = await driver.query(dialect.listTables);
        const names = rows.map((row) => String(row.name)).filter((name) => !INTERNAL_TABLES.has(name));
        return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (error) {
        throw translateError(error, dialect, { operation: 'read' });
      }
    },
  };
}
