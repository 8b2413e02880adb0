import { sqliteDialect } from '@rapport/adapter-sqlite';
import { RapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { peopleTable } from './sql-test-tables';
import { translateError } from './translate-error';

// Errors shaped as better-sqlite3 raises them: a message and an extended result code.
const engineError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('translateError', () => {
  it('turns a unique violation into DUPLICATE with the columns the engine names', () => {
    const error = translateError(
      engineError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: people.tenant_id, people.name'),
      sqliteDialect,
      {
        operation: 'insert',
        table: peopleTable,
      },
    );
    expect(error).toMatchObject({
      code: 'DUPLICATE',
      details: { table: 'people', columns: ['tenant_id', 'name'] },
    });
  });

  it('finds the columns of a violated index the engine names only by name', () => {
    const error = translateError(
      engineError('SQLITE_CONSTRAINT_UNIQUE', "UNIQUE constraint failed: index 'people_name_unique'"),
      sqliteDialect,
      {
        operation: 'update',
        table: peopleTable,
      },
    );
    expect(error).toMatchObject({
      code: 'DUPLICATE',
      details: { table: 'people', columns: ['tenant_id', 'name'] },
    });
  });

  it('reads a foreign-key violation by what the statement did', () => {
    const failure = engineError('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed');
    expect(translateError(failure, sqliteDialect, { operation: 'insert', table: peopleTable }).code).toBe(
      'INVALID_REFERENCE',
    );
    expect(translateError(failure, sqliteDialect, { operation: 'update', table: peopleTable }).code).toBe(
      'INVALID_REFERENCE',
    );
    expect(
      translateError(failure, sqliteDialect, {
        operation: 'update',
        table: peopleTable,
        foreignKey: 'REFERENCED',
      }).code,
    ).toBe('REFERENCED');
    expect(translateError(failure, sqliteDialect, { operation: 'delete', table: peopleTable })).toMatchObject(
      { code: 'REFERENCED', details: { table: 'people' } },
    );
  });

  it('reports anything else as STORAGE_ERROR with the driver error as cause', () => {
    const failure = engineError('SQLITE_CONSTRAINT_NOTNULL', 'NOT NULL constraint failed: people.name');
    const error = translateError(failure, sqliteDialect, { operation: 'insert', table: peopleTable });
    expect(error).toMatchObject({ code: 'STORAGE_ERROR', details: { table: 'people' } });
    expect(error.cause).toBe(failure);
    expect(translateError('not even an error', sqliteDialect, { operation: 'read' }).code).toBe(
      'STORAGE_ERROR',
    );
  });

  it('passes a RapportError through unchanged', () => {
    const original = new RapportError('INVALID_FILTER', 'bad');
    expect(translateError(original, sqliteDialect, { operation: 'read' })).toBe(original);
  });
});
