import fc from 'fast-check';
import { anyUnicodeText, textValue, trickyTexts } from './value-pools';

/**
 * Field names a hostile or careless caller may send: SQL fragments, quoting of every dialect, prototype
 * keys (`__proto__`, `constructor`) alone and inside custom and related paths, paths deeper than a field
 * has, empty segments, column names that are not field names (`tenant_id`, `first_name`), JSON columns
 * that filters do not look into, case and whitespace variants, control and bidi characters, names of
 * system tables and functions, and names just under and over the length limit.
 */
export const hostileFieldNames: readonly string[] = [
  '"; drop table people; --',
  "'; drop table people; --",
  'region; drop table people',
  'region" or 1=1 --',
  "region' or '1'='1",
  'region)',
  '(region',
  'region--',
  '`region`',
  '[region]',
  '"region"',
  '$1',
  '?',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'custom',
  'custom.',
  'custom..tier',
  'custom.__proto__',
  'custom.constructor.prototype',
  'custom.prototype',
  'custom.toString',
  'custom.hasOwnProperty',
  'custom.tier.__proto__',
  'custom.tier.length',
  'custom.a.b.c',
  'custom.budget',
  'custom.budget.amount.x',
  'custom.budget.__proto__',
  'custom."; drop table people; --',
  "custom.tier'); drop table people; --",
  'custom.$.tier',
  'custom.tier[0]',
  'custom.labels.0',
  'company.',
  'company.__proto__',
  'company.constructor',
  'company.custom.__proto__',
  'company."; drop table companies; --',
  'owner.owner.owner.owner.team',
  'company.owner.manager.manager.region',
  'orders.total',
  'tenant_id',
  'tenantId',
  'first_name',
  'emails',
  'address',
  'consent',
  'phones',
  'region\u0000',
  'región',
  'REGION',
  'Region',
  ' region',
  'region ',
  '\u202Eregion',
  'region\u200B',
  'people.region',
  'public.people',
  'pg_catalog.pg_user',
  'sqlite_master',
  'json_extract',
  'rapport_fold',
  '',
  '.',
  '..',
  'x'.repeat(200),
  'x'.repeat(201),
  `custom.${'x'.repeat(193)}`,
  'x'.repeat(5_000),
];

/** Names that resolve: a hostile value must be treated as a value on them, never as SQL. */
const validFieldNames = [
  'region',
  'lastName',
  'birthday',
  'version',
  'tags',
  'createdAt',
  'custom.tier',
  'custom.score',
  'custom.vip',
  'custom.labels',
  'custom.constructor',
  'company.region',
];

/** A field name: hostile, valid, random, or a valid prefix with a random tail. */
export const fieldNameArbitrary: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...hostileFieldNames), weight: 6 },
  { arbitrary: fc.constantFrom(...validFieldNames), weight: 3 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  { arbitrary: anyUnicodeText, weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('custom.', 'company.', 'owner.', 'company.custom.', ''),
        fc.constantFrom(...trickyTexts),
      )
      .map(([prefix, tail]) => `${prefix}${tail}`),
    weight: 2,
  },
);

/**
 * Values a hostile or careless caller may send: SQL and JSON-path fragments, LIKE wildcards, NUL and lone
 * surrogates (which no engine stores), texts at and over the length limit, numbers at the edges and
 * values that are not JSON at all (NaN, infinities, undefined, a Date, a bigint, a symbol, a function,
 * objects and arrays, an object with a `__proto__` key).
 */
export const hostileValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      "'; drop table people; --",
      '"; drop table people; --',
      "' or '1'='1",
      '$.tier',
      '$."tier"',
      '{tier}',
      "') or 1=1 --",
      '%',
      '_',
      '%%',
      '\\',
      '\\%',
      '\u0000',
      'a\u0000b',
      '\uD800',
      'a\uDFFF',
      '\uD83D',
      '',
      ' ',
      'x'.repeat(100),
      'x'.repeat(101),
      'x'.repeat(10_000),
      'x'.repeat(10_001),
      '2024-02-30',
      '2024-02-29T24:00:00Z',
      '1e309',
    ),
    weight: 6,
  },
  { arbitrary: textValue, weight: 3 },
  {
    arbitrary: fc.constantFrom(
      0,
      -0,
      1e308,
      -1e308,
      Number.MIN_VALUE,
      Number.MAX_SAFE_INTEGER + 2,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom<unknown>(
      undefined,
      null,
      true,
      {},
      [],
      ['a', 1],
      { value: 'x' },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      new Date(0),
      10n,
      Symbol('x'),
      () => 'x',
    ),
    weight: 2,
  },
);

const operators = [
  'eq',
  'ne',
  'lt',
  'gte',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'endsWith',
  'isEmpty',
  'hasAny',
  'hasNone',
  'inLast',
  'inPeriod',
  'anniversaryInNext',
  'isCurrentActor',
  'like',
  '=',
  '; drop table people',
  '__proto__',
  'constructor',
];

