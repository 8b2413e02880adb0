import type { ClaimArgs, Row } from '@rapport/core';
import { sql } from 'kysely';
import { compileCondition } from './compile-condition';
import { applyOrder } from './compile-order';
import { toStatement } from './create-sql-compiler';
import { isPromise } from './maybe-promise';
import type { SqlConnection } from './sql-driver';
import { misuse } from './storage-errors';
import type { StoreContext } from './store-operations';
import { translateError } from './translate-error';

/**
 * Checks the arguments of a claim before any statement runs: a bad one is a developer error.
 *
 * @example
 * ```ts
 * checkClaim({ table: 'automation_jobs', tenantId: 't1', limit: 10, set: { status: 'running' } });
 * ```
 */
export function checkClaim(args: ClaimArgs): void {
  if (typeof args?.tenantId !== 'string') throw misuse('claim takes { table, tenantId, limit, set }.');
  if (!Number.isSafeInteger(args.limit) || args.limit < 0)
    throw misuse(`claim's limit must be a non-negative integer, not ${String(args.limit)}.`);
  if (typeof args.set !== 'object' || args.set === null)
    throw misuse('claim needs set: the columns to set on every claimed row.');
  if ('tenant_id' in args.set || 'id' in args.set)
    throw misuse('claim cannot set tenant_id or id: they identify the claimed rows.');
}

/**
 * Claims rows on `connection`, which must be in a transaction of its own: one select of the matching rows
 * (on Postgres `for update skip locked`, so concurrent claims lock disjoint rows and none waits for
 * another), then one update of exactly those rows. On SQLite the transaction is `begin immediate`, the
 * single writer, so no other claim runs in between.
 *
 * @example
 * ```ts
 * const rows = await driver.transaction((connection) => claimRows(context, connection, args));
 * // select "tenant_id", "id", ... from "automation_jobs" where "tenant_id" = $1 and (...) order by ... limit $2 for update skip locked
 * // update "automation_jobs" set "status" = $1, "version" = "version" + 1 where "tenant_id" = $2 and "id" in ($3, $4)
 * ```
 */
export async function claimRows(
  context: StoreContext,
  connection: SqlConnection,
  args: ClaimArgs,
): Promise<Row[]> {
  checkClaim(args);
  if (args.limit === 0) return [];
  const { dialect, db } = context;
  const runtime = context.runtime(args.table);
  const { table, tenantId, where, orderBy, limit, set, increment = [] } = args;
  let select = db.selectFrom(table).select(runtime.columnNames).where('tenant_id', '=', tenantId);
  if (where !== undefined) select = select.where(compileCondition(runtime.scope, where));
  select = applyOrder(select, runtime.scope, orderBy, runtime.def.primaryKey).limit(limit);
  if (dialect.claimLock === 'skipLocked') select = select.forUpdate().skipLocked();
  try {
    const found = connection.query(toStatement(select.compile()));
    const rows = isPromise(found) ? await found : found;
    if (rows.length === 0) return [];
    for (const row of rows) runtime.codec.decodeRow(row);
    const values: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(set)) values[column] = runtime.codec.binderOf(column)(value);
    for (const column of increment) {
      runtime.codec.binderOf(column);
      values[column] = sql`${sql.ref(column)} + 1`;
    }
    const ids = rows.map((row) => row.id as string);
    const update = db.updateTable(table).set(values).where('tenant_id', '=', tenantId).where('id', 'in', ids);
    const done = connection.execute(toStatement(update.compile()));
    if (isPromise(done)) await done;
    // The rows were locked (or the writer was alone) from the select on: the new values follow from them.
    return rows.map((row) => {
      const claimed: Row = { ...row, ...set };
      for (const column of increment) claimed[column] = Number(row[column]) + 1;
      return claimed;
    });
  } catch (error) {
    throw translateError(error, dialect, { operation: 'update', table: runtime.def });
  }
}
