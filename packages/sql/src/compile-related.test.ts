import { sqliteDialect } from '@rapport/adapter-sqlite';
import type { ColumnDef, Condition, RelatedCondition, Relation } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition';
import type { CompileScope } from './compile-scope';
import { createSqlCompiler } from './create-sql-compiler';
import { peopleTable } from './sql-test-tables';

const columnsOf = (columns: readonly ColumnDef[]) => new Map(columns.map((column) => [column.name, column]));
const text = (name: string): ColumnDef => ({ name, type: 'text', nullable: true });
const tables = new Map([
  ['people', columnsOf(peopleTable.columns)],
  [
    'orders',
    columnsOf([
      text('tenant_id'),
      text('id'),
      text('person_id'),
      { name: 'total', type: 'integer', nullable: true },
    ]),
  ],
  [
    'activities',
    columnsOf([text('tenant_id'), text('id'), { name: 'person_ids', type: 'json', nullable: true }]),
  ],
]);
const tableColumns = (name: string) => {
  const columns = tables.get(name);
  if (columns === undefined) throw new Error(`no table ${name}`);
  return columns;
};
const db = createSqlCompiler(sqliteDialect);
const scope: CompileScope = {
  dialect: sqliteDialect,
  table: 'people',
  columns: tableColumns('people'),
  tableColumns,
};
const whereOf = (condition: Condition, inScope: CompileScope = scope) => {
  const { sql, parameters } = db
    .selectFrom('people')
    .select('id')
    .where(compileCondition(inScope, condition))
    .compile();
  return { where: sql.slice(sql.indexOf(' where ') + 7), parameters };
};

const ordersOf: Relation = { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' };
const selfRelation: Relation = {
  table: 'people',
  link: 'column',
  foreignColumn: 'company_id',
  localColumn: 'id',
};
const exists = (relation: Relation, where?: Condition, negate = false): RelatedCondition => ({
  kind: 'related',
  relation,
  aggregate: { fn: 'exists' },
  negate,
  ...(where === undefined ? {} : { where }),
});

describe('compileCondition on related conditions', () => {
  it('compiles exists to a subquery tied to the outer tenant and link, which an index on (tenant_id, fk) serves', () => {
    expect(whereOf(exists(ordersOf)).where).toBe(
      'exists (select 1 from "orders" as "rapport_related_1" where "rapport_related_1"."tenant_id" = "people"."tenant_id" and "rapport_related_1"."person_id" = "people"."id")',
    );
  });

  it('aliases each nesting level apart, so a table related to itself names two rows', () => {
    const { where } = whereOf(exists(selfRelation, exists(selfRelation)));
    expect(where).toContain('from "people" as "rapport_related_1"');
    expect(where).toContain('"rapport_related_1"."company_id" = "people"."id"');
    expect(where).toContain('from "people" as "rapport_related_2"');
    expect(where).toContain('"rapport_related_2"."company_id" = "rapport_related_1"."id"');
  });

  it('binds aggregate values and compares numbers as double precision', () => {
    const { where, parameters } = whereOf({
      kind: 'related',
      relation: ordersOf,
      aggregate: {
        fn: 'sum',
        field: { operand: { kind: 'column', column: 'total' }, type: 'number' },
        op: 'gt',
        value: 500,
      },
      negate: false,
    });
    expect(where).toContain('cast((select coalesce(sum("rapport_related_1"."total"), 0) from "orders"');
    expect(where.endsWith('as double precision) > ?')).toBe(true);
    expect(parameters).toEqual([500]);
  });

  it('keeps avg, min and max two-valued: a null aggregate matches ne only', () => {
    const avg = (op: 'ne' | 'lt'): Condition => ({
      kind: 'related',
      relation: ordersOf,
      aggregate: {
        fn: 'avg',
        field: { operand: { kind: 'column', column: 'total' }, type: 'number' },
        op,
        value: 1,
      },
      negate: false,
    });
    expect(whereOf(avg('ne')).where).toMatch(/^coalesce\(.* <> \?, 1 = 1\)$/);
    expect(whereOf(avg('lt')).where).toMatch(/^coalesce\(.* < \?, 1 = 0\)$/);
  });

  it('negates a related condition with not, as the plain complement', () => {
    expect(whereOf({ kind: 'not', condition: exists(ordersOf) }).where).toMatch(/^not \(exists \(select 1 /);
    expect(whereOf(exists(ordersOf, undefined, true)).where).toMatch(/^not \(exists \(select 1 /);
  });

  it('compiles a list link through the dialect', () => {
    const activitiesOf: Relation = {
      table: 'activities',
      link: 'list',
      foreignColumn: 'person_ids',
      localColumn: 'id',
    };
    expect(whereOf(exists(activitiesOf)).where).toContain(
      `(json_type("rapport_related_1"."person_ids") = 'array' and exists (select 1 from json_each("rapport_related_1"."person_ids") as rapport_link where rapport_link.type = 'text' and rapport_link.value = "people"."id"))`,
    );
  });

  it('refuses a related condition in a scope without other tables with INVALID_FILTER', () => {
    const { tableColumns: _, ...alone } = scope;
    expect(() => whereOf(exists(ordersOf), alone)).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER' }),
    );
  });
});

describe('compileCondition on monthDay', () => {
  it('reads substr(x, 6, 5) of a date', () => {
    const { where } = whereOf({
      kind: 'compare',
      field: {
        operand: { kind: 'jsonPath', column: 'custom', path: ['since'], part: 'monthDay' },
        type: 'date',
      },
      op: 'eq',
      value: '02-29',
      caseInsensitive: false,
    });
    expect(where).toMatch(/^substr\(\(case when json_type\("people"\."custom", .*\) end\), 6, 5\) = \?$/);
  });

  it('refuses monthDay on another type with INVALID_FILTER', () => {
    expect(() =>
      whereOf({
        kind: 'compare',
        field: { operand: { kind: 'column', column: 'name', part: 'monthDay' }, type: 'text' },
        op: 'eq',
        value: '02-29',
        caseInsensitive: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});
