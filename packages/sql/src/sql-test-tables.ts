import type { TableDef } from '@rapport/core';

// A small table the unit tests of this package compile against (not exported from the package).

/** People: nullable and non-nullable text, a number, a boolean and a JSON column. */
export const peopleTable: TableDef = {
  name: 'people',
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
    { name: 'name', type: 'text', nullable: false },
    { name: 'region', type: 'text', nullable: true },
    { name: 'age', type: 'integer', nullable: true },
    { name: 'active', type: 'boolean', nullable: true },
    { name: 'custom', type: 'json', nullable: true },
    { name: 'company_id', type: 'text', nullable: true },
    { name: 'version', type: 'integer', nullable: false },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'people_name_unique', columns: ['tenant_id', 'name'], unique: true }],
  foreignKeys: [
    {
      name: 'people_company_fk',
      columns: ['tenant_id', 'company_id'],
      references: { table: 'companies', columns: ['tenant_id', 'id'] },
    },
  ],
};
