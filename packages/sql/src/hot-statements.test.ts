import { sqliteDialect } from '@rapport/adapter-sqlite';
import { describe, expect, it } from 'vitest';
import { createSqlCompiler } from './create-sql-compiler';
import { createHotStatements } from './hot-statements';
import { peopleTable } from './sql-test-tables';
import { createTableCodec } from './table-codec';

const db = createSqlCompiler(sqliteDialect);
const hot = () => createHotStatements(peopleTable, db, createTableCodec(peopleTable, sqliteDialect));
const columns = '"tenant_id", "id", "name", "region", "age", "active", "custom", "company_id", "version"';

describe('createHotStatements', () => {
  it('compiles the point read once, with the tenant predicate', () => {
    const statements = hot();
    expect(statements.findById()).toBe(`select ${columns} from "people" where "tenant_id" = ? and "id" = ?`);
    expect(statements.findById()).toBe(statements.findById());
  });

  it('inserts every column, one row or many', () => {
    const statements = hot();
    expect(statements.insert(1).sql).toBe(
      `insert into "people" (${columns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    expect(statements.insert(3).sql.match(/\?/g)).toHaveLength(27);
    expect(statements.insert(3)).toBe(statements.insert(3));
  });

  it('updates a column set by tenant, id and version, cached per set', () => {
    const statements = hot();
    const plan = statements.update(['name', 'version'], true);
    expect(plan.sql).toBe(
      'update "people" set "name" = ?, "version" = ? where "tenant_id" = ? and "id" = ? and "version" = ?',
    );
    expect(statements.update(['name', 'version'], true)).toBe(plan);
    expect(statements.update(['name'], false).sql).toBe(
      'update "people" set "name" = ? where "tenant_id" = ? and "id" = ?',
    );
    expect(statements.probe(true)).toBe(
      'select count(*) as "count" from "people" where "tenant_id" = ? and "id" = ? and "version" = ?',
    );
  });

  it('refuses unknown columns with STORAGE_ERROR', () => {
    expect(() => hot().update(['shoe_size'], false)).toThrow(
      expect.objectContaining({ code: 'STORAGE_ERROR', details: { table: 'people', column: 'shoe_size' } }),
    );
  });
});
