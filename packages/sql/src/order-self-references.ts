import type { ForeignKeyDef, Row, TableDef } from '@rapport/core';

/**
 * Orders the rows of one insert so that a row comes after the rows of the same call it references
 * through a self-referencing foreign key (a member and their manager). Engines check foreign keys at the
 * end of each statement and a large insert runs as several statements, so without this a manager listed
 * after their report would be refused although the contract checks references once all rows are in.
 * Rows of a reference cycle keep their relative order. Returns `rows` itself when nothing needs moving.
 *
 * @example
 * ```ts
 * orderSelfReferences(membersTable, [{ id: 'a', manager_id: 'b' }, { id: 'b', manager_id: null }]);
 * // [{ id: 'b', ... }, { id: 'a', ... }]
 * ```
 */
export function orderSelfReferences(table: TableDef, rows: readonly Row[]): readonly Row[] {
  const selfReferences = table.foreignKeys.filter((foreignKey) => foreignKey.references.table === table.name);
  if (selfReferences.length === 0 || rows.length < 2) return rows;
  const parentsOf = parentFinder(selfReferences, rows);
  const ordered: Row[] = [];
  const state = new Map<Row, 'visiting' | 'done'>();
  for (const root of rows) {
    if (state.has(root)) continue;
    // Depth-first, parents before children, without recursion: a chain of reports can be long.
    const stack: { row: Row; parents: Row[] }[] = [{ row: root, parents: parentsOf(root) }];
    state.set(root, 'visiting');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { row: Row; parents: Row[] };
      const parent = top.parents.pop();
      if (parent === undefined) {
        stack.pop();
        state.set(top.row, 'done');
        ordered.push(top.row);
      } else if (!state.has(parent)) {
        state.set(parent, 'visiting');
        stack.push({ row: parent, parents: parentsOf(parent) });
      }
    }
  }
  return ordered;
}

/** Finds, for a row, the rows of the same call its self-references point at. */
function parentFinder(foreignKeys: readonly ForeignKeyDef[], rows: readonly Row[]): (row: Row) => Row[] {
  const indexes = foreignKeys.map((foreignKey) => {
    const byKey = new Map<string, Row>();
    for (const row of rows) {
      const key = keyOf(row, foreignKey.references.columns);
      if (key !== undefined) byKey.set(key, row);
    }
    return { columns: foreignKey.columns, byKey };
  });
  return (row) => {
    const parents: Row[] = [];
    for (const { columns, byKey } of indexes) {
      const key = keyOf(row, columns);
      const parent = key === undefined ? undefined : byKey.get(key);
      if (parent !== undefined && parent !== row) parents.push(parent);
    }
    return parents;
  };
}

// A reference with a NULL column is not checked by engines, so it orders nothing.
function keyOf(row: Row, columns: readonly string[]): string | undefined {
  const values = columns.map((column) => row[column] ?? null);
  return values.includes(null) ? undefined : JSON.stringify(values);
}
