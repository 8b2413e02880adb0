import { entities } from '../entities/registry';
import type { Migration } from './schema';
import {
  auditLogTable,
  customFieldsTable,
  outboxTable,
  settingsTable,
  uniqueValuesTable,
} from './system-tables';

/**
 * Rapport's schema migrations, in version order. Adapters apply the ones a store has not seen yet.
 * A released migration never changes; a schema change is a new version.
 *
 * @example
 * ```ts
 * await adapter.migrate({ migrations: rapportMigrations });
 * ```
 */
export const rapportMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation',
    steps: [
      ...[settingsTable, customFieldsTable, uniqueValuesTable, auditLogTable, outboxTable].map((table) => ({
        kind: 'createTable' as const,
        table,
      })),
      ...Object.values(entities).map((entity) => ({ kind: 'createTable' as const, table: entity.tableDef })),
    ],
  },
];
