import type { CustomFieldInput } from '../../custom-fields/custom-field-definition';
import type { CustomFieldType } from '../../custom-fields/custom-field-types';
import type { RapportErrorCode } from '../../errors/rapport-error';
import type { Harness } from './harness';

/** One custom field type: a definition with its constraints, values it takes (as stored) and values it refuses. */
export interface TypeCase {
  readonly type: CustomFieldType;
  readonly definition: Partial<CustomFieldInput>;
  /** [input, stored]; an input function receives the harness (a relation needs a record to point at). */
  readonly good: readonly (readonly [unknown, unknown])[];
  /** [input, issue path under custom.<key>, error code]. */
  readonly bad: readonly (readonly [unknown, readonly (string | number)[], RapportErrorCode?])[];
}

export const options = (...values: string[]) =>
  values.map((value) => ({ value, label: value.toUpperCase() }));

export const typeCases: readonly TypeCase[] = [
  {
    type: 'text',
    definition: { min: 2, max: 5, pattern: '[A-Z]+' },
    good: [
      [' ABC ', 'ABC'],
      ['ZZZZZ', 'ZZZZZ'],
    ],
    bad: [
      ['A', []],
      ['ABCDEF', []],
      ['abc', []],
      [42, []],
      [['AB'], []],
    ],
  },
  {
    type: 'longText',
    definition: { max: 20 },
    good: [['line one\nline two', 'line one\nline two']],
    bad: [
      ['x'.repeat(21), []],
      [true, []],
    ],
  },
  {
    type: 'number',
    definition: { min: 0, max: 100 },
    good: [
      [0, 0],
      [100, 100],
      [42, 42],
    ],
    bad: [
      [-1, []],
      [101, []],
      [4.5, []],
      ['5', []],
      [Number.NaN, []],
      [Number.POSITIVE_INFINITY, []],
    ],
  },
  {
    type: 'decimal',
    definition: { scale: 2, min: 0 },
    good: [
      [12.34, 12.34],
      [7, 7],
    ],
    bad: [
      [12.345, []],
      [-0.01, []],
      ['1.5', []],
    ],
  },
  {
    type: 'boolean',
    definition: {},
    good: [
      [true, true],
      [false, false],
    ],
    bad: [
      ['true', []],
      [1, []],
    ],
  },
  {
    type: 'date',
    definition: { min: '2020-01-01', max: '2030-12-31' },
    good: [['2024-02-29', '2024-02-29']],
    bad: [
      ['2023-02-29', []],
      ['2019-12-31', []],
      ['2031-01-01', []],
      ['2024-01-01T00:00:00Z', []],
      [20240101, []],
    ],
  },
  {
    type: 'datetime',
    definition: { min: '2020-01-01T00:00:00.000Z' },
    good: [['2024-06-01T12:00:00+02:00', '2024-06-01T10:00:00.000Z']],
    bad: [
      ['yesterday', []],
      ['2019-06-01T00:00:00Z', []],
      ['2024-06-01', []],
    ],
  },
  {
    type: 'select',
    definition: { options: options('gold', 'silver') },
    good: [['gold', 'gold']],
    bad: [
      ['platinum', []],
      ['GOLD', []],
      [['gold'], []],
    ],
  },
  {
    type: 'multiSelect',
    definition: { options: options('a', 'b', 'c'), min: 1, max: 2 },
    good: [
      [
        ['a', 'b'],
        ['a', 'b'],
      ],
      [['c', 'c'], ['c']],
    ],
    bad: [
      [[], []],
      [['a', 'b', 'c'], []],
      [['d'], [0]],
      ['a', []],
    ],
  },
  {
    type: 'email',
    definition: {},
    good: [[' Ann@Example.COM ', 'ann@example.com']],
    bad: [
      ['ann@', []],
      [42, []],
    ],
  },
  {
    type: 'phone',
    definition: {},
    good: [['+1 (415) 555-0132', '+14155550132']],
    bad: [
      ['12345', []],
      ['(415) 555-0132', []],
    ],
  },
  {
    type: 'url',
    definition: {},
    good: [['https://example.com/a?b=c', 'https://example.com/a?b=c']],
    bad: [
      ['javascript:alert(1)', []],
      ['ftp://example.com', []],
      ['not a url', []],
    ],
  },
  {
    type: 'money',
    definition: { min: 0 },
    good: [
      [
        { amount: 1_000, currency: 'eur' },
        { amount: 1_000, currency: 'EUR' },
      ],
    ],
    bad: [
      [{ amount: 10.5, currency: 'EUR' }, ['amount']],
      [{ amount: 1, currency: 'XYZ' }, ['currency']],
      [{ amount: -1, currency: 'EUR' }, ['amount']],
      [{ amount: 1, currency: 'EUR', rate: 1 }, ['rate']],
      [1_000, []],
    ],
  },
  {
    type: 'relation',
    definition: { relationEntity: 'company' },
    good: [],
    bad: [
      ['no-such-company', [], 'INVALID_REFERENCE'],
      [42, []],
      ['', []],
    ],
  },
];

