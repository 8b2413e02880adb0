import type { Row } from '../storage/schema';

/**
 * The rows of one tenant in one table, by primary-key map key, iterable in primary-key order. A Map
 * iterates in insertion order, and ids are time-ordered UUIDv7s, so inserts almost always arrive in key
 * order and the Map itself is the ordered index. A key that arrives out of order marks the partition for
 * one re-sort (rebuilding the Map in key order) on the next ordered read.
 */
export class Partition {
  private rows = new Map<string, Row>();
  private isOrdered = true;
  /** The greatest key ever inserted: a new key above it keeps the Map in key order. */
  private maxKey: string | undefined;

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
    if (!this.rows.has(key)) this.noteNewKey(key);
    this.rows.set(key, row);
  }

  delete(key: string): void {
    this.rows.delete(key);
  }

  /** The rows in primary-key order. */
  inOrder(): IterableIterator<Row> {
    if (!this.isOrdered) this.sort();
    return this.rows.values();
  }

  private noteNewKey(key: string): void {
    if (this.maxKey === undefined || this.compareKeys(key, this.maxKey) > 0) this.maxKey = key;
    else this.isOrdered = false;
  }

  private sort(): void {
    const entries = [...this.rows].sort(([a], [b]) => this.compareKeys(a, b));
    this.rows = new Map(entries);
    this.maxKey = entries[entries.length - 1]?.[0];
    this.isOrdered = true;
  }
}
