import { describe, expect } from 'vitest';
import type { CustomFieldInput } from '../../custom-fields/custom-field-definition';
import type { CustomFieldType } from '../../custom-fields/custom-field-types';
import type { RapportErrorCode } from '../../errors/rapport-error';
import { makeCompany } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError } from './harness';

/** One custom field type: a definition with its constraints, values it takes (as stored) and values it refuses. */
interface TypeCase {
  readonly type: CustomFieldType;
  readonly definition: Partial<CustomFieldInput>;
  /** [input, stored]; an input function receives the harness (a relation needs a record to point at). */
  readonly good: readonly (readonly [unknown, unknown])[];
  /** [input, issue path under custom.<key>, error code]. */
  readonly bad: readonly (readonly [unknown, readonly (string | number)[], RapportErrorCode?])[];
}

const options = (...values: string[]) => values.map((value) => ({ value, label: value.toUpperCase() }));

const typeCases: readonly TypeCase[] = [
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
const badDefinitions: readonly (readonly [
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

async function define(
  h: Harness,
  input: Partial<CustomFieldInput> & { key: string; type: CustomFieldType },
  entity: CustomFieldInput['entity'] = 'company',
) {
  return h.a.customFields.define({ entity, label: input.key, ...input });
}

/** Tenant-defined fields: types, constraints, definitions, archiving and safe changes of type. */
export function describeCustomFields(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('custom fields', () => {
    describe('types', () => {
      for (const c of typeCases) {
        it(`stores valid ${c.type} values normalised and refuses invalid ones, on create and on update`, async ({
          h,
        }) => {
          await define(h, { key: 'value', type: c.type, ...c.definition });
          const goods: (readonly [unknown, unknown])[] = [...c.good];
          if (c.type === 'relation') {
            const target = await makeCompany(h.a);
            goods.push([target.id, target.id]);
          }
          const company = await h.a.companies.create({ name: 'Holder' });
          let version = company.version;
          for (const [input, stored] of goods) {
            const created = await h.a.companies.create({ name: 'C', custom: { value: input } });
            expect(created.custom.value, JSON.stringify(input)).toEqual(stored);
            expect((await h.a.companies.get(created.id)).custom.value).toEqual(stored);
            const updated = await h.a.companies.update(company.id, { custom: { value: input } }, { version });
            expect(updated.custom.value).toEqual(stored);
            version = updated.version;
          }
          for (const [input, path, code] of c.bad) {
            const onCreate = await failsCleanly(h, code ?? 'VALIDATION_FAILED', () =>
              h.a.companies.create({ name: 'C', custom: { value: input } }),
            );
            expectIssueAt(onCreate, ['custom', 'value', ...path]);
            const onUpdate = await failsCleanly(h, code ?? 'VALIDATION_FAILED', () =>
              h.a.companies.update(company.id, { custom: { value: input } }, { version }),
            );
            expectIssueAt(onUpdate, ['custom', 'value', ...path]);
          }
        });
      }

      it('compares datetime bounds as instants, whatever their offset or precision', async ({ h }) => {
        await define(h, {
          key: 'signedAt',
          type: 'datetime',
          min: '2020-01-01T00:00:00Z',
          max: '2020-12-31T23:00:00-01:00',
        });
        const ok = await h.a.companies.create({
          name: 'A',
          custom: { signedAt: '2020-01-01T01:00:00+01:00' },
        });
        expect(ok.custom.signedAt).toBe('2020-01-01T00:00:00.000Z');
        await h.a.companies.create({ name: 'B', custom: { signedAt: '2021-01-01T00:00:00.000Z' } });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.create({ name: 'C', custom: { signedAt: '2019-12-31T23:59:59.999Z' } }),
          ),
          ['custom', 'signedAt'],
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.create({ name: 'D', custom: { signedAt: '2021-01-01T00:00:00.001Z' } }),
          ),
          ['custom', 'signedAt'],
        );
      });

      it("reads local phone numbers of custom fields in the tenant's default country", async ({ h }) => {
        await h.a.settings.update({ defaultCountry: 'GB' }, { version: 0 });
        await define(h, { key: 'mobile', type: 'phone' }, 'person');
        const person = await h.a.people.create({ firstName: 'Ann', custom: { mobile: '020 7946 0958' } });
        expect(person.custom.mobile).toBe('+442079460958');
      });
    });

    describe('definitions', () => {
      for (const [what, definition, path] of badDefinitions) {
        it(`refuses ${what} with VALIDATION_FAILED at ${path.join('.')} and changes nothing`, async ({
          h,
        }) => {
          const input = { entity: 'company', key: 'field', label: 'Field', type: 'text', ...definition };
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.customFields.define(input as never),
          );
          expectIssueAt(error, path);
        });
      }

      it('refuses a key the entity already has, archived or not, with DUPLICATE', async ({ h }) => {
        const tier = await define(h, { key: 'tier', type: 'text' });
        expectIssueAt(await failsCleanly(h, 'DUPLICATE', () => define(h, { key: 'tier', type: 'number' })), [
          'key',
        ]);
        await h.a.customFields.archive(tier.id);
        expectIssueAt(await failsCleanly(h, 'DUPLICATE', () => define(h, { key: 'tier', type: 'number' })), [
          'key',
        ]);
        await define(h, { key: 'tier', type: 'number' }, 'person');
      });

      it('lets exactly one of concurrent definitions of one key succeed', async ({ h }) => {
        const results = await Promise.allSettled(
          ['text', 'number', 'boolean'].map((type) =>
            define(h, { key: 'tier', type: type as CustomFieldType }),
          ),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        expect(await h.a.customFields.list({ includeArchived: true })).toHaveLength(1);
      });

      it('defines every type, lists definitions by position then key, archived ones on request', async ({
        h,
      }) => {
        const defined = [];
        for (const [index, c] of typeCases.entries()) {
          defined.push(
            await define(h, {
              key: `f${String(index).padStart(2, '0')}`,
              type: c.type,
              position: 100 - index,
              ...c.definition,
            }),
          );
        }
        const listed = await h.a.customFields.list({ entity: 'company' });
        expect(listed.map((field) => field.key)).toEqual(defined.map((field) => field.key).reverse());
        expect(listed[0]).toMatchObject({
          version: 1,
          entity: 'company',
          archivedAt: null,
          createdAt: h.clock.iso(),
        });
        await h.a.customFields.archive(defined[0]?.id as string);
        expect(await h.a.customFields.list({ entity: 'company' })).toHaveLength(typeCases.length - 1);
        expect(await h.a.customFields.list({ includeArchived: true })).toHaveLength(typeCases.length);
        expect(await h.a.customFields.list({ entity: 'person' })).toEqual([]);
      });

      it('refuses a definition change at a stale version, and a change of key or entity', async ({ h }) => {
        const tier = await define(h, { key: 'tier', type: 'text' });
        await h.a.customFields.update(tier.id, { label: 'Level' }, { version: 1 });
        await failsCleanly(h, 'VERSION_CONFLICT', () =>
          h.a.customFields.update(tier.id, { label: 'Grade' }, { version: 1 }),
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.customFields.update(tier.id, { key: 'grade' } as never, { version: 2 }),
          ),
          ['key'],
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.customFields.update(tier.id, { entity: 'person' } as never, { version: 2 }),
          ),
          ['entity'],
        );
        await failsCleanly(h, 'MISUSE', () =>
          h.a.customFields.update(tier.id, { label: 'x' }, undefined as never),
        );
        await failsCleanly(h, 'NOT_FOUND', () =>
          h.a.customFields.update('no-such-field', { label: 'x' }, { version: 1 }),
        );
      });
    });

    describe('values', () => {
      it('merges custom changes key by key on update; null clears a value', async ({ h }) => {
        await define(h, { key: 'tier', type: 'text' });
        await define(h, { key: 'score', type: 'number' });
        const company = await h.a.companies.create({ name: 'Acme', custom: { tier: 'gold', score: 5 } });
        const scored = await h.a.companies.update(company.id, { custom: { score: 6 } }, { version: 1 });
        expect(scored.custom).toEqual({ tier: 'gold', score: 6 });
        const cleared = await h.a.companies.update(company.id, { custom: { tier: null } }, { version: 2 });
        expect(cleared.custom).toEqual({ score: 6 });
        const [row] = await h.rows('companies');
        expect(row?.custom).toEqual({ score: 6 });
      });

      it('requires a required field on create and refuses clearing it on update', async ({ h }) => {
        await define(h, { key: 'tier', type: 'select', options: options('gold'), required: true });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.companies.create({ name: 'Acme' })),
          ['custom', 'tier'],
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.create({ name: 'Acme', custom: { tier: null } }),
          ),
          ['custom', 'tier'],
        );
        const company = await h.a.companies.create({ name: 'Acme', custom: { tier: 'gold' } });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(company.id, { custom: { tier: null } }, { version: 1 }),
          ),
          ['custom', 'tier'],
        );
        await define(
          h,
          { key: 'tags', type: 'multiSelect', options: options('x'), required: true },
          'person',
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.people.create({ firstName: 'Ann', custom: { tags: [] } }),
          ),
          ['custom', 'tags'],
        );
      });

      it('enforces unique on every type that can be unique, comparing normalised values', async ({ h }) => {
        const target = await makeCompany(h.a);
        const cases: [CustomFieldType, Partial<CustomFieldInput>, unknown, unknown][] = [
          ['text', {}, 'A-1', ' A-1 '],
          ['number', {}, 7, 7],
          ['decimal', {}, 1.5, 1.5],
          ['date', {}, '2024-02-29', '2024-02-29'],
          ['datetime', {}, '2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00'],
          ['select', { options: options('a', 'b') }, 'a', 'a'],
          ['email', {}, 'ann@example.com', 'ANN@Example.com'],
          ['phone', {}, '+14155550132', '+1 (415) 555-0132'],
          ['url', {}, 'https://example.com/x', 'https://example.com/x'],
          ['relation', { relationEntity: 'company' }, target.id, target.id],
        ];
        for (const [type, extra, first, second] of cases) {
          await define(h, { key: `u${type}`, type, unique: true, ...extra }, 'deal');
          await h.a.deals.create({ name: `First ${type}`, currency: 'USD', custom: { [`u${type}`]: first } });
          const error = await failsCleanly(h, 'DUPLICATE', () =>
            h.a.deals.create({ name: `Second ${type}`, currency: 'USD', custom: { [`u${type}`]: second } }),
          );
          expectIssueAt(error, ['custom', `u${type}`]);
        }
      });

      it('applies a default of each type, normalised like a given value', async ({ h }) => {
        const defaults: [CustomFieldType, Partial<CustomFieldInput>, unknown, unknown][] = [
          ['text', {}, ' hello ', 'hello'],
          ['longText', {}, 'long', 'long'],
          ['number', {}, 3, 3],
          ['decimal', {}, 0.25, 0.25],
          ['boolean', {}, false, false],
          ['date', {}, '2024-01-31', '2024-01-31'],
          ['datetime', {}, '2024-06-01T12:00:00+02:00', '2024-06-01T10:00:00.000Z'],
          ['select', { options: options('a', 'b') }, 'b', 'b'],
          ['multiSelect', { options: options('a', 'b') }, ['b', 'a'], ['b', 'a']],
          ['email', {}, 'Info@Example.com', 'info@example.com'],
          ['phone', {}, '+44 20 7946 0958', '+442079460958'],
          ['url', {}, 'https://example.com', 'https://example.com'],
          ['money', {}, { amount: 100, currency: 'eur' }, { amount: 100, currency: 'EUR' }],
        ];
        for (const [type, extra, defaultValue] of defaults)
          await define(h, { key: `d${type}`, type, defaultValue, ...extra }, 'task');
        const task = await h.a.tasks.create({ title: 'Defaults' });
        expect(task.custom).toEqual(
          Object.fromEntries(defaults.map(([type, , , stored]) => [`d${type}`, stored])),
        );
      });

      it('fills defaults on create only, where no value is given', async ({ h }) => {
        await define(h, {
          key: 'tier',
          type: 'select',
          options: options('gold', 'silver'),
          defaultValue: 'silver',
          required: true,
        });
        await define(h, { key: 'active', type: 'boolean', defaultValue: false });
        const plain = await h.a.companies.create({ name: 'Plain' });
        expect(plain.custom).toEqual({ tier: 'silver', active: false });
        const given = await h.a.companies.create({ name: 'Given', custom: { tier: 'gold', active: true } });
        expect(given.custom).toEqual({ tier: 'gold', active: true });
        const updated = await h.a.companies.update(plain.id, { custom: { active: null } }, { version: 1 });
        expect(updated.custom).toEqual({ tier: 'silver' });
      });

      it('checks relations in the tenant, and refuses deleting their target', async ({ h }) => {
        await define(h, { key: 'parent', type: 'relation', relationEntity: 'company' });
        const parent = await makeCompany(h.a);
        const child = await h.a.companies.create({ name: 'Child', custom: { parent: parent.id } });
        expect(child.custom.parent).toBe(parent.id);
        const elsewhere = await makeCompany(h.b);
        expectIssueAt(
          await failsCleanly(h, 'INVALID_REFERENCE', () =>
            h.a.companies.update(child.id, { custom: { parent: elsewhere.id } }, { version: 1 }),
          ),
          ['custom', 'parent'],
        );
        await failsCleanly(h, 'REFERENCED', () => h.a.companies.delete(parent.id));
      });

      it('treats keys named like Object.prototype members as plain keys', async ({ h }) => {
        await define(h, { key: 'constructor', type: 'text', required: true });
        await define(h, { key: 'toString', type: 'number', unique: true });
        await define(h, { key: 'valueOf', type: 'text', defaultValue: 'v' });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.companies.create({ name: 'Acme' })),
          ['custom', 'constructor'],
        );
        const company = await h.a.companies.create({ name: 'Acme', custom: { constructor: 'builder' } });
        expect(company.custom).toEqual({ constructor: 'builder', valueOf: 'v' });
        await h.a.companies.create({ name: 'Other', custom: { constructor: 'x', toString: 1 } });
        await failsCleanly(h, 'DUPLICATE', () =>
          h.a.companies.create({ name: 'Third', custom: { constructor: 'y', toString: 1 } }),
        );
        const [created] = await h.a.companies.history(company.id);
        expect(created?.changes['custom.constructor']).toEqual({ before: null, after: 'builder' });
        expect(created?.changes).not.toHaveProperty('custom.toString');
        expect(await h.a.companies.count({ where: { field: 'custom.toString', op: 'isEmpty' } })).toBe(1);
      });
    });

    describe('changes to definitions', () => {
      it('renames a label without touching stored data', async ({ h }) => {
        const tier = await define(h, { key: 'tier', type: 'text' });
        await h.a.companies.createMany([{ name: 'A', custom: { tier: 'gold' } }, { name: 'B' }]);
        const rows = await h.rows('companies');
        const renamed = await h.a.customFields.update(
          tier.id,
          { label: 'Customer tier', description: 'How much they spend' },
          { version: 1 },
        );
        expect(renamed).toMatchObject({ key: 'tier', label: 'Customer tier', version: 2 });
        expect(await h.rows('companies')).toEqual(rows);
        expect((await h.a.customFields.get(tier.id)).label).toBe('Customer tier');
      });

      it('archives a field: its key is refused in writes and filters, stored values stay; restore brings it back', async ({
        h,
      }) => {
        const tier = await define(h, { key: 'tier', type: 'text', required: true });
        const company = await h.a.companies.create({ name: 'Acme', custom: { tier: 'gold' } });
        await h.a.customFields.archive(tier.id);
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.create({ name: 'X', custom: { tier: 'gold' } }),
        );
        expectIssueAt(error, ['custom', 'tier']);
        expect(error.issues[0]?.code).toBe('archived_field');
        await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, { custom: { tier: 'silver' } }, { version: 1 }),
        );
        await rapportError(
          h.a.companies.list({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } }),
          'INVALID_FILTER',
        );
        await rapportError(h.a.companies.list({ orderBy: 'custom.tier' }), 'INVALID_FILTER');
        const untouched = await h.a.companies.update(company.id, { region: 'North' }, { version: 1 });
        expect(untouched.custom).toEqual({ tier: 'gold' });
        expect((await h.rows('companies'))[0]?.custom).toEqual({ tier: 'gold' });
        await h.a.companies.create({ name: 'No tier needed while archived' });
        await h.a.customFields.restore(tier.id);
        expect(await h.a.companies.count({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } })).toBe(
          1,
        );
        await h.a.companies.update(company.id, { custom: { tier: 'silver' } }, { version: 2 });
      });

      it('refuses a type change existing values cannot take, with TYPE_CHANGE_REFUSED and the exact count, changing nothing', async ({
        h,
      }) => {
        const score = await define(h, { key: 'score', type: 'text' });
        await h.a.companies.createMany([
          { name: 'A', custom: { score: 'high' } },
          { name: 'B', custom: { score: '12' } },
          { name: 'C', custom: { score: 'low' } },
          { name: 'D' },
        ]);
        const archived = await h.a.companies.create({ name: 'E', custom: { score: 'mid' } });
        await h.a.companies.archive(archived.id);
        await h.b.customFields.define({ entity: 'company', key: 'score', label: 'Score', type: 'text' });
        await h.b.companies.create({ name: 'Other tenant', custom: { score: 'n/a' } });
        const error = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
          h.a.customFields.update(score.id, { type: 'number' }, { version: 1 }),
        );
        expect(error.details.offending).toBe(4);
        expect((await h.a.customFields.get(score.id)).type).toBe('text');
      });

      it('refuses narrowing options, bounds or making a field required when stored values break them', async ({
        h,
      }) => {
        const tier = await define(h, {
          key: 'tier',
          type: 'select',
          options: options('gold', 'silver', 'bronze'),
        });
        const size = await define(h, { key: 'size', type: 'number' });
        await h.a.companies.createMany([
          { name: 'A', custom: { tier: 'gold', size: 5 } },
          { name: 'B', custom: { tier: 'silver', size: 50 } },
          { name: 'C', custom: { size: 500 } },
        ]);
        const dropped = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
          h.a.customFields.update(tier.id, { options: options('gold') }, { version: 1 }),
        );
        expect(dropped.details.offending).toBe(1);
        const required = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
          h.a.customFields.update(tier.id, { required: true }, { version: 1 }),
        );
        expect(required.details.offending).toBe(1);
        const bounded = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
          h.a.customFields.update(size.id, { max: 10 }, { version: 1 }),
        );
        expect(bounded.details.offending).toBe(2);
        await h.a.customFields.update(tier.id, { options: options('gold', 'silver') }, { version: 1 });
        await h.a.customFields.update(size.id, { max: 500, min: 0 }, { version: 1 });
      });

      it('allows a type change when every stored value fits, and the new type applies from then on', async ({
        h,
      }) => {
        const note = await define(h, { key: 'note', type: 'text' });
        const level = await define(h, { key: 'level', type: 'number' });
        const tier = await define(h, { key: 'tier', type: 'text' });
        await h.a.companies.createMany([
          { name: 'A', custom: { note: 'short', level: 1, tier: 'gold' } },
          { name: 'B', custom: { level: 2, tier: 'silver' } },
        ]);
        const rows = await h.rows('companies');
        await h.a.customFields.update(note.id, { type: 'longText' }, { version: 1 });
        await h.a.customFields.update(level.id, { type: 'decimal', scale: 1 }, { version: 1 });
        await h.a.customFields.update(
          tier.id,
          { type: 'select', options: options('gold', 'silver') },
          { version: 1 },
        );
        expect(await h.rows('companies')).toEqual(rows);
        await h.a.companies.create({ name: 'C', custom: { level: 2.5, tier: 'gold' } });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.create({ name: 'D', custom: { tier: 'bronze' } }),
          ),
          ['custom', 'tier'],
        );
        expect(await h.a.companies.count({ where: { field: 'custom.level', op: 'gt', value: 1.5 } })).toBe(2);
      });

      it('refuses making a field unique while records share a value, and enforces it once allowed', async ({
        h,
      }) => {
        const code = await define(h, { key: 'code', type: 'text' });
        const [a, b] = await h.a.companies.createMany([
          { name: 'A', custom: { code: 'X' } },
          { name: 'B', custom: { code: 'X' } },
          { name: 'C', custom: { code: 'Y' } },
          { name: 'D' },
        ]);
        const error = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
          h.a.customFields.update(code.id, { unique: true }, { version: 1 }),
        );
        expect(error.details.offending).toBe(1);
        await h.a.companies.update(b?.id as string, { custom: { code: 'Z' } }, { version: 1 });
        await h.a.customFields.update(code.id, { unique: true }, { version: 1 });
        const duplicate = await failsCleanly(h, 'DUPLICATE', () =>
          h.a.companies.create({ name: 'E', custom: { code: 'Y' } }),
        );
        expectIssueAt(duplicate, ['custom', 'code']);
        await h.a.companies.update(a?.id as string, { custom: { code: 'W' } }, { version: 1 });
        await h.a.companies.create({ name: 'F', custom: { code: 'X' } });
        await h.a.customFields.update(code.id, { unique: false }, { version: 2 });
        await h.a.companies.create({ name: 'G', custom: { code: 'X' } });
      });

      it('filters and sorts by a custom field right after defining it', async ({ h }) => {
        await define(h, { key: 'rank', type: 'number' }, 'person');
        await h.a.people.createMany([
          { firstName: 'A', custom: { rank: 2 } },
          { firstName: 'B', custom: { rank: 1 } },
          { firstName: 'C' },
        ]);
        const page = await h.a.people.list({
          where: { field: 'custom.rank', op: 'gte', value: 1 },
          orderBy: 'custom.rank',
        });
        expect(page.items.map((person) => person.firstName)).toEqual(['B', 'A']);
      });
    });
  });
}
