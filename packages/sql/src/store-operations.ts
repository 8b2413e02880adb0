import type {
  CountArgs,
  DeleteArgs,
  FindByIdArgs,
  FindManyArgs,
  InsertArgs,
  Row,
  StorageWriter,
  UpdateArgs,
} from '@rapport/core';
import { sql } from 'kysely';
import { compileCondition } from './compile-condition';
import { applyOrder } from './compile-order';
import { COPY_MIN_ROWS, copyOf } from './copy-rows';
import type { SqlCompiler } from './create-sql-compiler';
import { toStatement } from './create-sql-compiler';
import type { InsertPlan, UpdatePlan } from './hot-statements';
import { bindInsert } from './hot-statements';
import { isPromise } from './maybe-promise';
import { orderSelfReferences } from './order-self-references';
import type { SqlDialect } from './sql-dialect';
import type { SqlConnection } from './sql-driver';
import { misuse, storageError } from './storage-errors';
import type { Binder } from './table-codec';
import type { TableRuntime } from './table-runtime';
import { translateError } from './translate-error';

/** What the operations of a store share: the dialect, the compiler and the tables it knows. */
export interface StoreContext {
  readonly dialect: SqlDialect;
  readonly db: SqlCompiler;
  /** The runtime of `table`; throws STORAGE_ERROR for a table no migration passed to `migrate` created. */
  runtime(table: string): TableRuntime;
}

// One savepoint makes an insert of several statements all-or-nothing even when the caller goes on with the
// transaction; an insert of one statement is atomic by itself.
const SAVEPOINT = { sql: 'savepoint rapport_insert', parameters: [] };
const RELEASE = { sql: 'release savepoint rapport_insert', parameters: [] };
const ROLLBACK_TO = { sql: 'rollback to savepoint rapport_insert', parameters: [] };

// Rows per multi-row insert: measured on SQLite, 10 already halves the time of row-by-row inserts and
// gains flatten past 50. Parameters stay well under SQLite's 32766 and Postgres' 65535 limits.
const BATCH_ROWS = 50;
const MAX_PARAMETERS = 30_000;

/**
 * The reads and writes of a store, run on `connection`. `assertUsable` runs first in every call and
 * throws MISUSE when the store is closed or the transaction handle has settled. Argument errors follow
 * core's memory adapter: MISUSE for a call that can never work, STORAGE_ERROR for what an engine refuses.
 *
 * @example
 * ```ts
 * const tx = createStoreOperations(context, connection, () => assertActive());
 * await tx.insert({ table: 'tags', rows });
 * ```
 */
