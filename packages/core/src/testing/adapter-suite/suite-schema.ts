import type { ColumnDef, ColumnType, Migration, Row, TableDef } from '../../storage/schema';

const column = (name: string, type: ColumnType, nullable = true): ColumnDef => ({ name, type, nullable });

/**
 * `parents`: a self-referencing table. Its composite foreign key `(tenant_id, parent_id)` points at
 * `(tenant_id, id)` of the same table, so a row can only point at a row of its own tenant.
 */
export const parentsTable: TableDef = {
  name: 'parents',
  columns: [
    column('tenant_id', 'text', false),
    column('id', 'text', false),
    column('name', 'text', false),
    column('parent_id', 'text'),
    column('version', 'integer', false),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'parents_name_unique', columns: ['tenant_id', 'name'], unique: true }],
  foreignKeys: [
    {
      name: 'parents_parent_fk',
      columns: ['tenant_id', 'parent_id'],
      references: { table: 'parents', columns: ['tenant_id', 'id'] },
    },
  ],
};

/**
 * `things`: one column of every type, an opaque json column `document`, a nullable unique `code`, and a
 * foreign key into `parents`.
 */
export const thingsTable: TableDef = {
  name: 'things',
  columns: [
    column('tenant_id', 'text', false),
    column('id', 'text', false),
    column('name', 'text'),
    column('code', 'text'),
    column('count', 'integer'),
    column('score', 'real'),
    column('active', 'boolean'),
    column('data', 'json'),
    column('tags', 'json'),
    { ...column('document', 'json'), opaque: true },
    column('happened_at', 'timestamp'),
    column('born_on', 'date'),
    column('parent_id', 'text'),
    column('version', 'integer', false),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'things_code_unique', columns: ['tenant_id', 'code'], unique: true }],
  foreignKeys: [
    {
      name: 'things_parent_fk',
      columns: ['tenant_id', 'parent_id'],
      references: { table: 'parents', columns: ['tenant_id', 'id'] },
    },
  ],
};

/** The suite's tables: version 1 creates them, version 2 adds an index and a column. */
export const suiteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'suite tables',
    steps: [
      { kind: 'createTable', table: parentsTable },
      { kind: 'createTable', table: thingsTable },
    ],
  },
  {
    version: 2,
    name: 'suite index and note column',
    steps: [
      {
        kind: 'createIndex',
        table: 'things',
        index: { name: 'things_count_idx', columns: ['tenant_id', 'count'], unique: false },
      },
      { kind: 'addColumn', table: 'things', column: column('note', 'text') },
    ],
  },
];

/** The values of a `things` row other than its keys; every one defaults to null. */
export interface ThingValues {
  readonly name?: string | null;
  readonly code?: string | null;
  readonly count?: number | null;
  readonly score?: number | null;
  readonly active?: boolean | null;
  readonly data?: unknown;
  readonly tags?: unknown;
  readonly document?: unknown;
  readonly happened_at?: string | null;
  readonly born_on?: string | null;
  readonly parent_id?: string | null;
  readonly note?: string | null;
  readonly version?: number;
}

/**
 * A complete `things` row: every column present, unset ones null, version 1.
 *
 * @example
 * ```ts
 * await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { name: 'Ann' })] });
 * ```
 */
export function thingRow(tenantId: string, id: string, values: ThingValues = {}): Row {
  return {
    tenant_id: tenantId,
    id,
    name: null,
    code: null,
    count: null,
    score: null,
    active: null,
    data: null,
    tags: null,
    document: null,
    happened_at: null,
    born_on: null,
    parent_id: null,
    note: null,
    version: 1,
    ...values,
  };
}

/**
 * A complete `parents` row, version 1.
 *
 * @example
 * ```ts
 * await tx.insert({ table: 'parents', rows: [parentRow(tenantId, 'p1', 'Root')] });
 * ```
 */
export function parentRow(tenantId: string, id: string, name: string, parentId: string | null = null): Row {
  return { tenant_id: tenantId, id, name, parent_id: parentId, version: 1 };
}
