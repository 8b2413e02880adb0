import { RapportError } from '@rapport/core';
import type { CountArgs, DeleteArgs, FindByIdArgs, FindManyArgs, InsertArgs, Row, StorageWriter, UpdateArgs } from '@rapport/core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { compileCondition } from './compile-condition';
import { applyOrder } from './compile-order';
import { toStatement } from './create-sql-compiler';
import { bindInsert } from './hot-statements';
import { isPromise } from './maybe-promise';
import type { SqlConnection } from './sql-driver';
import type { SqlDialect } from './sql-dialect';
import type { TableRuntime } from './table-runtime';
import { encodeValue } from './table-codec';
import { translateError } from './translate-error';

/** What the operations of a store share: the dialect, the compiler and the tables it knows. */
export interface StoreContext {
  readonly dialect: SqlDialect;
  readonly db: Kysely<any>;
  /** The runtime of `table`; throws MISUSE for a table no migration passed to `migrate` created. */
  runtime(table: string): TableRuntime;
}

// One savepoint makes a multi-row insert all-or-nothing even when the caller goes on with the transaction.
const SAVEPOINT = { sql: 'savepoint rapport_insert', parameters: [] };
const RELEASE = { sql: 'release savepoint rapport_insert', parameters: [] };
const ROLLBACK_TO = { sql: 'rollback to savepoint rapport_insert', parameters: [] };

/**
 * The reads and writes of a store, run on `connection`. `assertUsable` runs first in every call and
 * throws MISUSE when the store is closed or the transaction handle has settled.
 *
 * @example
 * ```ts
 * const tx = createStoreOperations(context, connection, () => assertActive());
 * await tx.insert({ table: 'tags', rows });
 * ```
 */
export function createStoreOperations(context: StoreContext, connection: SqlConnection, assertUsable: () => void): StorageWriter {
  const { dialect, db } = context;

  async function findById({ table, tenantId, id }: FindByIdArgs): Promise<Row | undefined> {
    assertUsable();
    const runtime = context.runtime(table);
    const statement = { sql: runtime.hot.findById(), parameters: [tenantId, id] };
    try {
      const found = connection.queryFirst(statement);
      const row = isPromise(found) ? await found : found;
      return row === undefined ? undefined : runtime.codec.decodeRow(row);
    } catch (error) {
      throw translateError(error, dialect, { operation: 'read', table: runtime.def });
    }
  }

  async function findMany({ table, tenantId, where, orderBy, limit }: FindManyArgs): Promise<Row[]> {
    assertUsable();
    const runtime = context.runtime(table);
    let query = db.selectFrom(table).select(runtime.columnNames).where('tenant_id', '=', tenantId);
    if (where !== undefined) query = query.where(compileCondition(runtime.scope, where));
    query = applyOrder(query, runtime.scope, orderBy, runtime.def.primaryKey);
    if (limit !== undefined) query = query.limit(checkLimit(limit));
    try {
      const found = connection.query(toStatement(query.compile()));
      const rows = isPromise(found) ? await found : found;
      const { decodeRow } = runtime.codec;
      for (const row of rows) decodeRow(row);
      return rows;
    } catch (error) {
      throw translateError(error, dialect, { operation: 'read', table: runtime.def });
    }
  }

  async function count({ table, tenantId, where }: CountArgs): Promise<number> {
    assertUsable();
    const runtime = context.runtime(table);
    let query = db.selectFrom(table).select(sql<number>`count(*)`.as('count')).where('tenant_id', '=', tenantId);
    if (where !== undefined) query = query.where(compileCondition(runtime.scope, where));
    try {
      const found = connection.queryFirst(toStatement(query.compile()));
      const row = isPromise(found) ? await found : found;
      return Number(row?.['count'] ?? 0);
    } catch (error) {
      throw translateError(error, dialect, { operation: 'read', table: runtime.def });
    }
  }

  async function insert({ table, rows }: InsertArgs): Promise<void> {
    assertUsable();
    const runtime = context.runtime(table);
    const first = rows[0];
    if (first === undefined) return;
    const plan = runtime.hot.insert(Object.keys(first));
    // One parameter array and one statement for the whole call: the driver binds before it returns.
    const parameters: unknown[] = new Array(plan.columns.length);
    const statement = { sql: plan.sql, parameters };
    const atomic = rows.length > 1;
    try {
      if (atomic) await settle(connection.execute(SAVEPOINT));
      for (const row of rows) {
        bindInsert(plan, row, parameters);
        const result = connection.execute(statement);
        if (isPromise(result)) await result;
      }
      if (atomic) await settle(connection.execute(RELEASE));
    } catch (error) {
      if (atomic) await undoInsert(connection);
      throw translateError(error, dialect, { operation: 'insert', table: runtime.def });
    }
  }

  async function update({ table, tenantId, id, expectedVersion, values }: UpdateArgs): Promise<number> {
    assertUsable();
    const runtime = context.runtime(table);
    const versioned = expectedVersion !== undefined;
    const plan = runtime.hot.update(Object.keys(values), versioned);
    const { columns, encoders } = plan;
    const parameters: unknown[] = new Array(columns.length + (versioned ? 3 : 2));
    for (let i = 0; i < columns.length; i++) parameters[i] = encodeValue(values[columns[i] as string], encoders[i]);
    parameters[columns.length] = tenantId;
    parameters[columns.length + 1] = id;
    if (versioned) parameters[columns.length + 2] = expectedVersion;
    try {
      const changed = connection.execute({ sql: plan.sql, parameters });
      return isPromise(changed) ? await changed : changed;
    } catch (error) {
      throw translateError(error, dialect, { operation: 'update', table: runtime.def });
    }
  }

  async function deleteRows({ table, tenantId, where }: DeleteArgs): Promise<number> {
    assertUsable();
    const runtime = context.runtime(table);
    const query = db.deleteFrom(table).where('tenant_id', '=', tenantId).where(compileCondition(runtime.scope, where));
    try {
      const changed = connection.execute(toStatement(query.compile()));
      return isPromise(changed) ? await changed : changed;
    } catch (error) {
      throw translateError(error, dialect, { operation: 'delete', table: runtime.def });
    }
  }

  return { findById, findMany, count, insert, update, delete: deleteRows };
}

async function undoInsert(connection: SqlConnection): Promise<void> {
  try {
    await settle(connection.execute(ROLLBACK_TO));
    await settle(connection.execute(RELEASE));
  } catch {
    // The engine already ended the transaction (it does on some fatal errors); the caller rolls back.
  }
}

async function settle<T>(value: T | Promise<T>): Promise<void> {
  if (isPromise(value)) await value;
}

function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RapportError('MISUSE', `limit must be a non-negative integer, got ${String(limit)}.`);
  }
  return limit;
}