export function createStoreOperations(
  context: StoreContext,
  connection: SqlConnection,
  assertUsable: () => void,
): StorageWriter {
  const { dialect, db } = context;

  // Not async: the point read is the hottest path, and a synchronous driver answers without a promise, so
  // only the returned one is created.
  function findById(args: FindByIdArgs): Promise<Row | undefined> {
    let runtime: TableRuntime | undefined;
    try {
      assertUsable();
      const { tenantId, id } = args;
      requireText(tenantId, 'tenantId');
      requireText(id, 'id');
      runtime = context.runtime(args.table);
      const found = connection.queryFirst({
        sql: runtime.hot.findById(),
        parameters: [tenantId, id],
        prepare: true,
      });
      if (isPromise(found))
        return found.then(runtime.codec.decodeOptional, (error: unknown) =>
          Promise.reject(readError(error, runtime)),
        );
      return Promise.resolve(found === undefined ? undefined : runtime.codec.decodeRow(found));
    } catch (error) {
      return Promise.reject(readError(error, runtime));
    }
  }

  async function findMany({ table, tenantId, where, orderBy, limit }: FindManyArgs): Promise<Row[]> {
    assertUsable();
    requireText(tenantId, 'tenantId');
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
      throw readError(error, runtime);
    }
  }

  async function count({ table, tenantId, where }: CountArgs): Promise<number> {
    assertUsable();
    requireText(tenantId, 'tenantId');
    const runtime = context.runtime(table);
    let query = db
      .selectFrom(table)
      .select(sql<number>`count(*)`.as('count'))
      .where('tenant_id', '=', tenantId);
    if (where !== undefined) query = query.where(compileCondition(runtime.scope, where));
    try {
      return countOf(await settled(connection.queryFirst(toStatement(query.compile()))));
    } catch (error) {
      throw readError(error, runtime);
    }
  }

  async function insert({ table, rows }: InsertArgs): Promise<void> {
    assertUsable();
    if (!Array.isArray(rows)) throw misuse('insert takes { table, rows }, with rows an array.');
    const runtime = context.runtime(table);
    const first = rows[0] as Row | undefined;
    if (first === undefined) return;
    // Rows share their columns (the contract says so), so checking the first for unknown ones is enough.
    for (const column of Object.keys(first)) if (first[column] !== undefined) runtime.codec.binderOf(column);
    if (connection.copyRows !== undefined && rows.length >= COPY_MIN_ROWS) {
      // One COPY is one statement: all or nothing by itself, with references checked once all rows are in,
      // so it needs neither the savepoint nor the ordering of a multi-statement insert.
      try {
        await settled(connection.copyRows(copyOf(runtime, rows)));
      } catch (error) {
        throw translateError(error, dialect, { operation: 'insert', table: runtime.def });
      }
      return;
    }
    const batch = batchRows(runtime.columnNames.length);
    // A call of one batch is one statement, so the engine checks its references once all rows are in, as
    // the contract says; a longer call runs as several, so rows referencing rows of the call go after them.
    const ordered = rows.length > batch ? orderSelfReferences(runtime.def, rows) : rows;
    const atomic = rows.length > batch;
    try {
      if (atomic) await settled(connection.execute(SAVEPOINT));
      // Multi-row inserts: far fewer round trips into the engine than one statement per row.
      const next =
        ordered.length >= batch ? await insertWith(runtime.hot.insert(batch), ordered, 0, connection) : 0;
      if (next < ordered.length)
        await insertWith(runtime.hot.insert(ordered.length - next), ordered, next, connection);
      if (atomic) await settled(connection.execute(RELEASE));
    } catch (error) {
      if (atomic) await undoInsert(connection);
      throw translateError(error, dialect, { operation: 'insert', table: runtime.def });
    }
  }

  async function update({ table, tenantId, id, expectedVersion, values }: UpdateArgs): Promise<number> {
    assertUsable();
    requireText(tenantId, 'tenantId');
    requireText(id, 'id');
    if (typeof values !== 'object' || values === null)
      throw storageError(`Update values of '${table}' must be an object.`);
    const runtime = context.runtime(table);
    const versioned = expectedVersion !== undefined;
    const columns = updatedColumns(values, tenantId);
    try {
      if (columns.length === 0) {
        // Nothing to set: report whether the row is there (at that version), as an update would.
        const probe = {
          sql: runtime.hot.probe(versioned),
          parameters: versioned ? [tenantId, id, expectedVersion] : [tenantId, id],
          prepare: true,
        };
        return countOf(await settled(connection.queryFirst(probe)));
      }
      const plan = runtime.hot.update(columns, versioned);
      return await settled(
        connection.execute({
          sql: plan.sql,
          parameters: bindUpdate(plan, values, tenantId, id, expectedVersion),
          prepare: true,
        }),
      );
    } catch (error) {
      throw translateError(error, dialect, {
        operation: 'update',
        table: runtime.def,
        // A foreign key fails on update either because the row points somewhere new that does not exist, or
        // because it changed a key other rows point at.
        foreignKey: setsOwnForeignKey(runtime, columns) ? 'INVALID_REFERENCE' : 'REFERENCED',
      });
    }
  }

  async function deleteRows({ table, tenantId, where }: DeleteArgs): Promise<number> {
    assertUsable();
    requireText(tenantId, 'tenantId');
    if (where === undefined)
      throw misuse(
        "delete needs a where; pass { kind: 'and', conditions: [] } to delete every row of the tenant.",
      );
    const runtime = context.runtime(table);
    const query = db
      .deleteFrom(table)
      .where('tenant_id', '=', tenantId)
      .where(compileCondition(runtime.scope, where));
    try {
      return await settled(connection.execute(toStatement(query.compile())));
    } catch (error) {
      throw translateError(error, dialect, { operation: 'delete', table: runtime.def });
    }
  }

  function readError(error: unknown, runtime: TableRuntime | undefined) {
    return translateError(
      error,
      dialect,
      runtime === undefined ? { operation: 'read' } : { operation: 'read', table: runtime.def },
    );
  }

  return { findById, findMany, count, insert, update, delete: deleteRows };
}

