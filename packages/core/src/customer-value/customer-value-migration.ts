import type { Migration, MigrationStep } from '../storage/schema';
import { customerKinds } from './customer-kinds';
import { customerValueTable } from './customer-value-table';
import { valueColumnDefs } from './value-columns';

/**
 * Migration 5: customer value. Each person and company keeps its RFM values, scores and tier in nullable
 * columns of its own row, so filters read them as plain columns on every engine; one row per tenant keeps
 * the configuration and the quintile breakpoints.
 */
export const customerValueMigration: Migration = {
  version: 5,
  name: 'customer value',
  steps: [
    { kind: 'createTable', table: customerValueTable },
    ...Object.values(customerKinds).flatMap(({ table }) =>
      valueColumnDefs.map((column): MigrationStep => ({ kind: 'addColumn', table, column })),
    ),
  ],
};
