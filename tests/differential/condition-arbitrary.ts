import type { CompareOp, Condition, FieldRef, RelatedAggregate, Scalar, TextOp } from '@rapport/core';
import fc from 'fast-check';
import type { Catalogue, FieldEntry, RelationEntry, TableCatalogue } from './catalogue';
import type { DatasetTable } from './table-rows';
import { dateValue, instantValue, numberValue, tagValue, textValue } from './value-pools';

const compareOps: readonly CompareOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'];
const textOps: readonly TextOp[] = ['contains', 'startsWith', 'endsWith'];

const isStringType = (ref: FieldRef) =>
  ref.type === 'text' || ref.type === 'date' || ref.type === 'timestamp';

/** A sample of the field, when the dataset holds any, else `fallback`. */
function fromSamples<T>(samples: readonly unknown[], fallback: fc.Arbitrary<T>, weight = 4): fc.Arbitrary<T> {
  if (samples.length === 0) return fallback;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(samples as T[])), weight },
    { arbitrary: fallback, weight: 1 },
  );
}

/** A variant of a text in another case: what case-insensitive conditions must still match. */
const recased = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, fc.constantFrom('upper', 'lower', 'first') as fc.Arbitrary<'upper' | 'lower' | 'first'>)
    .map(([value, how]) => {
      if (how === 'upper') return value.toUpperCase();
      if (how === 'lower') return value.toLowerCase();
      const [first = '', ...rest] = value;
      return first.toUpperCase() + rest.join('').toLowerCase();
    });

/** A piece of a text, cut at code points: a needle that text operators find. */
const pieceOf = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.nat(), fc.nat()).map(([value, start, length]) => {
    const characters = [...value];
    const from = start % (characters.length + 1);
    return characters.slice(from, from + (length % (characters.length - from + 1))).join('');
  });

function textOf(entry: FieldEntry): fc.Arbitrary<string> {
  const samples = fromSamples<string>(entry.samples, textValue, 6);
  return fc.oneof(
    { arbitrary: samples, weight: 5 },
    { arbitrary: recased(samples), weight: 2 },
    { arbitrary: textValue, weight: 1 },
  );
}

/** A value of the field's type: often one the dataset holds. */
function valueFor(entry: FieldEntry): fc.Arbitrary<Scalar> {
  const { ref } = entry;
  if (ref.operand.part === 'monthDay') {
    return fc.oneof(
      fromSamples<string>(
        entry.samples,
        dateValue.map((date) => date.slice(5)),
      ),
      fc.constantFrom('02-29', '02-28', '03-01', '12-31', '01-01', '13-01', ''),
    );
  }
  switch (ref.type) {
    case 'number':
      return fromSamples<number>(entry.samples, numberValue);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.oneof(
        { arbitrary: fromSamples<string>(entry.samples, dateValue), weight: 5 },
        { arbitrary: fc.constantFrom('2024-02', '2024-02-29T00:00:00.000Z', '', '2024-13-01'), weight: 1 },
      );
    case 'timestamp':
      return fc.oneof(
        { arbitrary: fromSamples<string>(entry.samples, instantValue), weight: 5 },
        { arbitrary: fc.constantFrom('2024-02-29', '2024-12-31T23:59:59Z', ''), weight: 1 },
      );
    default:
      return textOf(entry);
  }
}

function needleOf(entry: FieldEntry): fc.Arbitrary<string> {
  const text = isStringType(entry.ref) ? (valueFor(entry) as fc.Arbitrary<string>) : textValue;
  return fc.oneof(
    { arbitrary: pieceOf(text), weight: 4 },
    { arbitrary: recased(pieceOf(text)), weight: 2 },
    { arbitrary: textValue, weight: 1 },
  );
}

function compareOf(entry: FieldEntry): fc.Arbitrary<Condition> {
  const ops = entry.ref.type === 'boolean' ? compareOps.slice(0, 2) : compareOps;
  return fc.record({
    kind: fc.constant('compare' as const),
    field: fc.constant(entry.ref),
    op: fc.constantFrom(...ops),
    value: valueFor(entry),
    caseInsensitive: fc.boolean(),
  });
}

function inOf(entry: FieldEntry): fc.Arbitrary<Condition> {
  return fc.record({
    kind: fc.constant('in' as const),
    field: fc.constant(entry.ref),
    values: fc.array(valueFor(entry), { maxLength: 4 }),
    negate: fc.boolean(),
    caseInsensitive: fc.boolean(),
  });
}

function textConditionOf(entry: FieldEntry): fc.Arbitrary<Condition> {
  return fc.record({
    kind: fc.constant('text' as const),
    field: fc.constant(entry.ref),
    op: fc.constantFrom(...textOps),
    value: needleOf(entry),
    caseInsensitive: fc.boolean(),
  });
}

function presenceOf(entry: FieldEntry): fc.Arbitrary<Condition> {
  return fc.record({
    kind: fc.constantFrom('empty' as const, 'null' as const),
    field: fc.constant(entry.ref),
    negate: fc.boolean(),
  });
}

function hasOf(entry: FieldEntry): fc.Arbitrary<Condition> {
  return fc.record({
    kind: fc.constant('has' as const),
    field: fc.constant(entry.ref),
    values: fc.array(fromSamples<string>(entry.samples, tagValue), { maxLength: 3 }),
    mode: fc.constantFrom('any' as const, 'all' as const),
  });
}

