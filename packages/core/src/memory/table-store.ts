import { compareCodePoints } from '../storage/compare-text';
import type { ColumnDef, Row } from '../storage/schema';
import type { ForeignKeyLink } from './foreign-key-link';
import { compileKeyOrder } from './key-order';
import { Partition } from './partition';
import { encodeColumns, encodeKey } from './row-key';
import type { KeyIndex, UniqueIndex } from './unique-index';

/**
 * One table of the memory store. Rows are partitioned by tenant (every primary key leads with
 * `tenant_id` and every query names one tenant), each partition keyed by the rest of the primary key. It
 * keeps its unique indexes and the counts of its outgoing foreign keys in step with every row it stores.
 * Stored rows are never mutated (except by `addColumn`): a change replaces the row object, so an undo log
 * can hold rows as they were.
 */
export class TableStore {
  readonly columns: ColumnDef[];
  readonly uniqueIndexes: UniqueIndex[] = [];
  readonly outgoing: ForeignKeyLink[] = [];
  readonly incoming: ForeignKeyLink[] = [];
  readonly primaryKeyIndex: KeyIndex;
  private readonly byName = new Map<string, ColumnDef>();
  private readonly partitions = new Map<string, Partition>();
  private readonly restColumns: readonly string[];
  private readonly compareKeys: (a: string, b: string) => number;
  /** True when the primary key is `(tenant_id, id)`, so `findById` is a map lookup. */
  readonly isKeyedById: boolean;

  constructor(
    readonly name: string,
    columns: readonly ColumnDef[],
    readonly primaryKey: readonly string[],
  ) {
    this.columns = [...columns];
    for (const column of columns) this.byName.set(column.name, column);
    this.restColumns = primaryKey.slice(1);
    this.compareKeys = compileKeyOrder(
      this.restColumns.map((column) => this.byName.get(column) as ColumnDef),
    );
    this.isKeyedById = this.restColumns.length === 1 && this.restColumns[0] === 'id';
    this.primaryKeyIndex = {
      name: `${name}_pkey`,
      columns: primaryKey,
      keyOf: (row) => encodeColumns(row, primaryKey),
      lookup: (values) => this.get(String(values[0]), encodeKey(values.slice(1))),
    };
  }

  column(name: string): ColumnDef | undefined {
    return this.byName.get(name);
  }

  get jsonColumns(): string[] {
    return this.columns.filter((column) => column.type === 'json').map((column) => column.name);
  }

  /** The partition key of a row: its primary key without `tenant_id`. */
  keyOf(row: Row): string {
    return encodeKey(this.restColumns.map((column) => row[column]));
  }

  get(tenantId: string, key: string): Row | undefined {
    return this.partitions.get(tenantId)?.get(key);
  }

  has(tenantId: string, key: string): boolean {
    return this.partitions.get(tenantId)?.has(key) ?? false;
  }

  /** Primary-key order of two rows of one tenant. */
  compareRows(a: Row, b: Row): number {
    return this.compareKeys(this.keyOf(a), this.keyOf(b));
  }

  /** Stores `next` under `key` (or removes the row when `next` is undefined), keeping indexes in step. */
  apply(tenantId: string, key: string, next: Row | undefined): void {
    let partition = this.partitions.get(tenantId);
    const previous = partition?.get(key);
    if (previous !== undefined) this.unindex(previous);
    if (next !== undefined) {
      if (partition === undefined) {
        partition = new Partition(this.compareKeys);
        this.partitions.set(tenantId, partition);
      }
      partition.set(key, next);
      this.index(next);
    } else if (partition !== undefined && previous !== undefined) {
      partition.delete(key);
      if (partition.size === 0) this.partitions.delete(tenantId);
    }
  }

  /** One tenant's rows in primary-key order. */
  rowsInOrder(tenantId: string): Iterable<Row> {
    return this.partitions.get(tenantId)?.inOrder() ?? [];
  }

  /** How many rows one tenant has. */
  sizeOf(tenantId: string): number {
    return this.partitions.get(tenantId)?.size ?? 0;
  }

  /** The tenants that have rows here. */
  tenantIds(): string[] {
    return [...this.partitions.keys()];
  }

  /** Every row, tenants in code-point order, each in primary-key order. */
  *allRowsInOrder(): Generator<Row> {
    const tenants = this.tenantIds().sort(compareCodePoints);
    for (const tenantId of tenants) yield* this.rowsInOrder(tenantId);
  }

  /** Adds a nullable column: existing rows read null in it. Returns the undo. */
  addColumn(column: ColumnDef): () => void {
    this.columns.push(column);
    this.byName.set(column.name, column);
    for (const row of this.allRowsInOrder()) row[column.name] = null;
    return () => {
      for (const row of this.allRowsInOrder()) delete row[column.name];
      this.columns.pop();
      this.byName.delete(column.name);
    };
  }

  /** Replaces the definition of the column of the same name (its rows are kept). Returns the undo. */
  replaceColumn(column: ColumnDef): () => void {
    const position = this.columns.findIndex((candidate) => candidate.name === column.name);
    const previous = this.columns[position] as ColumnDef;
    this.columns[position] = column;
    this.byName.set(column.name, column);
    return () => {
      this.columns[position] = previous;
      this.byName.set(column.name, previous);
    };
  }

  /** Adds a unique index over the stored rows; throws the conflicting row's key when two rows share one. */
  addUniqueIndex(index: UniqueIndex): () => void {
    for (const row of this.allRowsInOrder()) {
      if (index.conflictFor(row) !== undefined) {
        throw new Error(
          `Rows of '${this.name}' already hold duplicate values of (${index.columns.join(', ')}).`,
        );
      }
      index.add(row);
    }
    this.uniqueIndexes.push(index);
    return () => {
      this.uniqueIndexes.splice(this.uniqueIndexes.indexOf(index), 1);
    };
  }

  private index(row: Row): void {
    for (const index of this.uniqueIndexes) index.add(row);
    for (const link of this.outgoing) link.track(row, 1);
  }

  private unindex(row: Row): void {
    for (const index of this.uniqueIndexes) index.remove(row);
    for (const link of this.outgoing) link.track(row, -1);
  }
}
