import type { Row } from '../storage/schema';
import type { TableStore } from './table-store';

interface UndoEntry {
  readonly table: TableStore;
  readonly tenantId: string;
  readonly key: string;
  readonly before: Row | undefined;
  /** The first write to this key in the transaction: undoing it returns the key to its committed state. */
  readonly isFirst: boolean;
}

/**
 * The writes of the open transaction, in order, with each row as it was before: undoing them backwards
 * rolls the transaction (or one failed statement) back. It also keeps, per key, the row as it was when the
 * transaction began, so a reader outside the transaction sees committed rows only.
 */
export class UndoLog {
  private readonly entries: UndoEntry[] = [];
  private readonly committed = new Map<TableStore, Map<string, Map<string, Row | undefined>>>();

  /** Writes `next` (or a removal) through the log. */
  write(table: TableStore, tenantId: string, key: string, next: Row | undefined): void {
    const before = table.get(tenantId, key);
    const originals = this.originalsFor(table, tenantId);
    const isFirst = !originals.has(key);
    if (isFirst) originals.set(key, before);
    this.entries.push({ table, tenantId, key, before, isFirst });
    table.apply(tenantId, key, next);
  }

  /** A point to roll back to: the start of a statement. */
  mark(): number {
    return this.entries.length;
  }

  /** Undoes every write made after `mark`, newest first. */
  rollbackTo(mark: number): void {
    while (this.entries.length > mark) {
      const entry = this.entries.pop() as UndoEntry;
      entry.table.apply(entry.tenantId, entry.key, entry.before);
      if (entry.isFirst) this.committed.get(entry.table)?.get(entry.tenantId)?.delete(entry.key);
    }
  }

  /**
   * The committed rows of the keys this transaction wrote in one table and tenant (`undefined` for a key
   * the transaction created), or undefined when it wrote none there.
   */
  committedRows(table: TableStore, tenantId: string): ReadonlyMap<string, Row | undefined> | undefined {
    const originals = this.committed.get(table)?.get(tenantId);
    return originals !== undefined && originals.size > 0 ? originals : undefined;
  }

  private originalsFor(table: TableStore, tenantId: string): Map<string, Row | undefined> {
    let tenants = this.committed.get(table);
    if (tenants === undefined) {
      tenants = new Map();
      this.committed.set(table, tenants);
    }
    let originals = tenants.get(tenantId);
    if (originals === undefined) {
      originals = new Map();
      tenants.set(tenantId, originals);
    }
    return originals;
  }
}
