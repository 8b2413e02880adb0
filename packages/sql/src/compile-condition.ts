import type { CompareOp, Condition, FieldRef, Scalar, TextOp } from '@rapport/core';
import { foldCase } from '@rapport/core';
import type { Expression, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { compileRelated } from './compile-related';
import type { CompileScope } from './compile-scope';
import { compileOperand, invalidFilter, STRING_TYPES } from './compile-scope';
import { indexableOperand } from './indexable-operand';
import { fitsInteger, integerComparison, isIntegerColumn } from './integer-comparison';

type Bool = RawBuilder<SqlBool>;

const TRUE: Bool = sql<SqlBool>`1 = 1`;
const FALSE: Bool = sql<SqlBool>`1 = 0`;

/**
 * Compiles a {@link Condition} to a boolean SQL expression with the exact semantics documented in
 * `@rapport/core`'s condition IR. Every value is a bound parameter. The result is two-valued where it
 * matters: a NULL from a leaf counts as false, and `not` negates that two-valued result.
 *
 * @example
 * ```ts
 * compileCondition(scope, { kind: 'compare', field: { operand: { kind: 'column', column: 'region' }, type: 'text' }, op: 'ne', value: 'North', caseInsensitive: false });
 * // ("people"."region" is null or "people"."region" <> ?)  with ['North']
 * ```
 */
export function compileCondition(scope: CompileScope, condition: Condition): Bool {
  switch (condition?.kind) {
    case 'and':
      return join(
        condition.conditions.map((part) => compileCondition(scope, part)),
        'and',
        TRUE,
      );
    case 'or':
      return join(
        condition.conditions.map((part) => compileCondition(scope, part)),
        'or',
        FALSE,
      );
    case 'not': {
      const negated = negate(condition.condition);
      return negated === undefined
        ? sql<SqlBool>`(${compileCondition(scope, condition.condition)}) is not true`
        : compileCondition(scope, negated);
    }
    case 'compare':
      return compileCompare(scope, condition.field, condition.op, condition.value, condition.caseInsensitive);
    case 'in':
      return compileIn(scope, condition.field, condition.values, condition.negate, condition.caseInsensitive);
    case 'text':
      return compileText(scope, condition.field, condition.op, condition.value, condition.caseInsensitive);
    case 'empty':
      return compileEmpty(scope, condition.field, condition.negate);
    case 'null': {
      const { expression } = compileOperand(scope, condition.field);
      return condition.negate ? sql<SqlBool>`${expression} is not null` : sql<SqlBool>`${expression} is null`;
    }
    case 'has':
      return compileHas(scope, condition.field, condition.values, condition.mode);
    case 'related':
      return compileRelated(scope, condition, compileCondition);
    default:
      throw invalidFilter(
        `Unknown condition kind '${String((condition as { kind?: unknown } | undefined)?.kind)}'.`,
      );
  }
}

/**
 * The exact negation of a condition, when one exists in the IR (pushed down through `and`/`or`), so that
 * `not` compiles to plain predicates an index can serve. Undefined for leaves with no exact opposite.
 */
function negate(condition: Condition): Condition | undefined {
  switch (condition.kind) {
    case 'not':
      return condition.condition;
    case 'and':
      return { kind: 'or', conditions: condition.conditions.map(negated) };
    case 'or':
      return { kind: 'and', conditions: condition.conditions.map(negated) };
    case 'compare':
      if (condition.op === 'eq') return { ...condition, op: 'ne' };
      if (condition.op === 'ne') return { ...condition, op: 'eq' };
      return undefined;
    case 'in':
    case 'empty':
    case 'null':
    case 'related':
      return { ...condition, negate: !condition.negate };
    default:
      return undefined;
  }
}

function negated(condition: Condition): Condition {
  return { kind: 'not', condition };
}

function compileCompare(
  scope: CompileScope,
  field: FieldRef,
  op: CompareOp,
  value: Scalar,
  caseInsensitive: boolean,
): Bool {
  checkScalar(field, value);
  if (field.type === 'textList') throw invalidFilter(`A list cannot be compared with ${op}; use has.`);
  if (field.type === 'boolean' && op !== 'eq' && op !== 'ne')
    throw invalidFilter(`Booleans support only eq and ne, not ${op}.`);
  if (typeof value === 'number' && !fitsInteger(value) && isIntegerColumn(scope, field)) {
    const exact = integerComparison(op, value);
    if (typeof exact === 'object')
      return compileCompare(scope, field, exact.op, exact.value, caseInsensitive);
    if (exact === 'notNull') return sql<SqlBool>`${compileOperand(scope, field).expression} is not null`;
    return exact === 'all' ? TRUE : FALSE;
  }
  const { expression, nullable } = compileOperand(scope, field);
  const isString = STRING_TYPES.has(field.type);
  if (op === 'eq' || op === 'ne') {
    const folded = caseInsensitive && field.type === 'text';
    const left = folded ? scope.dialect.fold(expression) : indexableOperand(scope.dialect, field, expression);
    const right = folded ? foldCase(value as string) : scope.dialect.scalarParameter(field.type, value);
    if (op === 'eq') return sql<SqlBool>`${left} = ${right}`;
    // ne matches null: "region is not North" includes rows with no region.
    return nullable
      ? sql<SqlBool>`(${expression} is null or ${left} <> ${right})`
      : sql<SqlBool>`${left} <> ${right}`;
  }
  // Ordering comparisons are case-sensitive and compare text by code point.
  const left = isString ? scope.dialect.binaryText(expression) : expression;
  const right = scope.dialect.scalarParameter(field.type, value);
  switch (op) {
    case 'lt':
      return sql<SqlBool>`${left} < ${right}`;
    case 'lte':
      return sql<SqlBool>`${left} <= ${right}`;
    case 'gt':
      return sql<SqlBool>`${left} > ${right}`;
    case 'gte':
      return sql<SqlBool>`${left} >= ${right}`;
    default:
      throw invalidFilter(`Unknown comparison operator '${String(op)}'.`);
  }
}

function compileIn(
  scope: CompileScope,
  field: FieldRef,
  values: readonly Scalar[],
  isNegated: boolean,
  caseInsensitive: boolean,
): Bool {
  if (field.type === 'textList') throw invalidFilter('A list cannot be tested with in; use has.');
  for (const value of values) checkScalar(field, value);
  // No row of an integer column equals a fraction: such values are dropped (the engine would refuse them).
  const candidates = isIntegerColumn(scope, field)
    ? values.filter((value) => typeof value !== 'number' || fitsInteger(value))
    : values;
  // in [] matches nothing; notIn [] matches everything, null included.
  if (candidates.length === 0) return isNegated ? TRUE : FALSE;
  const { expression, nullable } = compileOperand(scope, field);
  const folded = caseInsensitive && field.type === 'text';
  const left = folded ? scope.dialect.fold(expression) : indexableOperand(scope.dialect, field, expression);
  const list = sql.join(
    candidates.map((value) =>
      folded ? foldCase(value as string) : scope.dialect.scalarParameter(field.type, value),
    ),
  );
  if (!isNegated) return sql<SqlBool>`${left} in (${list})`;
  return nullable
    ? sql<SqlBool>`(${expression} is null or ${left} not in (${list}))`
    : sql<SqlBool>`${left} not in (${list})`;
}

function compileText(
  scope: CompileScope,
  field: FieldRef,
  op: TextOp,
  value: string,
  caseInsensitive: boolean,
): Bool {
  if (!STRING_TYPES.has(field.type)) throw invalidFilter(`${op} applies to text, not ${field.type}.`);
  if (typeof value !== 'string') throw invalidFilter(`${op} takes a string.`);
  const { expression } = compileOperand(scope, field);
  const { dialect } = scope;
  const folded = caseInsensitive && field.type === 'text';
  const text = folded ? dialect.fold(expression) : expression;
  const needle = folded ? foldCase(value) : value;
  switch (op) {
    case 'contains':
      return toBool(dialect.contains(text, needle));
    case 'startsWith':
      return toBool(dialect.startsWith(text, needle));
    case 'endsWith':
      return toBool(dialect.endsWith(text, needle));
    default:
      throw invalidFilter(`Unknown text operator '${String(op)}'.`);
  }
}

function compileEmpty(scope: CompileScope, field: FieldRef, isNegated: boolean): Bool {
  const { expression } = compileOperand(scope, field);
  if (field.type === 'textList') {
    const isEmpty = scope.dialect.listIsEmpty(expression);
    return isNegated
      ? sql<SqlBool>`(${expression} is not null and not (${isEmpty}))`
      : sql<SqlBool>`(${expression} is null or ${isEmpty})`;
  }
  if (STRING_TYPES.has(field.type)) {
    return isNegated
      ? sql<SqlBool>`(${expression} is not null and ${expression} <> ${''})`
      : sql<SqlBool>`(${expression} is null or ${expression} = ${''})`;
  }
  // Numbers and booleans have no empty value but null.
  return isNegated ? sql<SqlBool>`${expression} is not null` : sql<SqlBool>`${expression} is null`;
}

function compileHas(
  scope: CompileScope,
  field: FieldRef,
  values: readonly string[],
  mode: 'any' | 'all',
): Bool {
  if (field.type !== 'textList') throw invalidFilter(`has applies to lists, not ${field.type}.`);
  if (values.some((value) => typeof value !== 'string')) throw invalidFilter('has takes strings.');
  if (mode !== 'any' && mode !== 'all')
    throw invalidFilter(`Unknown has mode '${String(mode)}'; use 'any' or 'all'.`);
  const { expression } = compileOperand(scope, field);
  // all of nothing holds for every non-null list; any of nothing holds for none.
  if (values.length === 0) return mode === 'all' ? sql<SqlBool>`${expression} is not null` : FALSE;
  const tests = [...new Set(values)].map((value) => toBool(scope.dialect.listHas(expression, value)));
  return join(tests, mode === 'all' ? 'and' : 'or', FALSE);
}

function checkScalar(field: FieldRef, value: Scalar): void {
  const ok =
    field.type === 'number'
      ? typeof value === 'number' && Number.isFinite(value)
      : field.type === 'boolean'
        ? typeof value === 'boolean'
        : typeof value === 'string';
  if (!ok) throw invalidFilter(`A ${field.type} field cannot be compared with ${JSON.stringify(value)}.`);
}

// Up to this many parts are joined flat; longer lists nest in halves.
const flatJoin = 8;

/**
 * Joins parts with `and` or `or`. A long flat chain parses into an expression tree as deep as it is long,
 * past SQLite's limit of 1,000 levels for a group of 1,000 conditions; nesting halves keeps the depth
 * logarithmic with the same meaning.
 */
function join(parts: readonly Bool[], operator: 'and' | 'or', ifEmpty: Bool): Bool {
  if (parts.length === 0) return ifEmpty;
  if (parts.length === 1) return parts[0] as Bool;
  if (parts.length > flatJoin) {
    const half = Math.ceil(parts.length / 2);
    return join(
      [join(parts.slice(0, half), operator, ifEmpty), join(parts.slice(half), operator, ifEmpty)],
      operator,
      ifEmpty,
    );
  }
  return sql<SqlBool>`(${sql.join(parts, operator === 'and' ? sql` and ` : sql` or `)})`;
}

function toBool(expression: Expression<SqlBool>): Bool {
  return sql<SqlBool>`${expression}`;
}
