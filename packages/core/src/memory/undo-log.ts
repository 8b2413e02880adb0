import type { Row } from '../storage/schema';
import type { TableStore } from './table-store';

interface UndoEntry {
  readonly table: TableStore;
  readonly tenantId: string;
  readonly key: string;
  readonly before: Row | undefined;
}

/** Per table, per tenant, per key: the row as it was when the transaction began (undefined: no row). */
type CommittedRows = Map<TableStore, Map<string, Map<string, Row | undefined>>>;

/**
 * The writes of the open transaction, in order, each with the row as it was before: undoing them backwards
 * rolls the transaction (or one failed statement) back. The same entries give a reader outside the
 * transaction the committed rows: the first entry of each key holds its committed row.
 */
export class UndoLog {
  private readonly entries: UndoEntry[] = [];
  private committed: CommittedRows | undefined;

  /** Writes `next` (or a removal, when undefined) through the log. */
  write(table: TableStore, tenantId: string, key: string, next: Row | undefined): void {
    this.entries.push({ table, tenantId, key, before: table.get(tenantId, key) });
    this.committed = undefined;
    table.apply(tenantId, key, next);
  }

  /** A point to roll back to: the start of a statement. */
  mark(): number {
    return this.entries.length;
  }

  /** Undoes every write made after `mark`, newest first. */
  rollbackTo(mark: number): void {
    if (this.entries.length > mark) this.committed = undefined;
    while (this.entries.length > mark) {
      const entry = this.entries.pop() as UndoEntry;
      entry.table.apply(entry.tenantId, entry.key, entry.before);
    }
  }

  /**
   * The committed rows of the keys this transaction wrote in one table and tenant (`undefined` for a key
   * the transaction created), or undefined when it wrote none there.
   */
  committedRows(table: TableStore, tenantId: string): ReadonlyMap<string, Row | undefined> | undefined {
    return this.committedByTable().get(table)?.get(tenantId);
  }

  /** The tenants whose rows of `table` this transaction wrote. */
  tenantsOf(table: TableStore): string[] {
    return [...(this.committedByTable().get(table)?.keys() ?? [])];
  }

  // Built only when a reader outside the transaction asks, and kept until the next write: transactions
  // that nobody reads around pay nothing for it.
  private committedByTable(): CommittedRows {
    if (this.committed !== undefined) return this.committed;
    const committed: CommittedRows = new Map();
    for (const { table, tenantId, key, before } of this.entries) {
      const tenants = committed.get(table) ?? new Map<string, Map<string, Row | undefined>>();
      committed.set(table, tenants);
      const keys = tenants.get(tenantId) ?? new Map<string, Row | undefined>();
      tenants.set(tenantId, keys);
      if (!keys.has(key)) keys.set(key, before);
    }
    this.committed = committed;
    return committed;
  }
}
