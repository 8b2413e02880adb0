import type { ValueType } from '@rapport/core';
import fc from 'fast-check';
import {
  dateValue,
  instantValue,
  storedNumberValue,
  tagList,
  tagValue,
  textValue,
  wrongTypeValue,
} from './value-pools';

/** A path inside the `custom` JSON column and the type conditions read it as. */
export interface CustomPath {
  readonly path: readonly string[];
  readonly type: ValueType;
}

/**
 * The custom values every generated row may hold. Besides one key of each type and a nested object, keys
 * that a careless JSON path would misread (`a.b`, quotes and backslashes, `$`, `[0]`, non-Latin scripts,
 * an emoji) and keys that live on `Object.prototype` (`constructor`, `__proto__`), which must be read as
 * the row's own keys or not at all. `absent` is in no row.
 */
export const customPaths: readonly CustomPath[] = [
  { path: ['tier'], type: 'text' },
  { path: ['score'], type: 'number' },
  { path: ['ratio'], type: 'number' },
  { path: ['vip'], type: 'boolean' },
  { path: ['renewal'], type: 'date' },
  { path: ['signedAt'], type: 'timestamp' },
  { path: ['labels'], type: 'textList' },
  { path: ['budget', 'amount'], type: 'number' },
  { path: ['budget', 'currency'], type: 'text' },
  { path: ['a.b'], type: 'text' },
  { path: ['q"uo\'te\\'], type: 'text' },
  { path: ['$'], type: 'text' },
  { path: ['[0]'], type: 'text' },
  { path: ['ключ'], type: 'number' },
  { path: ['😀'], type: 'text' },
  { path: ['constructor'], type: 'text' },
  { path: ['__proto__'], type: 'text' },
  { path: ['absent'], type: 'text' },
];

/** A well-typed value of `type`, as a JSON document holds it. */
export function valueOfType(type: ValueType): fc.Arbitrary<unknown> {
  switch (type) {
    case 'text':
      return textValue;
    case 'number':
      return storedNumberValue;
    case 'boolean':
      return fc.boolean();
    case 'date':
      return dateValue;
    case 'timestamp':
      return instantValue;
    case 'textList':
      return fc.oneof(
        { arbitrary: tagList, weight: 4 },
        // Elements that are not strings never match `has`; the list itself is still a list.
        { arbitrary: fc.tuple(tagValue, wrongTypeValue).map((pair) => [...pair]), weight: 1 },
      );
  }
}

/** Mostly a value of the type; sometimes JSON null, a value of the wrong type, or no key at all. */
function slot(type: ValueType): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valueOfType(type), weight: 6 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: wrongTypeValue, weight: 1 },
  );
}

const budget: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.tuple(slot('number'), slot('text')).map(([amount, currency]) =>
      entries([
        ['amount', amount],
        ['currency', currency],
      ]),
    ),
    weight: 5,
  },
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: wrongTypeValue, weight: 1 },
);

// Object.fromEntries defines own properties, so `__proto__` becomes a key of the document, as JSON.parse
// would make it, rather than the object's prototype.
function entries(pairs: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  return Object.fromEntries(pairs.filter(([, value]) => value !== undefined));
}

const topLevel = customPaths.filter((custom) => custom.path.length === 1 && custom.path[0] !== 'absent');

const customObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.tuple(...topLevel.map((custom) => slot(custom.type))), budget)
  .map(([values, budgetValue]) =>
    entries([
      ...topLevel.map((custom, index) => [custom.path[0] as string, values[index]] as const),
      ['budget', budgetValue],
    ]),
  );

/**
 * The `custom` document of a row: an object of custom values, or rarely a JSON value that is not an object,
 * where every path reads null.
 *
 * @example
 * ```ts
 * fc.sample(customDocument, 1); // [{ tier: 'Éclair', score: 0.1, budget: { amount: 5 }, ... }]
 * ```
 */
export const customDocument: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: customObject, weight: 15 },
  { arbitrary: fc.constantFrom([], ['tier'], 'tier', 3, true), weight: 1 },
);