/**
 * Runs `plan` over `rows` from `start` while whole groups of `plan.rows` remain; returns the first row not
 * inserted. One parameter array and one statement serve every group: the driver binds before it returns.
 */
async function insertWith(
  plan: InsertPlan,
  rows: readonly Row[],
  start: number,
  connection: SqlConnection,
): Promise<number> {
  const parameters: unknown[] = new Array(plan.rows * plan.columns.length);
  const statement = { sql: plan.sql, parameters, prepare: true };
  let next = start;
  for (; next + plan.rows <= rows.length; next += plan.rows) {
    bindInsert(plan, rows, next, parameters);
    const result = connection.execute(statement);
    if (isPromise(result)) await result;
  }
  return next;
}

/** The columns an update sets: undefined values are left out, and `tenant_id` may only restate the tenant. */
function updatedColumns(values: Row, tenantId: string): string[] {
  const columns: string[] = [];
  for (const column of Object.keys(values)) {
    const value = values[column];
    if (value === undefined) continue;
    if (column === 'tenant_id') {
      if (value !== tenantId)
        throw misuse(
          'An update cannot move a row to another tenant: insert a copy under the other tenant instead.',
        );
      continue;
    }
    columns.push(column);
  }
  return columns;
}

function bindUpdate(
  plan: UpdatePlan,
  values: Row,
  tenantId: string,
  id: string,
  expectedVersion: number | undefined,
): unknown[] {
  const { columns, binders } = plan;
  const width = columns.length;
  const parameters: unknown[] = new Array(width + (plan.versioned ? 3 : 2));
  for (let i = 0; i < width; i++) parameters[i] = (binders[i] as Binder)(values[columns[i] as string]);
  parameters[width] = tenantId;
  parameters[width + 1] = id;
  if (plan.versioned) parameters[width + 2] = expectedVersion;
  return parameters;
}

function setsOwnForeignKey(runtime: TableRuntime, columns: readonly string[]): boolean {
  return runtime.def.foreignKeys.some((foreignKey) =>
    foreignKey.columns.some((column) => column !== 'tenant_id' && columns.includes(column)),
  );
}

function batchRows(width: number): number {
  return Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / width)));
}

async function undoInsert(connection: SqlConnection): Promise<void> {
  try {
    await settled(connection.execute(ROLLBACK_TO));
    await settled(connection.execute(RELEASE));
  } catch {
    // The engine already ended the transaction (it does on some fatal errors); the caller rolls back.
  }
}

async function settled<T>(value: T | Promise<T>): Promise<T> {
  return isPromise(value) ? await value : value;
}

function countOf(row: Row | undefined): number {
  return Number(row?.count ?? 0);
}

function requireText(value: unknown, name: string): void {
  if (typeof value !== 'string') throw misuse(`${name} must be a string, not ${String(value)}.`);
}

function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0)
    throw misuse(`limit must be a non-negative integer, not ${String(limit)}.`);
  return limit;
}
