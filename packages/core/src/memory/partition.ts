import type { Row } from '../storage/schema';

/**
 * The rows of one tenant in one table, by primary-key map key, with their primary-key order kept cheaply:
 * ids are time-ordered UUIDv7s, so most inserts append; anything else marks the order for a re-sort on
 * the next ordered read. Deleted keys stay in the order as tombstones until it is compacted, and a key
 * inserted again reuses its slot (same key, same place), so delete-then-undo costs nothing.
 */
export class Partition {
  readonly rows = new Map<string, Row>();
  private order: string[] | null = [];
  private readonly tombstones = new Set<string>();

  constructor(private readonly compareKeys: (a: string, b: string) => number) {}

  get size(): number {
    return this.rows.size;
  }

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  set(key: string, row: Row): void {
    const isNew = !this.rows.has(key);
    this.rows.set(key, row);
    if (isNew) this.placeNewKey(key);
  }

  delete(key: string): void {
    if (!this.rows.delete(key) || this.order === null) return;
    this.tombstones.add(key);
    if (this.tombstones.size > 64 && this.tombstones.size * 2 > this.order.length) this.compact();
  }

  /** The rows in primary-key order. */
  *inOrder(): Generator<Row> {
    const order = this.ensureOrder();
    for (const key of order) {
      if (this.tombstones.size > 0 && this.tombstones.has(key)) continue;
      yield this.rows.get(key) as Row;
    }
  }

  private placeNewKey(key: string): void {
    if (this.order === null) return;
    if (this.tombstones.delete(key)) return;
    const last = this.order[this.order.length - 1];
    if (last === undefined || this.compareKeys(key, last) > 0) this.order.push(key);
    else this.order = null;
  }

  private ensureOrder(): readonly string[] {
    if (this.order === null) {
      this.order = [...this.rows.keys()].sort(this.compareKeys);
      this.tombstones.clear();
    }
    return this.order;
  }

  private compact(): void {
    const tombstones = this.tombstones;
    this.order = (this.order ?? []).filter((key) => !tombstones.has(key));
    tombstones.clear();
  }
}
