import { RapportError } from '../errors/rapport-error';
import { compareCodePoints } from './compare-text';
import { compileValueTest } from './compile-comparison';
import type { Condition, RelatedAggregate, RelatedCondition, ValueType } from './condition';
import { invalidFilter } from './invalid-filter';
import type { FieldValue } from './read-operand';
import { compileFieldReader } from './read-operand';
import type { RelatedRows } from './related-rows';
import { checkRelation } from './related-rows';
import type { Row } from './schema';

/** A compiled condition that may reach related rows through the source it is given. */
export type SourcedPredicate = (row: Row, relatedRows: RelatedRows | undefined) => boolean;

/** What an aggregate asks of the related rows that match: true when the condition (before `negate`) holds. */
type AggregateTest = (rows: readonly Row[]) => boolean;

/**
 * Compiles a `related` condition: the rows `relatedRows` links to the outer row, filtered by `where`
 * (compiled with `compileWhere`, so it may hold related conditions itself), then aggregated and compared.
 * The result is two-valued, and `negate` is its complement. Aggregates follow the IR's null rules: count
 * and sum of no rows are 0; avg, min and max of no rows (or only nulls) are null, which only `ne` matches.
 *
 * @example
 * ```ts
 * const hasBigOrders = compileRelated(condition, compileTree);
 * hasBigOrders(person, relatedRows);
 * ```
 */
export function compileRelated(
  condition: RelatedCondition,
  compileWhere: (where: Condition) => SourcedPredicate,
): SourcedPredicate {
  const { relation, negate } = condition;
  checkRelation(relation);
  if (typeof negate !== 'boolean') throw invalidFilter('A related condition needs negate: true or false.');
  const where = condition.where === undefined ? undefined : compileWhere(condition.where);
  const linkedRows = (row: Row, relatedRows: RelatedRows | undefined): readonly Row[] => {
    if (relatedRows === undefined) throw missingSource();
    return relatedRows(relation, row);
  };
  if (condition.aggregate?.fn === 'exists') {
    if (where === undefined) return (row, relatedRows) => linkedRows(row, relatedRows).length > 0 !== negate;
    return (row, relatedRows) =>
      linkedRows(row, relatedRows).some((related) => where(related, relatedRows)) !== negate;
  }
  const holds = compileAggregate(condition.aggregate);
  return (row, relatedRows) => {
    const linked = linkedRows(row, relatedRows);
    const matching = where === undefined ? linked : linked.filter((related) => where(related, relatedRows));
    return holds(matching) !== negate;
  };
}

/**
 * The error for a related condition evaluated without a source of related rows.
 *
 * @example
 * ```ts
 * if (relatedRows === undefined) throw missingSource();
 * ```
 */
export function missingSource(): RapportError {
  return new RapportError(
    'MISUSE',
    'This condition holds a related condition, which reads rows of another table: pass a RelatedRows source (see createRelatedRows) to compileCondition or evaluateCondition.',
  );
}

function compileAggregate(aggregate: RelatedAggregate): AggregateTest {
  switch (aggregate?.fn) {
    case 'count': {
      const test = compileValueTest(aggregate.op, requireNumber(aggregate.value, 'count'), 'number');
      return (rows) => test(rows.length);
    }
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return compileFieldAggregate(aggregate);
    default:
      throw invalidFilter(
        `Unknown related aggregate '${String((aggregate as { fn?: unknown } | undefined)?.fn)}'; use exists, count, sum, avg, min or max.`,
        { aggregate },
      );
  }
}

type FieldAggregate = Extract<RelatedAggregate, { fn: 'sum' | 'avg' | 'min' | 'max' }>;

const fieldTypes: Readonly<Record<FieldAggregate['fn'], readonly ValueType[]>> = {
  sum: ['number'],
  avg: ['number'],
  min: ['number', 'date', 'timestamp'],
  max: ['number', 'date', 'timestamp'],
};

function compileFieldAggregate(aggregate: FieldAggregate): AggregateTest {
  const { fn, field, op, value } = aggregate;
  if (!fieldTypes[fn].includes(field?.type)) {
    throw invalidFilter(`${fn} applies to ${fieldTypes[fn].join(', ')} fields, not ${String(field?.type)}.`, {
      aggregate,
    });
  }
  const kind = field.type === 'number' ? 'number' : 'string';
  if (kind === 'number') requireNumber(value, fn);
  else if (typeof value !== 'string')
    throw invalidFilter(`${fn} of a ${field.type} field compares with text, not ${JSON.stringify(value)}.`);
  const read = compileFieldReader(field);
  const test = compileValueTest(op, value, kind);
  const reduce = reducer(fn, kind);
  return (rows) => {
    const values: FieldValue[] = [];
    for (const row of rows) {
      const stored = read(row);
      if (stored !== null) values.push(stored);
    }
    return test(reduce(values));
  };
}

function reducer(
  fn: FieldAggregate['fn'],
  kind: 'number' | 'string',
): (values: readonly FieldValue[]) => FieldValue | null {
  switch (fn) {
    case 'sum':
      return (values) => sumOf(values as readonly number[]);
    case 'avg':
      return (values) => (values.length === 0 ? null : sumOf(values as readonly number[]) / values.length);
    case 'min':
      return (values) => extreme(values, kind, -1);
    case 'max':
      return (values) => extreme(values, kind, 1);
  }
}

function sumOf(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** The least (`sign` -1) or greatest (`sign` 1) value, numbers numerically and text by code point. */
function extreme(values: readonly FieldValue[], kind: 'number' | 'string', sign: 1 | -1): FieldValue | null {
  let best: FieldValue | null = null;
  for (const value of values) {
    if (best === null) best = value;
    else {
      const order =
        kind === 'number'
          ? (value as number) - (best as number)
          : compareCodePoints(value as string, best as string);
      if (order * sign > 0) best = value;
    }
  }
  return best;
}

function requireNumber(value: unknown, fn: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidFilter(`${fn} compares with a finite number, not ${JSON.stringify(value)}.`, { value });
  }
  return value;
}
