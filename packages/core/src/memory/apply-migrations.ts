import type { MigrateResult } from '../storage/adapter';
import type { Migration, MigrationStep } from '../storage/schema';
import { addColumn, createIndex, createTable, makeOpaque } from './create-table';
import { migrationFailed, misuse } from './memory-errors';
import type { MemoryStore } from './memory-store';

/**
 * Applies the migrations the store has not seen, in ascending version order, each as one unit: when a
 * step fails, the migration's earlier steps are undone, it is not recorded, and MIGRATION_FAILED is thrown
 * (migrations applied before it in the same call stay applied).
 *
 * @example
 * ```ts
 * applyMigrations(store, rapportMigrations); // { applied: [1, 2], version: 2 }
 * ```
 */
export function applyMigrations(store: MemoryStore, migrations: readonly Migration[]): MigrateResult {
  checkVersions(migrations);
  const pending = migrations
    .filter((migration) => !store.appliedVersions.has(migration.version))
    .sort((a, b) => a.version - b.version);
  const applied: number[] = [];
  for (const migration of pending) {
    applyMigration(store, migration);
    store.appliedVersions.add(migration.version);
    applied.push(migration.version);
  }
  return { applied, version: Math.max(0, ...store.appliedVersions) };
}

function applyMigration(store: MemoryStore, migration: Migration): void {
  const undos: (() => void)[] = [];
  try {
    for (const step of migration.steps) undos.push(applyStep(store, step));
  } catch (error) {
    for (const undo of undos.reverse()) undo();
    throw migrationFailed(migration, error instanceof Error ? error.message : String(error), error);
  }
}

function applyStep(store: MemoryStore, step: MigrationStep): () => void {
  switch (step?.kind) {
    case 'createTable':
      return createTable(store, step.table);
    case 'createIndex':
      return createIndex(store, existingTable(store, step.table), step.index);
    case 'addColumn':
      return addColumn(existingTable(store, step.table), step.column);
    case 'makeOpaque':
      return makeOpaque(store, existingTable(store, step.table), step.column);
    default:
      throw new Error(`Unknown migration step '${String((step as { kind?: unknown })?.kind)}'.`);
  }
}

function existingTable(store: MemoryStore, name: string) {
  const table = store.tables.get(name);
  if (table === undefined) throw new Error(`Table '${name}' does not exist.`);
  return table;
}

function checkVersions(migrations: readonly Migration[]): void {
  if (!Array.isArray(migrations)) throw misuse('migrate takes { migrations }, an array of migrations.');
  const seen = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isSafeInteger(migration?.version) || migration.version < 1) {
      throw misuse(`Migration versions are positive integers; got ${String(migration?.version)}.`);
    }
    if (seen.has(migration.version))
      throw misuse(`Two migrations have version ${migration.version}; give each its own.`);
    seen.add(migration.version);
  }
}