/** Definitions that must be refused, and the path of the issue. */
export const badDefinitions: readonly (readonly [
  what: string,
  definition: Record<string, unknown>,
  path: readonly (string | number)[],
])[] = [
  ['a select without options', { type: 'select' }, ['options']],
  ['options on a text field', { type: 'text', options: options('a') }, ['options']],
  [
    'two options with one value',
    { type: 'select', options: [...options('a'), ...options('a')] },
    ['options'],
  ],
  ['a relation without its entity', { type: 'relation' }, ['relationEntity']],
  [
    'a relation to an entity that cannot be pointed at',
    { type: 'relation', relationEntity: 'tag' },
    ['relationEntity'],
  ],
  ['a target entity on a text field', { type: 'text', relationEntity: 'company' }, ['relationEntity']],
  ['a unique long text', { type: 'longText', unique: true }, ['unique']],
  ['a unique boolean', { type: 'boolean', unique: true }, ['unique']],
  ['a unique multi-select', { type: 'multiSelect', options: options('a'), unique: true }, ['unique']],
  ['a unique money field', { type: 'money', unique: true }, ['unique']],
  ['a scale on a number', { type: 'number', scale: 2 }, ['scale']],
  ['a scale beyond 10', { type: 'decimal', scale: 11 }, ['scale']],
  ['a pattern on a number', { type: 'number', pattern: '\\d+' }, ['pattern']],
  ['a pattern that is not a regular expression', { type: 'text', pattern: '(' }, ['pattern']],
  ['min above max', { type: 'number', min: 10, max: 1 }, ['min']],
  ['text bounds on a number', { type: 'number', min: 'a' }, ['min']],
  ['number bounds on a date', { type: 'date', max: 5 }, ['max']],
  ['bounds on a boolean', { type: 'boolean', min: 1 }, ['min']],
  ['a date bound that is not a date', { type: 'date', min: 'banana' }, ['min']],
  ['a date bound of 30 February', { type: 'date', max: '2025-02-30' }, ['max']],
  ['a datetime bound that is not an instant', { type: 'datetime', min: '2020-01-01' }, ['min']],
  ['date bounds the wrong way round', { type: 'date', min: '2025-01-02', max: '2025-01-01' }, ['min']],
  ['an infinite bound', { type: 'number', max: Number.POSITIVE_INFINITY }, ['max']],
  ['a default of the wrong type', { type: 'number', defaultValue: 'x' }, ['defaultValue']],
  [
    'a default outside the options',
    { type: 'select', options: options('a'), defaultValue: 'b' },
    ['defaultValue'],
  ],
  ['a default outside the bounds', { type: 'number', min: 0, defaultValue: -1 }, ['defaultValue']],
  ['a capitalised key', { key: 'Tier' }, ['key']],
  ['a key starting with a digit', { key: '1tier' }, ['key']],
  ['a key with a dash', { key: 'my-tier' }, ['key']],
  ['a key with a dot', { key: 'a.b' }, ['key']],
  ['an empty key', { key: '' }, ['key']],
  ['a key of 64 characters', { key: `a${'b'.repeat(63)}` }, ['key']],
  ['a __proto__ key', { key: '__proto__' }, ['key']],
  ['an unknown type', { type: 'color' }, ['type']],
  ['an entity without custom fields', { entity: 'tag' }, ['entity']],
  ['a blank label', { label: '  ' }, ['label']],
  ['an unknown setting', { colour: 'red' }, ['colour']],
];

/** Defines a custom field in tenant A, labelled by its key. */
export async function define(
  h: Harness,
  input: Partial<CustomFieldInput> & { key: string; type: CustomFieldType },
  entity: CustomFieldInput['entity'] = 'company',
) {
  return h.a.customFields.define({ entity, label: input.key, ...input });
}
