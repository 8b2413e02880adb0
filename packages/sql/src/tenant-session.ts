import type { InsertArgs, StorageReader, StorageWriter } from '@rapport/core';
import { isPromise } from './maybe-promise';
import { createSerialQueue } from './serial-queue';
import type { SqlConnection, SqlDriver } from './sql-driver';
import type { SqlStatement } from './sql-statement';
import { misuse } from './storage-errors';
import type { StoreContext } from './store-operations';
import { createStoreOperations } from './store-operations';
import { translateError } from './translate-error';

/**
 * How a store tells the engine which tenant the current transaction works for, so that row-level
 * security policies hold every statement to that tenant, even one that forgot its tenant filter. The
 * setting must end with the transaction (`set_config(..., true)` on Postgres): pooled connections are
 * shared by every tenant.
 *
 * @example
 * ```ts
 * const session: TenantSession = {
 *   setTenant: (tenantId) => ({ sql: "select set_config('app.tenant_id', $1, true)", parameters: [tenantId] }),
 * };
 * ```
 */
export interface TenantSession {
  /** The statement that makes `tenantId` the tenant of the open transaction until it ends. */
  setTenant(tenantId: string): SqlStatement;
}

/**
 * The operations of a store on a transaction's `connection`: those of `createStoreOperations` as they are
 * without a session; with one, each call first sets its tenant on the connection when it differs from the
 * one already set. The tenant is the call's `tenantId`, or the `tenant_id` of an insert's rows, which must
 * then all share it (MISUSE otherwise: each tenant's rows go in a call of their own). Calls take turns, so
 * concurrent calls on one transaction never run a statement under another call's tenant. Bulk loads
 * (`copyRows`) are not used with a session: Postgres refuses `COPY FROM` into tables under row-level
 * security, so inserts go as multi-row INSERTs.
 *
 * @example
 * ```ts
 * const tx = createTenantOperations(context, connection, assertActive, session);
 * await tx.findMany({ table: 'tags', tenantId: 't1' }); // set_config('app.tenant_id', 't1', true), then the select
 * ```
 */
export function createTenantOperations(
  context: StoreContext,
  connection: SqlConnection,
  assertUsable: () => void,
  session: TenantSession | undefined,
): StorageWriter {
  if (session === undefined) return createStoreOperations(context, connection, assertUsable);
  const { copyRows: _bulkLoad, ...statementsOnly } = connection;
  const operations = createStoreOperations(context, statementsOnly, assertUsable);
  const turns = createSerialQueue();
  let currentTenant: string | undefined;

  // Bad arguments (a tenantId that is not a string) set nothing: the operation itself refuses them.
  const scoped =
    <A, T>(tenantOf: (args: A) => unknown, operation: (args: A) => Promise<T>) =>
    (args: A): Promise<T> =>
      turns.run(async () => {
        // Checked before the tenant is set: a settled transaction's connection may serve someone else now.
        assertUsable();
        const tenantId = tenantOf(args);
        if (typeof tenantId === 'string' && tenantId !== currentTenant) {
          await setTenant(connection, session, tenantId, context);
          currentTenant = tenantId;
        }
        return operation(args);
      });
  return {
    findById: scoped(tenantIdOf, operations.findById),
    findMany: scoped(tenantIdOf, operations.findMany),
    count: scoped(tenantIdOf, operations.count),
    insert: scoped((args: InsertArgs) => tenantOfRows(args?.rows), operations.insert),
    update: scoped(tenantIdOf, operations.update),
    delete: scoped(tenantIdOf, operations.delete),
  };
}

/**
 * The reads a store offers outside transactions: those of `createStoreOperations` on the driver without
 * a session (so a store without one pays nothing); with one, each read runs as a short transaction of
 * its own with the tenant set, since the setting lives only as long as a transaction.
 *
 * @example
 * ```ts
 * const reads = createTenantReads(context, driver, assertOpen, session);
 * await reads.count({ table: 'tags', tenantId: 't1' }); // begin, set_config, select count(*), commit
 * ```
 */
export function createTenantReads(
  context: StoreContext,
  driver: SqlDriver,
  assertOpen: () => void,
  session: TenantSession | undefined,
): StorageReader {
  if (session === undefined) return createStoreOperations(context, driver, assertOpen);

  // A read accepted while the store was open runs to its end, as one outside a transaction does: close()
  // waits for it.
  const accepted = (): void => {};

  async function inTransaction<T>(read: (reader: StorageReader) => Promise<T>): Promise<T> {
    assertOpen();
    let isReadError = false;
    try {
      return await driver.transaction((connection) =>
        read(createTenantOperations(context, connection, accepted, session)).catch((error: unknown) => {
          isReadError = true;
          throw error;
        }),
      );
    } catch (error) {
      // The read's own errors are already translated; begin and commit failures are not.
      throw isReadError ? error : translateError(error, context.dialect, { operation: 'read' });
    }
  }

  return {
    findById: (args) => inTransaction((reader) => reader.findById(args)),
    findMany: (args) => inTransaction((reader) => reader.findMany(args)),
    count: (args) => inTransaction((reader) => reader.count(args)),
  };
}

/**
 * Makes `tenantId` the tenant of the transaction open on `connection`.
 *
 * @example
 * ```ts
 * await setTenant(connection, session, 't1', context); // select set_config('app.tenant_id', 't1', true)
 * ```
 */
export async function setTenant(
  connection: SqlConnection,
  session: TenantSession,
  tenantId: string,
  context: StoreContext,
): Promise<void> {
  try {
    const done = connection.execute(session.setTenant(tenantId));
    if (isPromise(done)) await done;
  } catch (error) {
    throw translateError(error, context.dialect, { operation: 'transaction' });
  }
}

function tenantIdOf(args: { readonly tenantId?: unknown } | undefined): unknown {
  return args?.tenantId;
}

/** The one tenant of an insert's rows; undefined when there are none to insert or rows is not an array. */
function tenantOfRows(rows: unknown): unknown {
  if (!Array.isArray(rows) || rows.length === 0) return undefined;
  const tenantId = (rows[0] as { tenant_id?: unknown } | undefined)?.tenant_id;
  for (let index = 1; index < rows.length; index++) {
    const other = (rows[index] as { tenant_id?: unknown } | undefined)?.tenant_id;
    if (other !== tenantId) {
      throw misuse(
        `With row-level security an insert's rows must share one tenant_id: row ${index} has ${String(other)}, row 0 has ${String(tenantId)}. Insert each tenant's rows in a call of its own.`,
        { index },
      );
    }
  }
  return tenantId;
}
