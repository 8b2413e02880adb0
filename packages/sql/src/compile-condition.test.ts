import { sqliteDialect } from '@rapport/adapter-sqlite';
import type { Condition, FieldRef } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition';
import type { CompileScope } from './compile-scope';
import { createSqlCompiler } from './create-sql-compiler';
import { peopleTable } from './sql-test-tables';

const db = createSqlCompiler(sqliteDialect);
const scope: CompileScope = {
  dialect: sqliteDialect,
  table: 'people',
  columns: new Map(peopleTable.columns.map((column) => [column.name, column])),
};
const compile = (condition: Condition) => {
  const { sql, parameters } = db
    .selectFrom('people')
    .select('id')
    .where(compileCondition(scope, condition))
    .compile();
  return { where: sql.slice(sql.indexOf(' where ') + 7), parameters };
};
const column = (name: string, type: FieldRef['type'] = 'text'): FieldRef => ({
  operand: { kind: 'column', column: name },
  type,
});

describe('compileCondition', () => {
  it('binds every value as a parameter, never splicing it into SQL', () => {
    const hostile = "x'); drop table people; --";
    const { where, parameters } = compile({
      kind: 'or',
      conditions: [
        { kind: 'compare', field: column('name'), op: 'eq', value: hostile, caseInsensitive: false },
        { kind: 'text', field: column('region'), op: 'contains', value: hostile, caseInsensitive: true },
        {
          kind: 'compare',
          field: { operand: { kind: 'jsonPath', column: 'custom', path: [hostile] }, type: 'text' },
          op: 'eq',
          value: 'v',
          caseInsensitive: false,
        },
      ],
    });
    expect(where).not.toContain('drop');
    expect(parameters).toContain(hostile);
  });

  it('lets ne match null only where the column can hold one', () => {
    expect(
      compile({ kind: 'compare', field: column('region'), op: 'ne', value: 'North', caseInsensitive: false })
        .where,
    ).toBe('("people"."region" is null or "people"."region" <> ?)');
    expect(
      compile({ kind: 'compare', field: column('name'), op: 'ne', value: 'Ann', caseInsensitive: false })
        .where,
    ).toBe('"people"."name" <> ?');
  });

  it('folds the column in SQL and the value in JavaScript', () => {
    expect(
      compile({ kind: 'compare', field: column('name'), op: 'eq', value: 'ÉCLAIR', caseInsensitive: true }),
    ).toEqual({
      where: 'rapport_fold("people"."name") = ?',
      parameters: ['éclair'],
    });
  });

  it('pushes not down to the leaves where an exact opposite exists', () => {
    const eq = (value: string): Condition => ({
      kind: 'compare',
      field: column('region'),
      op: 'eq',
      value,
      caseInsensitive: false,
    });
    expect(
      compile({
        kind: 'not',
        condition: {
          kind: 'and',
          conditions: [eq('a'), { kind: 'null', field: column('age', 'number'), negate: false }],
        },
      }).where,
    ).toBe('(("people"."region" is null or "people"."region" <> ?) or "people"."age" is not null)');
  });

  it('negates other leaves two-valued, so a NULL reads as false before negation', () => {
    expect(
      compile({
        kind: 'not',
        condition: {
          kind: 'compare',
          field: column('age', 'number'),
          op: 'lt',
          value: 3,
          caseInsensitive: false,
        },
      }).where,
    ).toBe('("people"."age" < ?) is not true');
  });

  it('compiles the empty and and or to constants', () => {
    expect(compile({ kind: 'and', conditions: [] }).where).toBe('1 = 1');
    expect(compile({ kind: 'or', conditions: [] }).where).toBe('1 = 0');
    expect(
      compile({ kind: 'in', field: column('name'), values: [], negate: false, caseInsensitive: false }).where,
    ).toBe('1 = 0');
    expect(
      compile({ kind: 'in', field: column('name'), values: [], negate: true, caseInsensitive: false }).where,
    ).toBe('1 = 1');
  });

  it('binds booleans as the dialect stores them', () => {
    expect(
      compile({
        kind: 'compare',
        field: column('active', 'boolean'),
        op: 'eq',
        value: true,
        caseInsensitive: false,
      }).parameters,
    ).toEqual([1]);
  });

  it('reads JSON paths through the dialect, typed, a path of plain keys inline (as an index holds it)', () => {
    const { where, parameters } = compile({
      kind: 'compare',
      field: { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' },
      op: 'eq',
      value: 'gold',
      caseInsensitive: false,
    });
    expect(where).toBe(
      `(case when json_type("people"."custom", '$."tier"') in ('text') then json_extract("people"."custom", '$."tier"') end) = ?`,
    );
    expect(parameters).toEqual(['gold']);
  });

  it('binds a JSON path with any key that is not a plain name', () => {
    const { where, parameters } = compile({
      kind: 'compare',
      field: { operand: { kind: 'jsonPath', column: 'custom', path: ['tier', 'a.b c'] }, type: 'text' },
      op: 'eq',
      value: 'gold',
      caseInsensitive: false,
    });
    expect(where).toBe(
      `(case when json_type("people"."custom", ?) in ('text') then json_extract("people"."custom", ?) end) = ?`,
    );
    expect(parameters).toEqual(['$."tier"."a.b c"', '$."tier"."a.b c"', 'gold']);
  });
});
