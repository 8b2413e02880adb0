import type { EntityDef } from '../entities/define-entity';
import type { Row } from '../storage/schema';

/** Precomputed field ↔ column pairs of one entity, so mapping a row is one flat loop. */
export interface RowMapping {
  readonly toRow: (tenantId: string, record: Readonly<Record<string, unknown>>) => Row;
  readonly toRecord: (row: Row) => Record<string, unknown>;
  /** Maps only the given fields (an update's changed fields) to their columns. */
  readonly toColumns: (values: Readonly<Record<string, unknown>>) => Row;
}

const mappings = new WeakMap<EntityDef, RowMapping>();

function build(entity: EntityDef): RowMapping {
  const pairs = Object.entries(entity.allFields).map(([name, field]) => [name, field.column] as const);
  const columnOf = new Map(pairs);
  // Parallel arrays for the read path, which runs once per record read: an indexed loop, no iterator.
  const names = pairs.map(([name]) => name);
  const columns = pairs.map(([, column]) => column);
  // Rows and records start as copies of these and only overwrite their keys: adding ~25 keys one by one to
  // an empty object turns it into a slow dictionary-mode object (and a much larger one) in V8.
  const emptyRow: Row = Object.fromEntries([
    ['tenant_id', null],
    ...pairs.map(([, column]) => [column, null]),
  ]);
  const emptyRecord: Record<string, unknown> = Object.fromEntries(pairs.map(([name]) => [name, null]));
  return {
    toRow(tenantId, record) {
      const row: Row = { ...emptyRow };
      row.tenant_id = tenantId;
      for (const [name, column] of pairs) row[column] = record[name] ?? null;
      return row;
    },
    toRecord(row) {
      const record: Record<string, unknown> = { ...emptyRecord };
      for (let i = 0; i < names.length; i++) record[names[i] as string] = row[columns[i] as string];
      return record;
    },
    toColumns(values) {
      const row: Row = {};
      for (const [name, value] of Object.entries(values)) {
        const column = columnOf.get(name);
        if (column !== undefined) row[column] = value ?? null;
      }
      return row;
    },
  };
}

/** The row mapping of an entity, built once. */
export function rowMapping(entity: EntityDef): RowMapping {
  let mapping = mappings.get(entity);
  if (mapping === undefined) {
    mapping = build(entity);
    mappings.set(entity, mapping);
  }
  return mapping;
}
