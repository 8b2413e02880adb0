import type { MigrationStep } from '../storage/schema';
import type { EntityDef } from './define-entity';
import type { FieldDef } from './field-def';
import { entities } from './registry';

function addedFields(entity: EntityDef, version: number): FieldDef[] {
  return Object.values(entity.allFields).filter((def) => def.since === version);
}

/** An index is added by the newest migration among its fields, once all of them exist. */
function indexVersion(entity: EntityDef, names: readonly string[]): number {
  return Math.max(0, ...names.map((name) => entity.allFields[name]?.since ?? 0));
}

function indexSteps(entity: EntityDef, version: number): MigrationStep[] {
  return (entity.indexes ?? [])
    .filter((names) => indexVersion(entity, names) === version)
    .map((names) => {
      const columns = names.map((name) => (entity.allFields[name] as FieldDef).column);
      return {
        kind: 'createIndex',
        table: entity.table,
        index: {
          name: `${entity.table}_${columns.join('_')}_idx`,
          columns: ['tenant_id', ...columns],
          unique: false,
        },
      };
    });
}

/**
 * The steps that add the entity fields declared `since: version` to existing tables: their columns, then
 * the indexes that need them. A migration that extends built-in entities spreads these into its steps.
 *
 * @example
 * ```ts
 * // deal.ts declares  lostReasonCode: field.text({ since: 6 })
 * const salesMigration: Migration = { version: 6, name: 'sales', steps: [...fieldsAddedIn(6)] };
 * ```
 */
export function fieldsAddedIn(version: number): MigrationStep[] {
  return Object.values(entities).flatMap((entity) => [
    ...addedFields(entity as EntityDef, version).map(
      (def): MigrationStep => ({
        kind: 'addColumn',
        table: entity.table,
        column: { name: def.column, type: def.columnType, nullable: true },
      }),
    ),
    ...indexSteps(entity as EntityDef, version),
  ]);
}
