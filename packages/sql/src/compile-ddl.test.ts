import { postgresDialect } from '@rapport/adapter-postgres';
import { sqliteDialect } from '@rapport/adapter-sqlite';
import { describe, expect, it } from 'vitest';
import { compileMigrationStep } from './compile-ddl';
import { createSqlCompiler } from './create-sql-compiler';
import { peopleTable } from './sql-test-tables';

const db = createSqlCompiler(sqliteDialect);

describe('compileMigrationStep', () => {
  it('creates a table with its key, foreign keys and indexes', () => {
    const statements = compileMigrationStep(db, sqliteDialect, { kind: 'createTable', table: peopleTable });
    expect(statements.map((statement) => statement.sql)).toEqual([
      'create table "people" ("tenant_id" text not null, "id" text not null, "name" text not null, "region" text, "age" integer, ' +
        '"active" integer, "custom" text, "company_id" text, "version" integer not null, ' +
        'constraint "people_pkey" primary key ("tenant_id", "id"), ' +
        'constraint "people_company_fk" foreign key ("tenant_id", "company_id") references "companies" ("tenant_id", "id"))',
      'create unique index "people_name_unique" on "people" ("tenant_id", "name")',
    ]);
    expect(statements.every((statement) => statement.parameters.length === 0)).toBe(true);
  });

  it('declares key columns not null whatever their definition says', () => {
    const loose = {
      ...peopleTable,
      columns: peopleTable.columns.map((column) => ({ ...column, nullable: true })),
      foreignKeys: [],
      indexes: [],
    };
    const [create] = compileMigrationStep(db, sqliteDialect, { kind: 'createTable', table: loose });
    expect(create?.sql).toContain('"tenant_id" text not null, "id" text not null, "name" text,');
  });

  it('adds a required column as a CHECK on SQLite, which tests existing rows', () => {
    expect(
      compileMigrationStep(db, sqliteDialect, {
        kind: 'addColumn',
        table: 'people',
        column: { name: 'code', type: 'text', nullable: false },
      }),
    ).toEqual([
      { sql: 'alter table "people" add column "code" text check ("code" is not null)', parameters: [] },
    ]);
  });

  it('creates a plain index', () => {
    expect(
      compileMigrationStep(db, sqliteDialect, {
        kind: 'createIndex',
        table: 'people',
        index: { name: 'people_age', columns: ['tenant_id', 'age'], unique: false },
      }),
    ).toEqual([{ sql: 'create index "people_age" on "people" ("tenant_id", "age")', parameters: [] }]);
  });

  it('creates a list index as GIN on Postgres, and nothing on SQLite, which has no such index', () => {
    const step = {
      kind: 'createIndex',
      table: 'people',
      index: { name: 'people_custom_list', columns: ['custom'], unique: false, kind: 'list' },
    } as const;
    expect(compileMigrationStep(createSqlCompiler(postgresDialect), postgresDialect, step)).toEqual([
      {
        sql: 'create index "people_custom_list" on "people" using gin ("custom" jsonb_path_ops)',
        parameters: [],
      },
    ]);
    expect(compileMigrationStep(db, sqliteDialect, step)).toEqual([]);
  });

  it('stores an opaque json column as json on Postgres, and alters one to it', () => {
    const pg = createSqlCompiler(postgresDialect);
    const table = {
      ...peopleTable,
      columns: peopleTable.columns.map((column) =>
        column.name === 'custom' ? { ...column, opaque: true } : column,
      ),
      foreignKeys: [],
      indexes: [],
    };
    const [create] = compileMigrationStep(pg, postgresDialect, { kind: 'createTable', table });
    expect(create?.sql).toContain('"custom" json,');
    const step = { kind: 'makeOpaque', table: 'people', column: 'custom' } as const;
    expect(compileMigrationStep(pg, postgresDialect, step)).toEqual([
      {
        sql: 'alter table "people" alter column "custom" type json using cast("custom" as json)',
        parameters: [],
      },
    ]);
  });

  it('changes nothing for an opaque column on SQLite, where every json column is text', () => {
    const step = { kind: 'makeOpaque', table: 'people', column: 'custom' } as const;
    expect(compileMigrationStep(db, sqliteDialect, step)).toEqual([]);
  });
});