/** Every kind of leaf condition that applies to the field. */
function leavesOf(entry: FieldEntry): fc.Arbitrary<Condition>[] {
  if (entry.ref.type === 'textList') return [hasOf(entry), presenceOf(entry)];
  const leaves = [compareOf(entry), inOf(entry), presenceOf(entry)];
  if (isStringType(entry.ref) || entry.ref.operand.part === 'monthDay') leaves.push(textConditionOf(entry));
  return leaves;
}

function aggregateOf(target: TableCatalogue): fc.Arbitrary<RelatedAggregate> {
  const count = fc.record({
    fn: fc.constant('count' as const),
    op: fc.constantFrom(...compareOps),
    value: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 6 },
      { arbitrary: fc.constantFrom(-1, 0.5, 1.5), weight: 1 },
    ),
  });
  const choices: fc.Arbitrary<RelatedAggregate>[] = [fc.constant({ fn: 'exists' as const }), count];
  for (const entry of target.fields) {
    if (entry.ref.operand.part !== undefined) continue;
    const aggregate = (fns: readonly ('sum' | 'avg' | 'min' | 'max')[], value: fc.Arbitrary<Scalar>) =>
      choices.push(
        fc.record({
          fn: fc.constantFrom(...fns),
          field: fc.constant(entry.ref),
          op: fc.constantFrom(...compareOps),
          value,
        }),
      );
    if (entry.ref.type === 'date' || entry.ref.type === 'timestamp')
      aggregate(['min', 'max'], valueFor(entry));
    if (entry.ref.type !== 'number') continue;
    const near = fc.oneof(valueFor(entry), fc.integer({ min: -10, max: 300 }));
    if (entry.exactSums) aggregate(['sum', 'avg', 'min', 'max'], near);
    else {
      aggregate(['min', 'max'], near);
      // The contract lets sums and averages of reals differ in the last bits between engines, so they are
      // compared with bounds no sum can cross: what remains to find is an engine that fails (overflows)
      // where the reference answers.
      aggregate(['sum', 'avg'], fc.constantFrom(-Number.MAX_VALUE, Number.MAX_VALUE));
    }
  }
  return fc.oneof(...choices);
}

/** Makes the condition arbitraries of every table and depth once: related conditions nest across tables. */
class ConditionArbitraries {
  readonly #catalogue: Catalogue;
  readonly #made = new Map<string, fc.Arbitrary<Condition>>();

  constructor(catalogue: Catalogue) {
    this.#catalogue = catalogue;
  }

  of(table: DatasetTable, depth: number): fc.Arbitrary<Condition> {
    const key = `${table}/${depth}`;
    let arbitrary = this.#made.get(key);
    if (arbitrary === undefined) {
      arbitrary = this.#make(this.#catalogue[table], depth);
      this.#made.set(key, arbitrary);
    }
    return arbitrary;
  }

  #make(catalogue: TableCatalogue, depth: number): fc.Arbitrary<Condition> {
    const leaf = fc.oneof(...catalogue.fields.flatMap(leavesOf));
    if (depth === 0) return leaf;
    const child = this.of(catalogue.table, depth - 1);
    // Cross-shrinking lets a failing group shrink to a single leaf, so counterexamples come out small.
    return fc.oneof(
      { withCrossShrink: true },
      { arbitrary: leaf, weight: 5 },
      {
        arbitrary: fc.record({
          kind: fc.constantFrom('and' as const, 'or' as const),
          conditions: fc.array(child, { maxLength: 3 }),
        }),
        weight: 2,
      },
      { arbitrary: fc.record({ kind: fc.constant('not' as const), condition: child }), weight: 1 },
      { arbitrary: fc.oneof(...catalogue.relations.map((entry) => this.#related(entry, depth))), weight: 2 },
    );
  }

  #related(entry: RelationEntry, depth: number): fc.Arbitrary<Condition> {
    const target = entry.relation.table as DatasetTable;
    return fc.record(
      {
        kind: fc.constant('related' as const),
        relation: fc.constant(entry.relation),
        where: this.of(target, depth - 1),
        aggregate: aggregateOf(this.#catalogue[target]),
        negate: fc.boolean(),
      },
      { requiredKeys: ['kind', 'relation', 'aggregate', 'negate'] },
    );
  }
}

/** Makes the condition arbitrary of a table, of up to `depth` levels of groups and related conditions. */
export type ConditionArbitraryOf = (table: DatasetTable, depth: number) => fc.Arbitrary<Condition>;

/**
 * Random conditions over a dataset's tables, of up to `depth` levels of `and` / `or` / `not` and related
 * conditions: every operator on every field of every type (case modes included, meaningful or not), empty
 * groups and lists, values drawn mostly from the dataset so that conditions match some rows and miss others.
 *
 * @example
 * ```ts
 * const conditionOf = conditionArbitraries(buildCatalogue(dataset));
 * fc.sample(conditionOf('people', 3), 1);
 * ```
 */
export function conditionArbitraries(catalogue: Catalogue): ConditionArbitraryOf {
  const arbitraries = new ConditionArbitraries(catalogue);
  return (table, depth) => arbitraries.of(table, depth);
}
