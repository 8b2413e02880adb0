import type {
  ColumnDef,
  CompareOp,
  Condition,
  RelatedAggregate,
  RelatedCondition,
  Relation,
  ValueType,
} from '@rapport/core';
import type { Expression, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { CompileScope } from './compile-scope';
import { compileOperand, invalidFilter, jsonDocument, qualifiedColumn, requireColumn } from './compile-scope';

type Bool = RawBuilder<SqlBool>;
type FieldAggregate = Extract<RelatedAggregate, { fn: 'sum' | 'avg' | 'min' | 'max' }>;

const OPERATORS: Readonly<Record<CompareOp, string>> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

const FIELD_TYPES: Readonly<Record<FieldAggregate['fn'], readonly ValueType[]>> = {
  sum: ['number'],
  avg: ['number'],
  min: ['number', 'date', 'timestamp'],
  max: ['number', 'date', 'timestamp'],
};

/**
 * Compiles a `related` condition to a correlated subquery on the related table, restricted to the outer
 * row's tenant and linked by its relation, with the same semantics as core's reference evaluator. The
 * subquery aliases its table `rapport_related_<depth>`, so a relation from a table to itself, and related
 * conditions nested in its `where`, each name their own rows. The result is two-valued (never NULL), so
 * `not` and `negate` are plain complements.
 *
 * The link is written as `related.tenant_id = outer.tenant_id and related.fk = outer.col`, which an index on
 * `(tenant_id, fk)` serves; a `list` link uses the dialect's `listHasExpression`.
 *
 * @example
 * ```ts
 * compileRelated(scope, { kind: 'related', relation: { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' },
 *   aggregate: { fn: 'sum', field: total, op: 'gt', value: 50000 }, negate: false }, compileCondition);
 * // cast((select coalesce(sum("rapport_related_1"."total"), 0) from "orders" as "rapport_related_1"
 * //   where "rapport_related_1"."tenant_id" = "people"."tenant_id" and "rapport_related_1"."person_id" = "people"."id")
 * //   as double precision) > ?
 * ```
 */
export function compileRelated(
  scope: CompileScope,
  condition: RelatedCondition,
  compileWhere: (scope: CompileScope, where: Condition) => Bool,
): Bool {
  const { relation } = condition;
  checkRelation(relation);
  if (typeof condition.negate !== 'boolean')
    throw invalidFilter('A related condition needs negate: true or false.');
  if (scope.tableColumns === undefined)
    throw invalidFilter('This scope has no other tables, so related conditions cannot compile in it.');
  const depth = (scope.depth ?? 0) + 1;
  const inner: CompileScope = {
    dialect: scope.dialect,
    table: relation.table,
    columns: scope.tableColumns(relation.table),
    alias: `rapport_related_${depth}`,
    depth,
    tableColumns: scope.tableColumns,
  };
  const filters = [
    sql<SqlBool>`${qualifiedColumn(inner, 'tenant_id')} = ${qualifiedColumn(scope, 'tenant_id')}`,
    compileLink(scope, inner, relation),
  ];
  if (condition.where !== undefined) filters.push(compileWhere(inner, condition.where));
  const rows = sql`from ${sql.id(relation.table)} as ${sql.id(inner.alias as string)} where ${sql.join(filters, sql` and `)}`;
  const holds = compileAggregate(inner, condition.aggregate, rows);
  return condition.negate ? sql<SqlBool>`not (${holds})` : holds;
}

function checkRelation(relation: Relation): void {
  const isWellFormed =
    typeof relation === 'object' &&
    relation !== null &&
    typeof relation.table === 'string' &&
    typeof relation.foreignColumn === 'string' &&
    typeof relation.localColumn === 'string';
  if (!isWellFormed) throw invalidFilter('A relation names a table, a foreignColumn and a localColumn.');
  if (relation.link !== 'column' && relation.link !== 'list')
    throw invalidFilter(`Unknown relation link '${String(relation.link)}'; use 'column' or 'list'.`);
}

/**
 * The link between a related row and the outer row. A `column` link compares two columns of the same kind
 * (text with text, number with number), never JSON; a `list` link looks for a text column's value in a
 * JSON column. Core's memory adapter checks the same.
 */
function compileLink(outer: CompileScope, inner: CompileScope, relation: Relation): Bool {
  const local = requireColumn(outer, relation.localColumn);
  const foreign = requireColumn(inner, relation.foreignColumn);
  const fits =
    relation.link === 'column'
      ? linkKind(local) !== undefined && linkKind(local) === linkKind(foreign)
      : foreign.type === 'json' && linkKind(local) === 'text';
  if (!fits)
    throw invalidFilter(
      `A ${relation.link} link cannot join ${inner.table}.${foreign.name} (${foreign.type}) to ${outer.table}.${local.name} (${local.type}).`,
    );
  const localValue = qualifiedColumn(outer, local.name);
  return relation.link === 'column'
    ? sql<SqlBool>`${qualifiedColumn(inner, foreign.name)} = ${localValue}`
    : sql<SqlBool>`${inner.dialect.listHasExpression(jsonDocument(inner, foreign), localValue)}`;
}

function linkKind(column: ColumnDef): 'text' | 'number' | 'boolean' | undefined {
  switch (column.type) {
    case 'text':
    case 'timestamp':
    case 'date':
      return 'text';
    case 'integer':
    case 'real':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

function compileAggregate(inner: CompileScope, aggregate: RelatedAggregate, rows: RawBuilder<unknown>): Bool {
  switch (aggregate?.fn) {
    case 'exists':
      return sql<SqlBool>`exists (select 1 ${rows})`;
    case 'count':
      // Numbers compare as double precision, as JavaScript numbers do: `count > 2.5` is valid.
      return compareValue(
        sql`cast((select count(*) ${rows}) as double precision)`,
        aggregate.op,
        requireNumber(aggregate.value, 'count'),
        false,
      );
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return compileFieldAggregate(inner, aggregate, rows);
    default:
      throw invalidFilter(
        `Unknown related aggregate '${String((aggregate as { fn?: unknown } | undefined)?.fn)}'; use exists, count, sum, avg, min or max.`,
      );
  }
}

function compileFieldAggregate(
  inner: CompileScope,
  aggregate: FieldAggregate,
  rows: RawBuilder<unknown>,
): Bool {
  const { fn, field, op, value } = aggregate;
  if (!FIELD_TYPES[fn].includes(field?.type))
    throw invalidFilter(`${fn} applies to ${FIELD_TYPES[fn].join(', ')} fields, not ${String(field?.type)}.`);
  const { dialect } = inner;
  const { expression } = compileOperand(inner, field);
  if (field.type === 'number') {
    const number = requireNumber(value, fn);
    // sum of no rows is 0; avg, min and max of no rows (or only NULLs) are NULL.
    const aggregated =
      fn === 'sum'
        ? sql`cast((select coalesce(sum(${expression}), 0) ${rows}) as double precision)`
        : sql`cast((select ${sql.raw(fn)}(${expression}) ${rows}) as double precision)`;
    return compareValue(aggregated, op, number, fn !== 'sum');
  }
  if (typeof value !== 'string')
    throw invalidFilter(`${fn} of a ${field.type} field compares with text, not ${JSON.stringify(value)}.`);
  // Dates and instants are ISO text: the least and greatest by code point, as the reference orders them.
  const extreme = sql`(select ${sql.raw(fn)}(${dialect.binaryText(expression)}) ${rows})`;
  return compareValue(dialect.binaryText(extreme), op, dialect.scalarParameter(field.type, value), true);
}

/**
 * `value op parameter`, two-valued: a NULL aggregate matches `ne` only, as a null field does.
 */
function compareValue(
  value: Expression<unknown>,
  op: CompareOp,
  parameter: unknown,
  nullable: boolean,
): Bool {
  const operator = Object.hasOwn(OPERATORS, op) ? OPERATORS[op] : undefined;
  if (operator === undefined) throw invalidFilter(`Unknown comparison operator '${String(op)}'.`);
  const comparison = sql<SqlBool>`${value} ${sql.raw(operator)} ${parameter}`;
  if (!nullable) return comparison;
  return op === 'ne'
    ? sql<SqlBool>`coalesce(${comparison}, 1 = 1)`
    : sql<SqlBool>`coalesce(${comparison}, 1 = 0)`;
}

function requireNumber(value: unknown, fn: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidFilter(`${fn} compares with a finite number, not ${JSON.stringify(value)}.`);
  return value;
}
