import type { Filter } from '@rapport/core';
import fc from 'fast-check';
import { periodNames as periods, timeUnits as units } from '../../packages/core/src/filter/filter-schema';
import { inOffset } from './crm-dataset';
import { boundaryInstants, dateValue, numberValue, tagValue, textValue } from './value-pools';

/** How a field of the filter language compares; `member` is a text field holding a member id. */
export type FilterFieldKind = 'text' | 'number' | 'boolean' | 'date' | 'timestamp' | 'textList' | 'member';

/** A field a filter may name (`region`, `custom.tier`, `company.region`), its kind and values it holds. */
export interface FilterField {
  readonly name: string;
  readonly kind: FilterFieldKind;
  readonly samples: readonly (string | number | boolean)[];
}

/** A one-to-many relation a related condition may follow, and the fields its aggregates may read. */
export interface FilterRelation {
  readonly name: string;
  readonly entity: FilterEntity;
}

/** An entity of the filter-level tests: what its filters may name. */
export type FilterEntity = 'person' | 'company' | 'order' | 'activity';

/** The fields and relations of every entity the filter-level tests query. */
export type FilterCatalogue = Readonly<
  Record<
    FilterEntity,
    {
      readonly fields: readonly FilterField[];
      readonly relations: readonly FilterRelation[];
      /** Names of saved segments a filter may name, as `{ segment: '@<name>' }`. */
      readonly segments: readonly string[];
    }
  >
>;

const offsets = ['Z', '+05:45', '-03:30', '+14:00', '-12:00'];

const mode = fc.constantFrom(undefined, 'sensitive' as const, 'insensitive' as const);

function fromSamples<T>(samples: readonly unknown[], fallback: fc.Arbitrary<T>): fc.Arbitrary<T> {
  if (samples.length === 0) return fallback;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(samples as T[])), weight: 4 },
    { arbitrary: fallback, weight: 1 },
  );
}

const recased = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.boolean()).map(([value, upper]) => (upper ? value.toUpperCase() : value.toLowerCase()));

const pieceOf = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.nat(), fc.nat()).map(([value, start, length]) => {
    const characters = [...value];
    const from = start % (characters.length + 1);
    return characters.slice(from, from + (length % (characters.length - from + 1))).join('');
  });

/** An instant of the samples (or a boundary), written in some offset, as a caller may write it. */
const instantOf = (field: FilterField) =>
  fc
    .tuple(
      fromSamples<string>(field.samples, fc.constantFrom(...boundaryInstants)),
      fc.constantFrom(...offsets),
    )
    .map(([instant, offset]) => inOffset(Date.parse(instant), offset));

function valueFor(field: FilterField): fc.Arbitrary<string | number | boolean> {
  switch (field.kind) {
    case 'number':
      return fromSamples<number>(field.samples, fc.oneof(numberValue, fc.integer({ min: -10, max: 1_000 })));
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fromSamples<string>(field.samples, dateValue);
    case 'timestamp':
      return instantOf(field);
    default: {
      const samples = fromSamples<string>(field.samples, textValue);
      return fc.oneof({ arbitrary: samples, weight: 4 }, { arbitrary: recased(samples), weight: 1 });
    }
  }
}

const isText = (field: FilterField) => field.kind === 'text' || field.kind === 'member';

function comparisonsOf(field: FilterField): fc.Arbitrary<Filter>[] {
  const name = fc.constant(field.name);
  const value = valueFor(field);
  const list = fc.array(value, { maxLength: 3 });
  const textMode = isText(field) ? mode : fc.constant(undefined);
  const presence = fc.record({ field: name, op: fc.constantFrom('isEmpty' as const, 'isNotEmpty' as const) });
  if (field.kind === 'textList') {
    const element = fromSamples<string>(
      field.samples,
      tagValue.filter((tag) => tag.trim() !== ''),
    );
    return [
      fc.record({
        field: name,
        op: fc.constantFrom('hasAny', 'hasAll', 'hasNone'),
        value: fc.array(element, { maxLength: 3 }),
      }),
      presence,
    ] as fc.Arbitrary<Filter>[];
  }
  const withMode = <T extends Record<string, unknown>>(node: fc.Arbitrary<T>) =>
    fc
      .tuple(node, textMode)
      .map(([fields, caseMode]) => (caseMode === undefined ? fields : { ...fields, mode: caseMode }));
  const choices: fc.Arbitrary<unknown>[] = [
    withMode(fc.record({ field: name, op: fc.constantFrom('eq', 'ne'), value })),
    withMode(fc.record({ field: name, op: fc.constantFrom('in', 'notIn'), value: list })),
    presence,
  ];
  if (field.kind !== 'boolean') {
    choices.push(
      fc.record({
        field: name,
        op: fc.constantFrom('lt', 'lte', 'gt', 'gte'),
        value: value.filter((candidate) => typeof candidate !== 'string' || candidate.length <= 100),
      }),
    );
  }
  if (isText(field)) {
    choices.push(
      withMode(
        fc.record({
          field: name,
          op: fc.constantFrom('contains', 'startsWith', 'endsWith'),
          value: pieceOf(value as fc.Arbitrary<string>),
        }),
      ),
    );
  }
  if (field.kind === 'member') choices.push(fc.record({ field: name, op: fc.constant('isCurrentActor') }));
  if (field.kind === 'date' || field.kind === 'timestamp') {
    choices.push(
      fc.record({
        field: name,
        op: fc.constantFrom('inLast', 'inNext'),
        value: fc.oneof(fc.integer({ min: 1, max: 14 }), fc.constantFrom(30, 90, 365, 366)),
        unit: fc.constantFrom(...units),
      }),
      fc.record({ field: name, op: fc.constant('inPeriod'), value: fc.constantFrom(...periods) }),
    );
  }
  if (field.kind === 'date') {
    choices.push(
      fc.record({
        field: name,
        op: fc.constant('anniversaryInNext'),
        value: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(60, 365, 366)),
      }),
    );
  }
  return choices as fc.Arbitrary<Filter>[];
}

