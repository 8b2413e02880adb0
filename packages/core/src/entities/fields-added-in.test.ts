import { describe, expect, test } from 'vitest';
import { rapportMigrations } from '../storage/migrations';
import type { MigrationStep } from '../storage/schema';
import type { EntityDef } from './define-entity';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { fieldsAddedIn } from './fields-added-in';
import { entities } from './registry';

const allEntities = Object.values(entities) as EntityDef[];

/** The columns each table has once every migration has run, from the migration steps alone. */
function migratedColumns(): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  const steps: MigrationStep[] = rapportMigrations.flatMap((migration) => [...migration.steps]);
  for (const step of steps) {
    if (step.kind === 'createTable')
      tables.set(step.table.name, new Set(step.table.columns.map((column) => column.name)));
    if (step.kind === 'addColumn') tables.get(step.table)?.add(step.column.name);
  }
  return tables;
}

describe('fields added by a later migration', () => {
  test('every stored field of every entity has a column once all migrations ran', () => {
    const tables = migratedColumns();
    for (const entity of allEntities) {
      const columns = tables.get(entity.table);
      for (const def of Object.values(entity.allFields)) expect(columns?.has(def.column)).toBe(true);
    }
  });

  test('the foundation table leaves out a field declared since a later version, and its index', () => {
    const entity = defineEntity({
      name: 'tag',
      collection: 'tags',
      table: 'tags',
      extensible: false,
      fields: { name: field.text({ nullable: false }), colour: field.text({ since: 9 }) },
      input: {},
      indexes: [['name'], ['name', 'colour']],
    });
    expect(entity.tableDef.columns.map((column) => column.name)).not.toContain('colour');
    expect(entity.tableDef.indexes.map((index) => index.name)).toEqual(['tags_name_idx']);
    expect(entity.allFields.colour?.since).toBe(9);
  });

  test('a field added later must be nullable', () => {
    expect(() => field.text({ since: 9, nullable: false })('colour')).toThrow(/must be nullable/);
  });

  test('a version that adds no entity field adds no steps', () => {
    expect(fieldsAddedIn(1)).toEqual([]);
  });
});
