import type { CountArgs, FindByIdArgs, FindManyArgs } from '../storage/adapter';
import { compileOrder } from '../storage/compare-rows';
import { compareCodePoints } from '../storage/compare-text';
import { compileCondition } from '../storage/evaluate-condition';
import type { RelatedRows } from '../storage/related-rows';
import { createRelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';
import { checkQueryColumns } from './condition-columns';
import { misuse, storageError } from './memory-errors';
import type { MemoryStore } from './memory-store';
import { requireTenantId } from './memory-store';
import { decodeRow } from './row-codec';
import type { TableStore } from './table-store';

/**
 * Which state a read sees: `live` is the open transaction's own view (its writes included); `committed`
 * is what a reader outside the transaction sees.
 */
export type ReadView = 'live' | 'committed';

/**
 * Reads one row by `(tenant_id, id)`.
 *
 * @example
 * ```ts
 * const row = readById(store, { table: 'tags', tenantId: 't1', id }, 'committed');
 * ```
 */
export function readById(store: MemoryStore, args: FindByIdArgs, view: ReadView): Row | undefined {
  const table = store.requireTable(args?.table);
  const tenantId = requireTenantId(args.tenantId);
  if (typeof args.id !== 'string') throw misuse(`id must be a string, not ${String(args.id)}.`);
  const row = findStoredById(store, table, tenantId, args.id, view);
  return row === undefined ? undefined : decodeRow(table, row);
}

/**
 * Reads the rows of one tenant that match, in order, at most `limit`. Without `orderBy`, rows come in
 * primary-key order.
 *
 * @example
 * ```ts
 * const rows = readMany(store, { table: 'tags', tenantId: 't1', where, orderBy, limit: 50 }, 'live');
 * ```
 */
export function readMany(store: MemoryStore, args: FindManyArgs, view: ReadView): Row[] {
  const table = store.requireTable(args?.table);
  const tenantId = requireTenantId(args.tenantId);
  checkQueryColumns(store, table, args.where, args.orderBy);
  const limit = requireLimit(args.limit);
  const matches =
    args.where === undefined ? undefined : compileCondition(args.where, memoryRelatedRows(store, view));
  const order =
    args.orderBy === undefined || args.orderBy.length === 0 ? undefined : compileOrder(args.orderBy);
  const found: Row[] = [];
  for (const row of storedRows(store, table, tenantId, view)) {
    // Without an ordering the first `limit` matches are the answer, so stop scanning there.
    if (order === undefined && found.length >= limit) break;
    if (matches === undefined || matches(row)) found.push(row);
  }
  if (order !== undefined) found.sort(order);
  const jsonColumns = table.jsonColumns;
  return found.slice(0, limit).map((row) => decodeRow(table, row, jsonColumns));
}

/**
 * Counts the rows of one tenant that match.
 *
 * @example
 * ```ts
 * const total = countRows(store, { table: 'tags', tenantId: 't1' }, 'committed');
 * ```
 */
export function countRows(store: MemoryStore, args: CountArgs, view: ReadView): number {
  const table = store.requireTable(args?.table);
  const tenantId = requireTenantId(args.tenantId);
  checkQueryColumns(store, table, args.where);
  if (args.where === undefined && committedOriginals(store, table, tenantId, view) === undefined) {
    return table.sizeOf(tenantId);
  }
  const matches =
    args.where === undefined ? () => true : compileCondition(args.where, memoryRelatedRows(store, view));
  let total = 0;
  for (const row of storedRows(store, table, tenantId, view)) if (matches(row)) total++;
  return total;
}

/**
 * The stored row (not a copy) with this id, as the view sees it.
 *
 * @example
 * ```ts
 * const current = findStoredById(store, table, tenantId, id, 'live');
 * ```
 */
export function findStoredById(
  store: MemoryStore,
  table: TableStore,
  tenantId: string,
  id: string,
  view: ReadView,
): Row | undefined {
  if (!table.isKeyedById) return findByScan(store, table, tenantId, id, view);
  const originals = committedOriginals(store, table, tenantId, view);
  if (originals?.has(id)) return originals.get(id);
  return table.get(tenantId, id);
}

/**
 * One tenant's stored rows in primary-key order, as the view sees them.
 *
 * @example
 * ```ts
 * for (const row of storedRows(store, table, tenantId, 'live')) visit(row);
 * ```
 */
export function storedRows(
  store: MemoryStore,
  table: TableStore,
  tenantId: string,
  view: ReadView,
): Iterable<Row> {
  const originals = committedOriginals(store, table, tenantId, view);
  if (originals === undefined) return table.rowsInOrder(tenantId);
  // The open transaction wrote some of these keys: show their committed rows instead, in key order.
  const rows: Row[] = [];
  for (const row of table.rowsInOrder(tenantId)) if (!originals.has(table.keyOf(row))) rows.push(row);
  for (const original of originals.values()) if (original !== undefined) rows.push(original);
  return rows.sort((a, b) => table.compareRows(a, b));
}

/**
 * The source of related rows for one query: the stored rows of the related table as the query's view sees
 * them (a transaction sees its own writes), indexed by the link on first use, so a related condition over
 * N outer rows reads the related table once.
 *
 * @example
 * ```ts
 * const matches = compileCondition(args.where, memoryRelatedRows(store, 'live'));
 * ```
 */
export function memoryRelatedRows(store: MemoryStore, view: ReadView): RelatedRows {
  return createRelatedRows((table, tenantId) => storedRows(store, store.requireTable(table), tenantId, view));
}

/**
 * Every committed row of a table, across tenants: tenants in code-point order, each in primary-key order.
 *
 * @example
 * ```ts
 * const rows = readAllRows(store, 'tags');
 * ```
 */
export function readAllRows(store: MemoryStore, tableName: string): Row[] {
  const table = store.requireTable(tableName);
  const tenants = new Set([...table.tenantIds(), ...(store.log?.tenantsOf(table) ?? [])]);
  const jsonColumns = table.jsonColumns;
  const rows: Row[] = [];
  for (const tenantId of [...tenants].sort(compareCodePoints)) {
    for (const row of storedRows(store, table, tenantId, 'committed'))
      rows.push(decodeRow(table, row, jsonColumns));
  }
  return rows;
}

function committedOriginals(store: MemoryStore, table: TableStore, tenantId: string, view: ReadView) {
  return view === 'committed' ? store.log?.committedRows(table, tenantId) : undefined;
}

function findByScan(
  store: MemoryStore,
  table: TableStore,
  tenantId: string,
  id: string,
  view: ReadView,
): Row | undefined {
  if (table.column('id') === undefined) {
    throw storageError(`Table '${table.name}' has no column 'id' to find a row by.`, { table: table.name });
  }
  for (const row of storedRows(store, table, tenantId, view)) if (row.id === id) return row;
  return undefined;
}

function requireLimit(limit: unknown): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(limit) || (limit as number) < 0) {
    throw misuse(`limit must be a non-negative integer, not ${String(limit)}.`);
  }
  return limit as number;
}
