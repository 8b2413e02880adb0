import type { Row, TableDef } from '@rapport/core';
import { rapportMigrations } from '@rapport/core';

/** The tables the differential tests load, in an order in which every foreign key finds its parent. */
export const datasetTables = ['members', 'companies', 'people', 'orders', 'activities'] as const;

/** One of {@link datasetTables}. */
export type DatasetTable = (typeof datasetTables)[number];

// The tables as every migration leaves them: created, then grown by `addColumn` steps.
const tableDefs = new Map<string, TableDef>();
for (const step of rapportMigrations.flatMap((migration) => migration.steps)) {
  if (step.kind === 'createTable') tableDefs.set(step.table.name, step.table);
  const grown = step.kind === 'addColumn' ? tableDefs.get(step.table) : undefined;
  if (grown !== undefined && step.kind === 'addColumn')
    tableDefs.set(step.table, { ...grown, columns: [...grown.columns, step.column] });
}

/**
 * The definition of a table of Rapport's schema.
 *
 * @example
 * ```ts
 * tableDef('people').columns.map((column) => column.name);
 * ```
 */
export function tableDef(table: string): TableDef {
  const def = tableDefs.get(table);
  if (def === undefined) throw new Error(`Rapport's schema has no table '${table}'.`);
  return def;
}

/**
 * A complete row of `table` for `tenantId`: every column the values leave out is null. A non-null column
 * left out is a mistake of the generator, reported at once rather than as a constraint error in one engine.
 *
 * @example
 * ```ts
 * completeRow('members', 'tenant-a', { id: 'm1', version: 1, name: 'Ann', role: 'rep', skills: [], active: true, ... });
 * ```
 */
export function completeRow(table: string, tenantId: string, values: Row): Row {
  const row: Row = { tenant_id: tenantId };
  for (const column of tableDef(table).columns) {
    if (column.name === 'tenant_id') continue;
    const value = values[column.name] ?? null;
    if (value === null && !column.nullable)
      throw new Error(`The generated ${table} row ${String(values.id)} has no value for ${column.name}.`);
    row[column.name] = value;
  }
  return row;
}
