import type { ForeignKeyDef, Row } from '../storage/schema';
import { encodeColumns } from './row-key';
import type { KeyIndex } from './unique-index';

/**
 * A foreign key wired between two tables: it counts, per referenced key, how many child rows point at it,
 * so both "does the parent exist" (insert, update) and "is the parent referenced" (delete) are O(1).
 */
export class ForeignKeyLink {
  private readonly counts = new Map<string, number>();

  /**
   * @param childColumns the foreign key's columns, reordered to match `target.columns`
   */
  constructor(
    readonly def: ForeignKeyDef,
    readonly childTable: string,
    readonly target: KeyIndex,
    private readonly childColumns: readonly string[],
  ) {}

  /** Counts a child row in (`+1`) or out (`-1`). */
  track(child: Row, delta: 1 | -1): void {
    const key = encodeColumns(child, this.childColumns);
    if (key === null) return;
    const count = (this.counts.get(key) ?? 0) + delta;
    if (count === 0) this.counts.delete(key);
    else this.counts.set(key, count);
  }

  /** True when the child's reference resolves, or holds a null and so is not checked. */
  resolves(child: Row): boolean {
    const values = this.childColumns.map((column) => child[column]);
    if (values.some((value) => value === null || value === undefined)) return true;
    return this.target.lookup(values) !== undefined;
  }

  /** True when some child row still points at `parent`. */
  isReferenced(parent: Row): boolean {
    const key = this.target.keyOf(parent);
    return key !== null && this.counts.has(key);
  }
}
