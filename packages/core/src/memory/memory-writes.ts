import type { DeleteArgs, InsertArgs, UpdateArgs } from '../storage/adapter';
import { compileCondition } from '../storage/evaluate-condition';
import type { Row } from '../storage/schema';
import { checkQueryColumns } from './condition-columns';
import { duplicate, invalidReference, misuse, referenced, storageError } from './memory-errors';
import { findStoredById, memoryRelatedRows } from './memory-reads';
import type { MemoryStore } from './memory-store';
import { requireTenantId } from './memory-store';
import { encodeInsertRow, encodePatch } from './row-codec';
import type { TableStore } from './table-store';
import type { UndoLog } from './undo-log';

/**
 * Inserts rows as one statement: every primary key and unique index is checked row by row, foreign keys
 * once all rows are in (as SQL checks them at the end of a statement). On any error the statement's
 * writes are undone before it throws.
 *
 * @example
 * ```ts
 * insertRows(store, log, { table: 'tags', rows: [{ tenant_id: 't1', id, name: 'vip', version: 1 }] });
 * ```
 */
export function insertRows(store: MemoryStore, log: UndoLog, args: InsertArgs): void {
  const table = store.requireTable(args?.table);
  if (!Array.isArray(args.rows)) throw misuse('insert takes { table, rows }, with rows an array.');
  const rows = args.rows.map((row) => encodeInsertRow(table, row));
  inStatement(log, () => {
    for (const row of rows) {
      const tenantId = row.tenant_id as string;
      const key = table.keyOf(row);
      if (table.has(tenantId, key)) throw duplicate(table.name, table.primaryKey);
      for (const index of table.uniqueIndexes) {
        if (index.conflictFor(row) !== undefined) throw duplicate(table.name, index.columns);
      }
      log.write(table, tenantId, key, row);
    }
    for (const row of rows) requireReferencesResolve(table, row);
  });
}

/**
 * Updates one row by id, if its version is the expected one, as one statement. Returns 1 or 0.
 *
 * @example
 * ```ts
 * const changed = updateRow(store, log, { table: 'tags', tenantId: 't1', id, expectedVersion: 1, values: { name: 'VIP', version: 2 } });
 * ```
 */
export function updateRow(store: MemoryStore, log: UndoLog, args: UpdateArgs): number {
  const table = store.requireTable(args?.table);
  const tenantId = requireTenantId(args.tenantId);
  if (typeof args.id !== 'string') throw misuse(`id must be a string, not ${String(args.id)}.`);
  const patch = encodePatch(table, args.values);
  if (patch.tenant_id !== undefined && patch.tenant_id !== tenantId) {
    throw misuse(
      'An update cannot move a row to another tenant: insert a copy under the other tenant instead.',
    );
  }
  if (args.expectedVersion !== undefined && table.column('version') === undefined) {
    throw storageError(`Table '${table.name}' has no column 'version' to check an expected version against.`);
  }
  const current = findStoredById(store, table, tenantId, args.id, 'live');
  if (current === undefined) return 0;
  if (args.expectedVersion !== undefined && current.version !== args.expectedVersion) return 0;
  const next: Row = { ...current, ...patch };
  inStatement(log, () => replaceRow(table, log, tenantId, current, next));
  return 1;
}

/**
 * Deletes the rows of one tenant that match, as one statement, and returns how many. A row still
 * referenced once all of them are gone makes the statement throw REFERENCED and delete nothing.
 *
 * @example
 * ```ts
 * const removed = deleteRows(store, log, { table: 'tags', tenantId: 't1', where });
 * ```
 */
export function deleteRows(store: MemoryStore, log: UndoLog, args: DeleteArgs): number {
  const table = store.requireTable(args?.table);
  const tenantId = requireTenantId(args.tenantId);
  if (args.where === undefined) {
    throw misuse(
      "delete needs a where; pass { kind: 'and', conditions: [] } to delete every row of the tenant.",
    );
  }
  checkQueryColumns(store, table, args.where);
  const matches = compileCondition(args.where, memoryRelatedRows(store, 'live'));
  const doomed = [...table.rowsInOrder(tenantId)].filter(matches);
  inStatement(log, () => {
    for (const row of doomed) log.write(table, tenantId, table.keyOf(row), undefined);
    for (const row of doomed) {
      for (const link of table.incoming) if (link.isReferenced(row)) throw referenced(table.name, link);
    }
  });
  return doomed.length;
}

function replaceRow(table: TableStore, log: UndoLog, tenantId: string, current: Row, next: Row): void {
  const oldKey = table.keyOf(current);
  const newKey = table.keyOf(next);
  if (newKey !== oldKey && table.has(tenantId, newKey)) throw duplicate(table.name, table.primaryKey);
  for (const index of table.uniqueIndexes) {
    if (index.conflictFor(next, current) !== undefined) throw duplicate(table.name, index.columns);
  }
  if (newKey !== oldKey) log.write(table, tenantId, oldKey, undefined);
  log.write(table, tenantId, newKey, next);
  requireReferencesResolve(table, next);
  for (const link of table.incoming) {
    // Changing a key that other rows point at would leave them dangling, as deleting the row would.
    if (link.target.keyOf(current) !== link.target.keyOf(next) && link.isReferenced(current)) {
      throw referenced(table.name, link);
    }
  }
}

function requireReferencesResolve(table: TableStore, row: Row): void {
  for (const link of table.outgoing) if (!link.resolves(row)) throw invalidReference(link);
}

/** Runs one statement: on error, undoes its writes (and only its writes) before rethrowing. */
function inStatement(log: UndoLog, statement: () => void): void {
  const mark = log.mark();
  try {
    statement();
  } catch (error) {
    log.rollbackTo(mark);
    throw error;
  }
}