/** Mostly left out: a key a well-formed node has now and then (or an unknown key, which is refused). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 1) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight });

/** One comparison with a hostile field, operator, value or extra key. */
const hostileComparison: fc.Arbitrary<unknown> = fc
  .record({
    field: fieldNameArbitrary,
    op: fc.oneof(
      { arbitrary: fc.constantFrom(...operators), weight: 5 },
      { arbitrary: fc.string(), weight: 1 },
    ),
    value: fc.oneof(hostileValueArbitrary, fc.array(hostileValueArbitrary, { maxLength: 3 })),
    mode: sometimes(fc.constantFrom('insensitive', 'sensitive', 'INSENSITIVE', "'; drop")),
    unit: sometimes(fc.constantFrom('days', 'weeks', 'centuries')),
    extra: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 9 },
      { arbitrary: fc.constant('x'), weight: 1 },
    ),
  })
  .map((node) => Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined)));

/**
 * A comparison that resolves, with a hostile text or number as its value: it must be answered as a value
 * (the same rows on every engine) or refused, never reach SQL as anything but a bound parameter.
 */
const hostileValueComparison: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    field: fc.constantFrom('region', 'lastName', 'custom.tier', 'custom.constructor', 'company.region'),
    op: fc.constantFrom('eq', 'ne', 'lt', 'gte', 'contains', 'startsWith', 'endsWith'),
    value: hostileValueArbitrary,
    mode: fc.constantFrom('insensitive', 'sensitive'),
  }),
  fc.record({
    field: fc.constantFrom('region', 'custom.tier', 'email'),
    op: fc.constantFrom('in', 'notIn'),
    value: fc.array(hostileValueArbitrary, { maxLength: 3 }),
  }),
  fc.record({
    field: fc.constantFrom('tags', 'custom.labels'),
    op: fc.constantFrom('hasAny', 'hasAll', 'hasNone'),
    value: fc.array(hostileValueArbitrary, { maxLength: 3 }),
  }),
  fc.record({
    field: fc.constantFrom(
      'version',
      'custom.score',
      'custom.budget.amount',
      'birthday',
      'createdAt',
      'custom.vip',
    ),
    op: fc.constantFrom('eq', 'ne', 'lt', 'gte'),
    value: hostileValueArbitrary,
  }),
);

/** A related-record node with a hostile relation name, field or aggregate. */
const hostileRelated: fc.Arbitrary<unknown> = fc.record(
  {
    related: fc.constantFrom(
      'orders',
      'activities',
      '__proto__',
      'constructor',
      'orders; drop table orders',
      'people',
      '',
    ),
    aggregate: fc.constantFrom('exists', 'notExists', 'count', 'sum', 'max', 'drop'),
    of: fieldNameArbitrary,
    op: fc.constantFrom('eq', 'gt', '; --'),
    value: hostileValueArbitrary,
  },
  { requiredKeys: ['related', 'aggregate'] },
);

/** Nodes that are not filters: wrong shapes, several group keys, deep nesting, a `__proto__` key. */
const malformedNodes: readonly unknown[] = [
  null,
  undefined,
  [],
  'region',
  42,
  {},
  { all: 'x' },
  { all: [null] },
  { any: {} },
  { not: [] },
  { all: [], any: [] },
  { segment: "'; drop table people; --" },
  { segment: '__proto__' },
  JSON.parse('{"__proto__": {"field": "region", "op": "eq", "value": "x"}}'),
  JSON.parse('{"field": "region", "op": "eq", "value": "x", "__proto__": {"mode": "insensitive"}}'),
  Array.from({ length: 40 }).reduce<unknown>((child) => ({ not: child }), { field: 'region', op: 'isEmpty' }),
  // The largest group the schema allows, which every engine must answer, and one more, refused.
  { all: Array.from({ length: 1_000 }, () => ({ field: 'region', op: 'isEmpty' })) },
  { any: Array.from({ length: 1_001 }, () => ({ field: 'region', op: 'isEmpty' })) },
];

/**
 * A hostile filter: hostile comparisons and related nodes inside groups, and malformed nodes.
 *
 * @example
 * ```ts
 * fc.sample(hostileFilterArbitrary, 1);
 * ```
 */
export const hostileFilterArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: hostileComparison, weight: 3 },
    { arbitrary: hostileValueComparison, weight: 6 },
    { arbitrary: hostileRelated, weight: 1 },
    { arbitrary: fc.constantFrom(...malformedNodes), weight: 1 },
    { arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((all) => ({ all })), weight: 1 },
    { arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((any) => ({ any })), weight: 1 },
    { arbitrary: tie('node').map((not) => ({ not })), weight: 1 },
  ),
})).node;

/** A hostile sort: a field name, with or without `-`, or a term object with a hostile direction. */
export const hostileOrderArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fieldNameArbitrary,
  fieldNameArbitrary.map((name) => `-${name}`),
  fc.record({
    field: fieldNameArbitrary,
    direction: fc.constantFrom('asc', 'desc', 'DESC', '; drop', undefined),
  }),
  fc.array(fieldNameArbitrary, { maxLength: 2 }),
);
