import { columnIn } from '../records/conditions';
import { prefetchRelated } from '../segments/related-prefetch';
import { relationTree } from '../segments/relation-tree';
import type { StorageWriter } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import { compileCondition } from '../storage/evaluate-condition';
import { createRelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';
import type { Breakpoints } from './breakpoints';
import type { CustomerEntity, CustomerKind } from './customer-kinds';
import type { CustomerValueConfig } from './customer-value-config';
import type { RawValues } from './raw-values';
import { readRawValues } from './raw-values';
import { rfmColumns } from './rfm-columns';
import type { ResolvedTier } from './tier-filters';
import type { ValueColumns } from './value-columns';
import { changedValueColumns, computedAtColumn, valueColumnsOf } from './value-columns';

/** A customer whose tier changed: what `customer.tierChanged` reports. */
export interface TierChange {
  readonly entity: CustomerEntity;
  readonly id: string;
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * Locks customers' rows by stamping them, in id order, before their orders are read. An order write does,
 * so that of two concurrent orders of one customer the second counts both: its reads wait for the first
 * to commit (under READ COMMITTED each statement then sees it). Returns how many ids it was given.
 *
 * @example
 * ```ts
 * await lockCustomers(tx, tenantId, customerKinds.person, new Set([annId]), at);
 * ```
 */
export async function lockCustomers(
  tx: StorageWriter,
  tenantId: string,
  kind: CustomerKind,
  ids: Iterable<string>,
  at: string,
): Promise<number> {
  // Sorted, so two writers that lock the same customers lock them in the same order.
  const sorted = [...new Set(ids)].sort();
  for (const id of sorted)
    await tx.update({ table: kind.table, tenantId, id, values: { [computedAtColumn]: at } });
  return sorted.length;
}

/** What one recomputation works with: the tenant's configuration, its breakpoints, tiers and calendar. */
export interface RecomputeScope {
  readonly tx: StorageWriter;
  readonly tenantId: string;
  readonly config: Pick<CustomerValueConfig, 'orderTypes' | 'currency'>;
  readonly breakpoints: Breakpoints | null;
  readonly tiers: readonly ResolvedTier[];
  readonly timeZone: string;
  /** The instant of the write: stamped on every customer written. */
  readonly at: string;
}

/** How to recompute a set of customers. */
export interface RecomputeArgs {
  readonly kind: CustomerKind;
  readonly ids: readonly string[];
  /** Write the columns that changed; when false, only find out which customers would change. */
  readonly write: boolean;
}

/** What a recomputation found. */
export interface Recomputed {
  /** The customers whose value columns changed (or would). */
  readonly changed: readonly string[];
  readonly tierChanges: readonly TierChange[];
}

const rowsPerRead = 500;

async function readCustomers(
  scope: RecomputeScope,
  kind: CustomerKind,
  ids: readonly string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < ids.length; start += rowsPerRead) {
    const where = columnIn('id', ids.slice(start, start + rowsPerRead));
    rows.push(...(await scope.tx.findMany({ table: kind.table, tenantId: scope.tenantId, where })));
  }
  return rows;
}

/** The first tier whose filter holds for each row (rows already carry their new RFM columns). */
async function tiersOf(scope: RecomputeScope, rows: readonly Row[]): Promise<(string | null)[]> {
  const tiers = scope.tiers.filter(
    (tier): tier is ResolvedTier & { condition: Condition } => tier.condition !== undefined,
  );
  if (tiers.length === 0 || rows.length === 0) return rows.map(() => null);
  // The rows the tier filters reach from these customers, read once in the caller's transaction.
  const tree = relationTree(tiers.map((tier) => tier.condition));
  const fetched = await prefetchRelated({
    reader: scope.tx,
    tenantId: scope.tenantId,
    tree,
    outerRows: rows,
  });
  const relatedRows = createRelatedRows((table) => fetched.get(table) ?? []);
  const tests = tiers.map((tier) => ({
    key: tier.key,
    holds: compileCondition(tier.condition, relatedRows),
  }));
  return rows.map((row) => tests.find((test) => test.holds(row))?.key ?? null);
}

/**
 * Recomputes the customer value of some customers of one kind, inside the caller's transaction: reads
 * their counting orders, scores them against the stored breakpoints, finds their tier in memory, and
 * writes the columns that changed. Ids that match no row are skipped.
 *
 * @example
 * ```ts
 * const { tierChanges } = await recomputeCustomers(scope, { kind: customerKinds.person, ids: [annId], write: true });
 * ```
 */
export async function recomputeCustomers(scope: RecomputeScope, args: RecomputeArgs): Promise<Recomputed> {
  const { tx, tenantId, at } = scope;
  const { kind } = args;
  const ids = [...new Set(args.ids)];
  const rows = await readCustomers(scope, kind, ids);
  const raw: Map<string, RawValues> = await readRawValues(
    tx,
    tenantId,
    kind,
    rows.map((row) => row.id as string),
    scope.config,
  );
  const scored = rows.map((row) => ({
    ...row,
    ...rfmColumns(raw.get(row.id as string), scope.breakpoints, scope.timeZone),
  }));
  const tiers = await tiersOf(scope, scored);
  const changed: string[] = [];
  const tierChanges: TierChange[] = [];
  for (const [index, row] of rows.entries()) {
    const before = valueColumnsOf(row);
    const after: ValueColumns = { ...valueColumnsOf(scored[index] as Row), value_tier: tiers[index] ?? null };
    const changes = changedValueColumns(before, after);
    if (Object.keys(changes).length === 0) continue;
    const id = row.id as string;
    changed.push(id);
    if (before.value_tier !== after.value_tier)
      tierChanges.push({ entity: kind.entity, id, before: before.value_tier, after: after.value_tier });
    if (args.write)
      await tx.update({ table: kind.table, tenantId, id, values: { ...changes, [computedAtColumn]: at } });
  }
  return { changed, tierChanges };
}
