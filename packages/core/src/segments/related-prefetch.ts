import type { StorageReader } from '../storage/adapter';
import type { Condition, OrderTerm, Relation } from '../storage/condition';
import type { Row } from '../storage/schema';
import type { RelationTree } from './relation-tree';

/** Rows fetched for in-memory evaluation, by table. */
export type RowsByTable = ReadonlyMap<string, readonly Row[]>;

/** Where a prefetch starts and what it may skip. */
export interface PrefetchArgs {
  readonly reader: StorageReader;
  readonly tenantId: string;
  readonly tree: RelationTree;
  /** The records the conditions are evaluated on (before and after a change). */
  readonly outerRows: readonly Row[];
  /**
   * Rows that exist only in the view before a change (the old version of a changed row), by table: their
   * own related rows are fetched too, so the view before the change is complete.
   */
  readonly beforeOnly?: RowsByTable;
  /**
   * Ids of outer rows created in this transaction: no row of another table can point at them yet, so
   * relations from them through `id` are not fetched.
   */
  readonly freshIds?: ReadonlySet<string>;
}

const valueBatch = 500;

const isLinkValue = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

function linkCondition(relation: Relation, values: readonly (string | number)[]): Condition {
  if (relation.link === 'list') {
    return {
      kind: 'has',
      field: { operand: { kind: 'column', column: relation.foreignColumn }, type: 'textList' },
      values: values.map(String),
      mode: 'any',
    };
  }
  return {
    kind: 'in',
    field: {
      operand: { kind: 'column', column: relation.foreignColumn },
      type: typeof values[0] === 'number' ? 'number' : 'text',
    },
    values,
    negate: false,
    caseInsensitive: false,
  };
}

/**
 * The order to read linked rows in: by the link column itself. Any order would do, but without one the
 * rows come in primary key order, which SQLite without statistics serves by walking the tenant's whole
 * table in key order; ordered by the link, the link's index finds the rows and gives their order.
 */
function linkOrder(where: Condition): readonly OrderTerm[] | undefined {
  return where.kind === 'in' ? [{ field: where.field, direction: 'asc' }] : undefined;
}

// Rows of one table can be fetched through several relations: they are kept once, or an aggregate would
// count them twice. Tables without an id (segment_members) are keyed by their whole content.
const rowKey = (row: Row) => (typeof row.id === 'string' ? row.id : JSON.stringify(row));

/**
 * Fetches the related rows that conditions over `tree` read for a few outer records, level by level: the
 * rows linked to the outer rows, then the rows linked to those, one query per relation and level (in
 * batches of 500 link values). This is what evaluating saved segments for one changed record costs: only
 * the relations the segments use, only the rows of that record.
 *
 * @example
 * ```ts
 * const rows = await prefetchRelated({ reader: tx, tenantId, tree: relationTree([condition]), outerRows: [row] });
 * evaluateCondition(condition, row, createRelatedRows((table) => rows.get(table) ?? []));
 * ```
 */
export async function prefetchRelated(args: PrefetchArgs): Promise<RowsByTable> {
  const { reader, tenantId, beforeOnly, freshIds } = args;
  const fetched = new Map<string, Map<string, Row>>();
  const fetchLevel = async (tree: RelationTree, parents: readonly Row[], isTop: boolean): Promise<void> => {
    for (const { relation, children } of tree.values()) {
      const values = new Set<string | number>();
      for (const parent of parents) {
        const value = parent[relation.localColumn];
        const isFresh = isTop && relation.localColumn === 'id' && freshIds?.has(value as string) === true;
        if (isLinkValue(value) && !isFresh) values.add(value);
      }
      const rows: Row[] = [...(beforeOnly?.get(relation.table) ?? [])];
      const list = [...values];
      for (let start = 0; start < list.length; start += valueBatch) {
        const where = linkCondition(relation, list.slice(start, start + valueBatch));
        const found = await reader.findMany({
          table: relation.table,
          tenantId,
          where,
          orderBy: linkOrder(where),
        });
        let byKey = fetched.get(relation.table);
        if (byKey === undefined) {
          byKey = new Map();
          fetched.set(relation.table, byKey);
        }
        for (const row of found) byKey.set(rowKey(row), row);
        rows.push(...found);
      }
      if (children.size > 0 && rows.length > 0) await fetchLevel(children, rows, false);
    }
  };
  await fetchLevel(args.tree, args.outerRows, true);
  return new Map([...fetched].map(([table, rows]) => [table, [...rows.values()]]));
}

/**
 * How the view before a change differs from the view after it, in one table: the rows the change wrote
 * (`isAfterOnly`) are replaced by the rows it replaced or removed (`beforeOnly`).
 */
export interface RowsPatch {
  readonly table: string;
  readonly isAfterOnly: (row: Row) => boolean;
  readonly beforeOnly: readonly Row[];
}

/**
 * The rows as they were before a change, from the rows fetched after it (inside the change's transaction).
 *
 * @example
 * ```ts
 * const before = rowsBefore(after, { table: 'orders', isAfterOnly: (row) => row.id === order.id, beforeOnly: [oldOrder] });
 * ```
 */
export function rowsBefore(after: RowsByTable, patch: RowsPatch): RowsByTable {
  const patched = new Map(after);
  const kept = (after.get(patch.table) ?? []).filter((row) => !patch.isAfterOnly(row));
  patched.set(patch.table, [...kept, ...patch.beforeOnly]);
  return patched;
}
