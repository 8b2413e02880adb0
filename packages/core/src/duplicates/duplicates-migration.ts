import type { Migration } from '../storage/schema';
import { duplicateKeysTable, duplicateMergesTable, duplicateRulesTable } from './duplicate-tables';

/**
 * Migration 8: duplicates. Matching rules per tenant, the match keys of people and companies, and merges.
 * People and companies stored before it have no keys until `duplicates.reindex()` runs once per tenant.
 */
export const duplicatesMigration: Migration = {
  version: 8,
  name: 'duplicates',
  steps: [duplicateRulesTable, duplicateKeysTable, duplicateMergesTable].map((table) => ({
    kind: 'createTable' as const,
    table,
  })),
};
