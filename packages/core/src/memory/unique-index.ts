import type { IndexDef, Row } from '../storage/schema';
import { encodeColumns, encodeKey } from './row-key';

/**
 * A set of key columns that identify at most one row: the primary key or a unique index. Foreign keys
 * reference one, and the memory adapter looks rows up through it in O(1).
 */
export interface KeyIndex {
  readonly name: string;
  readonly columns: readonly string[];
  /** The encoded key of a row, or null when a key column is null. */
  keyOf(row: Row): string | null;
  /** The row holding these key values (in `columns` order), if any. */
  lookup(values: readonly unknown[]): Row | undefined;
}

/** A unique index: encoded key to the row that holds it. Rows with a null key column are not entered. */
export class UniqueIndex implements KeyIndex {
  private readonly entries = new Map<string, Row>();

  constructor(readonly def: IndexDef) {}

  get name(): string {
    return this.def.name;
  }

  get columns(): readonly string[] {
    return this.def.columns;
  }

  keyOf(row: Row): string | null {
    return encodeColumns(row, this.def.columns);
  }

  lookup(values: readonly unknown[]): Row | undefined {
    return this.entries.get(encodeKey(values));
  }

  /** The row other than `self` that already holds `row`'s key: a conflict. */
  conflictFor(row: Row, self?: Row): Row | undefined {
    const key = this.keyOf(row);
    if (key === null) return undefined;
    const holder = this.entries.get(key);
    return holder === self ? undefined : holder;
  }

  add(row: Row): void {
    const key = this.keyOf(row);
    if (key !== null) this.entries.set(key, row);
  }

  remove(row: Row): void {
    const key = this.keyOf(row);
    if (key !== null && this.entries.get(key) === row) this.entries.delete(key);
  }
}