class FilterArbitraries {
  readonly #catalogue: FilterCatalogue;
  readonly #made = new Map<string, fc.Arbitrary<Filter>>();

  constructor(catalogue: FilterCatalogue) {
    this.#catalogue = catalogue;
  }

  of(entity: FilterEntity, depth: number): fc.Arbitrary<Filter> {
    const key = `${entity}/${depth}`;
    let arbitrary = this.#made.get(key);
    if (arbitrary === undefined) {
      arbitrary = this.#make(entity, depth);
      this.#made.set(key, arbitrary);
    }
    return arbitrary;
  }

  #make(entity: FilterEntity, depth: number): fc.Arbitrary<Filter> {
    const { fields, relations, segments } = this.#catalogue[entity];
    const comparison = fc.oneof(...fields.flatMap(comparisonsOf));
    const leaf =
      segments.length === 0
        ? comparison
        : fc.oneof(
            { arbitrary: comparison, weight: 12 },
            { arbitrary: fc.constantFrom(...segments).map((name) => ({ segment: `@${name}` })), weight: 1 },
          );
    if (depth === 0) return leaf;
    const child = this.of(entity, depth - 1);
    const choices: fc.WeightedArbitrary<Filter>[] = [
      { arbitrary: leaf, weight: 5 },
      { arbitrary: fc.array(child, { maxLength: 3 }).map((all) => ({ all })), weight: 1 },
      { arbitrary: fc.array(child, { maxLength: 3 }).map((any) => ({ any })), weight: 1 },
      { arbitrary: child.map((not) => ({ not })), weight: 1 },
    ];
    if (relations.length > 0)
      choices.push({
        arbitrary: fc.oneof(...relations.map((relation) => this.#related(relation, depth))),
        weight: 2,
      });
    return fc.oneof({ withCrossShrink: true }, ...choices);
  }

  #related(relation: FilterRelation, depth: number): fc.Arbitrary<Filter> {
    const where = fc.option(this.of(relation.entity, depth - 1), { nil: undefined });
    const target = this.#catalogue[relation.entity].fields.filter((field) => !field.name.includes('.'));
    const aggregated = target.filter((field) => ['number', 'date', 'timestamp'].includes(field.kind));
    const compareOp = fc.constantFrom('eq', 'ne', 'lt', 'lte', 'gt', 'gte');
    const aggregates: fc.Arbitrary<Record<string, unknown>>[] = [
      fc.record({ aggregate: fc.constantFrom('exists', 'notExists') }),
      fc.record({ aggregate: fc.constant('count'), op: compareOp, value: fc.integer({ min: 0, max: 4 }) }),
      ...aggregated.map((field) =>
        fc.record({
          aggregate:
            field.kind === 'number'
              ? fc.constantFrom('sum', 'avg', 'min', 'max')
              : fc.constantFrom('min', 'max'),
          of: fc.constant(field.name),
          op: compareOp,
          value:
            field.kind === 'number'
              ? fc.oneof(valueFor(field), fc.integer({ min: -100, max: 100_000 }))
              : valueFor(field),
        }),
      ),
    ];
    return fc.tuple(fc.oneof(...aggregates), where).map(
      ([aggregate, condition]) =>
        ({
          related: relation.name,
          ...aggregate,
          ...(condition === undefined ? {} : { where: condition }),
        }) as Filter,
    );
  }
}

/** Makes the filter arbitrary of an entity, of up to `depth` levels of groups and related conditions. */
export type FilterArbitraryOf = (entity: FilterEntity, depth: number) => fc.Arbitrary<Filter>;

/**
 * Random filters of the filter language: every operator on every kind of field (built-in, custom, a
 * related record's field), case modes, relative times, anniversaries, the current actor, groups (empty
 * ones too) and related-record conditions with their own filters. Values come mostly from the data, and
 * instants are written in several offsets.
 *
 * @example
 * ```ts
 * const filterOf = filterArbitraries(catalogue);
 * fc.sample(filterOf('person', 2), 1);
 * ```
 */
export function filterArbitraries(catalogue: FilterCatalogue): FilterArbitraryOf {
  const arbitraries = new FilterArbitraries(catalogue);
  return (entity, depth) => arbitraries.of(entity, depth);
}
