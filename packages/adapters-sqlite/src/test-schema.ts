import type { ColumnDef, ColumnType, Migration, Row, TableDef } from '@rapport/core';

// The small schema the adapter tests run on (not exported from the package).

const column = (name: string, type: ColumnType, nullable = true): ColumnDef => ({ name, type, nullable });

/** Companies: a unique name per tenant, and a parent company of the same table. */
export const companiesTable: TableDef = {
  name: 'companies',
  columns: [
    column('tenant_id', 'text', false),
    column('id', 'text', false),
    column('name', 'text', false),
    column('parent_id', 'text'),
    column('version', 'integer', false),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'companies_name_unique', columns: ['tenant_id', 'name'], unique: true }],
  foreignKeys: [
    {
      name: 'companies_parent_fk',
      columns: ['tenant_id', 'parent_id'],
      references: { table: 'companies', columns: ['tenant_id', 'id'] },
    },
  ],
};

/** People: one column of every type, a JSON list, custom fields, and a reference to a company. */
export const peopleTable: TableDef = {
  name: 'people',
  columns: [
    column('tenant_id', 'text', false),
    column('id', 'text', false),
    column('name', 'text'),
    column('email', 'text'),
    column('age', 'integer'),
    column('score', 'real'),
    column('active', 'boolean'),
    column('born', 'date'),
    column('seen_at', 'timestamp'),
    column('tags', 'json'),
    column('custom', 'json'),
    column('company_id', 'text'),
    column('version', 'integer', false),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'people_email_unique', columns: ['tenant_id', 'email'], unique: true }],
  foreignKeys: [
    {
      name: 'people_company_fk',
      columns: ['tenant_id', 'company_id'],
      references: { table: 'companies', columns: ['tenant_id', 'id'] },
    },
  ],
};

/** Version 1 creates both tables; version 2 adds a column and an index. */
export const testMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'people and companies',
    steps: [
      { kind: 'createTable', table: companiesTable },
      { kind: 'createTable', table: peopleTable },
    ],
  },
  {
    version: 2,
    name: 'nicknames',
    steps: [
      { kind: 'addColumn', table: 'people', column: column('nickname', 'text') },
      {
        kind: 'createIndex',
        table: 'people',
        index: { name: 'people_name_idx', columns: ['tenant_id', 'name'], unique: false },
      },
    ],
  },
];

/** A complete people row of tenant `t1` with every optional column null, overridden by `values`. */
export function person(id: string, values: Row = {}): Row {
  return {
    tenant_id: 't1',
    id,
    name: null,
    email: null,
    age: null,
    score: null,
    active: null,
    born: null,
    seen_at: null,
    tags: null,
    custom: null,
    company_id: null,
    nickname: null,
    version: 1,
    ...values,
  };
}
