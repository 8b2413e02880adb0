import { describe, expect, it } from 'vitest';
import { rapportMigrations } from './migrations';

describe('rapportMigrations', () => {
  it('keeps released migrations unchanged (a schema change is a new version)', () => {
    // Migration 1 is derived from the entity definitions; editing an entity must not silently rewrite it.
    expect(rapportMigrations[0]).toMatchSnapshot();
  });

  it('keeps migration 2 (custom field indexes) unchanged', () => {
    expect(rapportMigrations[1]).toMatchSnapshot();
  });

  it('keeps migration 3 (related record indexes) unchanged', () => {
    expect(rapportMigrations[2]).toMatchSnapshot();
  });

  it('keeps migration 4 (segments) unchanged', () => {
    expect(rapportMigrations[3]).toMatchSnapshot();
  });

  it('keeps migration 5 (customer value) unchanged', () => {
    expect(rapportMigrations[4]).toMatchSnapshot();
  });

  it('numbers versions from 1 without gaps', () => {
    expect(rapportMigrations.map((migration) => migration.version)).toEqual(
      rapportMigrations.map((_, index) => index + 1),
    );
  });

  it('leads every primary key and foreign key with tenant_id', () => {
    for (const migration of rapportMigrations) {
      for (const step of migration.steps) {
        if (step.kind !== 'createTable') continue;
        expect(step.table.primaryKey[0], step.table.name).toBe('tenant_id');
        for (const foreignKey of step.table.foreignKeys) {
          expect(foreignKey.columns[0], foreignKey.name).toBe('tenant_id');
          expect(foreignKey.references.columns[0], foreignKey.name).toBe('tenant_id');
        }
      }
    }
  });
});
