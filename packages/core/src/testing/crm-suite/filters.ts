import { describe, expect } from 'vitest';
import type { Filter } from '../../filter/filter-types';
import { allDeals, dealNames, seedFilterDeals, sorted } from './filter-data';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, rapportError } from './harness';

type Case = readonly [what: string, where: Filter, expected: readonly string[]];

const D1 = 'Éclair bakery';
const D2 = '100% discount';
const D3 = 'abc widgets';
const D4 = 'ABC Gadgets';
const D5 = 'zeta';
const allBut = (...names: string[]) => allDeals.filter((name) => !names.includes(name));

const builtInCases: readonly Case[] = [
  // Text, case-sensitive by default, case-insensitive with full Unicode folding.
  ['text eq is exact', { field: 'name', op: 'eq', value: D3 }, [D3]],
  ['text eq is case-sensitive by default', { field: 'name', op: 'eq', value: 'ABC WIDGETS' }, []],
  [
    'text eq insensitive folds case',
    { field: 'name', op: 'eq', value: 'ABC WIDGETS', mode: 'insensitive' },
    [D3],
  ],
  [
    'text eq sensitive mode is exact',
    { field: 'name', op: 'eq', value: 'ABC WIDGETS', mode: 'sensitive' },
    [],
  ],
  ['text ne', { field: 'name', op: 'ne', value: 'zeta' }, allBut(D5)],
  ['text ne insensitive', { field: 'name', op: 'ne', value: 'ZETA', mode: 'insensitive' }, allBut(D5)],
  ['text lt orders by code point', { field: 'name', op: 'lt', value: 'a' }, [D2, D4]],
  ['text gte puts accented capitals after z', { field: 'name', op: 'gte', value: 'zeta' }, [D5, D1]],
  ['text lte', { field: 'name', op: 'lte', value: D3 }, [D2, D4, D3]],
  ['text gt', { field: 'name', op: 'gt', value: D3 }, [D5, D1]],
  ['text in', { field: 'name', op: 'in', value: ['zeta', D3, 'nope'] }, [D3, D5]],
  [
    'text in insensitive folds Unicode',
    { field: 'name', op: 'in', value: ['ZETA', 'ÉCLAIR BAKERY'], mode: 'insensitive' },
    [D5, D1],
  ],
  ['text notIn', { field: 'name', op: 'notIn', value: ['zeta', D3] }, allBut(D5, D3)],
  ['text in of nothing matches nothing', { field: 'name', op: 'in', value: [] }, []],
  ['text notIn of nothing matches everything', { field: 'name', op: 'notIn', value: [] }, allDeals],
  ['contains takes % literally', { field: 'name', op: 'contains', value: '%' }, [D2]],
  ['contains is case-sensitive by default', { field: 'name', op: 'contains', value: 'c' }, [D2, D3, D1]],
  [
    'contains insensitive',
    { field: 'name', op: 'contains', value: 'C', mode: 'insensitive' },
    [D2, D3, D4, D1],
  ],
  ['contains of the empty string matches every text', { field: 'name', op: 'contains', value: '' }, allDeals],
  ['startsWith sensitive', { field: 'name', op: 'startsWith', value: 'abc' }, [D3]],
  [
    'startsWith insensitive',
    { field: 'name', op: 'startsWith', value: 'abc', mode: 'insensitive' },
    [D3, D4],
  ],
  [
    'startsWith insensitive folds É to é',
    { field: 'name', op: 'startsWith', value: 'éclair', mode: 'insensitive' },
    [D1],
  ],
  ['startsWith sensitive keeps É and é apart', { field: 'name', op: 'startsWith', value: 'éclair' }, []],
  ['endsWith sensitive', { field: 'name', op: 'endsWith', value: 'GETS' }, []],
  ['endsWith insensitive', { field: 'name', op: 'endsWith', value: 'GETS', mode: 'insensitive' }, [D4, D3]],
  // Null semantics on a nullable text.
  ['eq never matches null', { field: 'lostReason', op: 'eq', value: 'Price' }, [D4]],
  ['ne matches null', { field: 'lostReason', op: 'ne', value: 'Price' }, allBut(D4)],
  ['notIn matches null', { field: 'lostReason', op: 'notIn', value: ['Price'] }, allBut(D4)],
  [
    'contains never matches null',
    { field: 'lostReason', op: 'contains', value: '', mode: 'insensitive' },
    [D4],
  ],
  ['isEmpty matches null', { field: 'lostReason', op: 'isEmpty' }, allBut(D4)],
  ['isNotEmpty', { field: 'lostReason', op: 'isNotEmpty' }, [D4]],
  // Integers and reals.
  ['number eq', { field: 'amount', op: 'eq', value: 100 }, [D2]],
  ['number ne', { field: 'amount', op: 'ne', value: 100 }, allBut(D2)],
  ['number gt', { field: 'amount', op: 'gt', value: 5_000 }, [D4, D5]],
  ['number gte', { field: 'amount', op: 'gte', value: 5_000 }, [D4, D1, D5]],
  ['number lt', { field: 'amount', op: 'lt', value: 100 }, [D3]],
  ['number lte', { field: 'amount', op: 'lte', value: 100 }, [D2, D3]],
  ['number in', { field: 'amount', op: 'in', value: [0, 7_000] }, [D3, D5]],
  ['number notIn', { field: 'amount', op: 'notIn', value: [0] }, allBut(D3)],
  ['real eq', { field: 'probability', op: 'eq', value: 0.5 }, [D2, D5]],
  ['real gt never matches null', { field: 'probability', op: 'gt', value: 0.4 }, [D2, D4, D5]],
  ['real lt never matches null', { field: 'probability', op: 'lt', value: 0.2 }, [D1]],
  ['real ne matches null', { field: 'probability', op: 'ne', value: 0.5 }, [D4, D3, D1]],
  ['number isEmpty', { field: 'probability', op: 'isEmpty' }, [D3]],
  // Dates and instants.
  ['date eq', { field: 'expectedCloseDate', op: 'eq', value: '2025-02-20' }, [D2, D5]],
  ['date lt', { field: 'expectedCloseDate', op: 'lt', value: '2025-02-01' }, [D1]],
  ['date gte', { field: 'expectedCloseDate', op: 'gte', value: '2025-02-20' }, [D2, D4, D5]],
  ['date in', { field: 'expectedCloseDate', op: 'in', value: ['2025-01-10', '2025-12-31'] }, [D4, D1]],
  ['date isEmpty', { field: 'expectedCloseDate', op: 'isEmpty' }, [D3]],
  [
    'instant gte reads offsets',
    { field: 'closedAt', op: 'gte', value: '2025-02-21T01:00:00+01:00' },
    [D2, D4],
  ],
  ['instant gt', { field: 'closedAt', op: 'gt', value: '2025-02-21T00:00:00Z' }, [D4]],
  ['instant eq without milliseconds', { field: 'closedAt', op: 'eq', value: '2025-02-21T00:00:00Z' }, [D2]],
  ['instant lt', { field: 'closedAt', op: 'lt', value: '2025-03-01T00:00:00.000Z' }, [D2]],
  ['instant isEmpty', { field: 'closedAt', op: 'isEmpty' }, [D1, D3, D5]],
  ['instant isNotEmpty', { field: 'closedAt', op: 'isNotEmpty' }, [D2, D4]],
  // Lists.
  ['hasAny', { field: 'tags', op: 'hasAny', value: ['vip', 'promo'] }, [D2, D4, D1]],
  ['hasAll', { field: 'tags', op: 'hasAll', value: ['food', 'vip'] }, [D1]],
  ['hasAll of one', { field: 'tags', op: 'hasAll', value: ['vip'] }, [D4, D1]],
  ['hasAny compares exactly', { field: 'tags', op: 'hasAny', value: ['VIP'] }, []],
  ['hasAny of nothing matches nothing', { field: 'tags', op: 'hasAny', value: [] }, []],
  ['hasAll of nothing matches every list', { field: 'tags', op: 'hasAll', value: [] }, allDeals],
  ['list isEmpty matches []', { field: 'tags', op: 'isEmpty' }, [D3, D5]],
  ['list isNotEmpty', { field: 'tags', op: 'isNotEmpty' }, [D2, D4, D1]],
  // Groups.
  [
    'all of any',
    {
      all: [
        { field: 'amount', op: 'gt', value: 50 },
        {
          any: [
            { field: 'tags', op: 'hasAny', value: ['vip'] },
            { field: 'custom.tier', op: 'eq', value: 'bronze' },
          ],
        },
      ],
    },
    [D4, D1, D5],
  ],
  ['not of eq matches null', { not: { field: 'custom.tier', op: 'eq', value: 'gold' } }, allBut(D1)],
  ['not of not', { not: { not: { field: 'custom.tier', op: 'eq', value: 'gold' } } }, [D1]],
  ['all of nothing matches everything', { all: [] }, allDeals],
  ['any of nothing matches nothing', { any: [] }, []],
  ['not of any of nothing matches everything', { not: { any: [] } }, allDeals],
  [
    'any of all and not',
    {
      any: [
        {
          all: [
            { field: 'status', op: 'eq', value: 'open' },
            { field: 'amount', op: 'lt', value: 6_000 },
          ],
        },
        { not: { field: 'closedAt', op: 'isEmpty' } },
      ],
    },
    [D2, D3, D4, D1],
  ],
];

const customCases: readonly Case[] = [
  [
    'text eq insensitive folds É',
    { field: 'custom.note', op: 'eq', value: 'éclair deal', mode: 'insensitive' },
    [D1],
  ],
  ['text eq sensitive', { field: 'custom.note', op: 'eq', value: 'éclair deal' }, []],
  ['text contains takes _ literally', { field: 'custom.note', op: 'contains', value: 'a_b' }, [D2]],
  ['text contains _ alone', { field: 'custom.note', op: 'contains', value: '_' }, [D2]],
  ['text startsWith', { field: 'custom.note', op: 'startsWith', value: 'a' }, [D2, D3]],
  [
    'text endsWith insensitive',
    { field: 'custom.note', op: 'endsWith', value: 'DEAL', mode: 'insensitive' },
    [D1],
  ],
  ['text isEmpty matches missing and empty', { field: 'custom.note', op: 'isEmpty' }, [D4, D5]],
  ['text isNotEmpty', { field: 'custom.note', op: 'isNotEmpty' }, [D2, D3, D1]],
  ['text ne matches missing', { field: 'custom.note', op: 'ne', value: 'axb' }, allBut(D3)],
  [
    'text lt counts the empty string as a value',
    { field: 'custom.note', op: 'lt', value: 'b' },
    [D2, D3, D5],
  ],
  ['number gt', { field: 'custom.score', op: 'gt', value: 0 }, [D2, D1]],
  ['number lte', { field: 'custom.score', op: 'lte', value: 10 }, [D3, D1]],
  ['number eq negative', { field: 'custom.score', op: 'eq', value: -5 }, [D3]],
  ['number in', { field: 'custom.score', op: 'in', value: [10, 20] }, [D2, D1]],
  ['number ne matches missing', { field: 'custom.score', op: 'ne', value: 10 }, allBut(D1)],
  ['number isEmpty', { field: 'custom.score', op: 'isEmpty' }, [D4, D5]],
  ['decimal gt', { field: 'custom.ratio', op: 'gt', value: 2 }, [D2]],
  ['decimal lt', { field: 'custom.ratio', op: 'lt', value: 1 }, [D3]],
  ['decimal eq', { field: 'custom.ratio', op: 'eq', value: 1.5 }, [D1]],
  ['decimal gte', { field: 'custom.ratio', op: 'gte', value: 0.01 }, [D2, D3, D1]],
  ['boolean eq true', { field: 'custom.vip', op: 'eq', value: true }, [D1]],
  ['boolean eq false', { field: 'custom.vip', op: 'eq', value: false }, [D2]],
  ['boolean ne matches missing', { field: 'custom.vip', op: 'ne', value: true }, allBut(D1)],
  ['boolean isEmpty', { field: 'custom.vip', op: 'isEmpty' }, [D4, D3, D5]],
  ['date lt', { field: 'custom.renewal', op: 'lt', value: '2025-04-01' }, [D1]],
  ['date gte', { field: 'custom.renewal', op: 'gte', value: '2025-03-01' }, [D2, D1]],
  ['date isEmpty', { field: 'custom.renewal', op: 'isEmpty' }, [D4, D3, D5]],
  ['datetime gt', { field: 'custom.signedAt', op: 'gt', value: '2025-01-15T00:00:00Z' }, [D2]],
  [
    'datetime lte reads offsets',
    { field: 'custom.signedAt', op: 'lte', value: '2025-01-01T11:00:00+01:00' },
    [D1],
  ],
  ['select eq', { field: 'custom.tier', op: 'eq', value: 'gold' }, [D1]],
  ['select eq insensitive', { field: 'custom.tier', op: 'eq', value: 'GOLD', mode: 'insensitive' }, [D1]],
  ['select in', { field: 'custom.tier', op: 'in', value: ['gold', 'silver'] }, [D2, D1]],
  ['select notIn matches missing', { field: 'custom.tier', op: 'notIn', value: ['gold'] }, allBut(D1)],
  ['select isEmpty', { field: 'custom.tier', op: 'isEmpty' }, [D4, D3]],
  ['multiSelect hasAny', { field: 'custom.regions', op: 'hasAny', value: ['north', 'south'] }, [D2, D1]],
  ['multiSelect hasAll', { field: 'custom.regions', op: 'hasAll', value: ['north', 'east'] }, [D1]],
  [
    'multiSelect hasAll of two apart',
    { field: 'custom.regions', op: 'hasAll', value: ['north', 'south'] },
    [],
  ],
  [
    'multiSelect hasAll of nothing matches every stored list',
    { field: 'custom.regions', op: 'hasAll', value: [] },
    [D2, D3, D1],
  ],
  ['multiSelect isEmpty matches [] and missing', { field: 'custom.regions', op: 'isEmpty' }, [D4, D3, D5]],
  ['multiSelect isNotEmpty', { field: 'custom.regions', op: 'isNotEmpty' }, [D2, D1]],
  ['money amount gte', { field: 'custom.budget.amount', op: 'gte', value: 1_000 }, [D1]],
  ['money amount lt', { field: 'custom.budget.amount', op: 'lt', value: 1_000 }, [D2]],
  ['money amount isEmpty', { field: 'custom.budget.amount', op: 'isEmpty' }, [D4, D3, D5]],
  [
    'money currency eq insensitive',
    { field: 'custom.budget.currency', op: 'eq', value: 'usd', mode: 'insensitive' },
    [D2],
  ],
  ['money currency in', { field: 'custom.budget.currency', op: 'in', value: ['EUR'] }, [D1]],
];

/** Filters that must be refused with INVALID_FILTER, and the path of the offending node. */
const invalidCases: readonly (readonly [what: string, where: unknown, path: readonly (string | number)[]])[] =
  [
    ['an unknown field', { field: 'nope', op: 'eq', value: 1 }, ['field']],
    [
      'an unknown field deep in groups',
      {
        all: [
          { field: 'amount', op: 'gt', value: 0 },
          {
            any: [
              { field: 'name', op: 'eq', value: 'x' },
              { field: 'nope', op: 'eq', value: 1 },
            ],
          },
        ],
      },
      ['all', 1, 'any', 1, 'field'],
    ],
    ['an unknown custom field', { field: 'custom.nope', op: 'eq', value: 1 }, ['field']],
    ["another entity's custom field", { field: 'custom.personOnly', op: 'eq', value: 'x' }, ['field']],
    ['an empty field name', { field: '', op: 'eq', value: 'x' }, ['field']],
    ['a field named __proto__', { field: '__proto__', op: 'eq', value: 'x' }, ['field']],
    ['a field named constructor', { field: 'constructor', op: 'isEmpty' }, ['field']],
    ['a custom field named __proto__', { field: 'custom.__proto__', op: 'isEmpty' }, ['field']],
    ['a field that cannot be filtered', { field: 'address', op: 'isEmpty' }, ['field']],
    ['a money field without amount or currency', { field: 'custom.budget', op: 'eq', value: 1 }, ['field']],
    ['a sub-field of a text field', { field: 'custom.note.length', op: 'eq', value: 1 }, ['field']],
    ['a text value for a number', { not: { field: 'amount', op: 'eq', value: 'abc' } }, ['not', 'value']],
    ['a number value for text', { field: 'name', op: 'eq', value: 5 }, ['value']],
    ['a bad element in an in list', { field: 'amount', op: 'in', value: [1, '2'] }, ['value', 1]],
    ['30 February', { field: 'expectedCloseDate', op: 'eq', value: '2025-02-30' }, ['value']],
    ['an instant in words', { field: 'closedAt', op: 'gt', value: 'yesterday' }, ['value']],
    ['a string for a boolean', { field: 'custom.vip', op: 'eq', value: 'true' }, ['value']],
    ['an object as a value', { field: 'name', op: 'eq', value: {} }, ['value']],
    ['a list operator value that is not a list', { field: 'name', op: 'in', value: 'zeta' }, ['value']],
    ['contains on a number', { field: 'amount', op: 'contains', value: '1' }, ['op']],
    ['lt on a boolean', { field: 'custom.vip', op: 'lt', value: 1 }, ['op']],
    ['eq on a list', { field: 'tags', op: 'eq', value: 'vip' }, ['op']],
    ['hasAny on text', { field: 'name', op: 'hasAny', value: ['x'] }, ['op']],
    ['startsWith on a multi-select', { field: 'custom.regions', op: 'startsWith', value: 'n' }, ['op']],
    ['a case mode on a number', { field: 'amount', op: 'eq', value: 1, mode: 'insensitive' }, ['mode']],
    ['an unknown case mode', { field: 'name', op: 'eq', value: 'x', mode: 'loose' }, ['mode']],
    ['an unknown operator', { field: 'name', op: 'like', value: 'x%' }, ['op']],
    ['a comparison without a value', { field: 'name', op: 'eq' }, ['value']],
    ['an extra key on a comparison', { field: 'name', op: 'eq', value: 'x', extra: 1 }, ['extra']],
    ['null', null, []],
    ['a list', [], []],
    ['a string', 'name = x', []],
    ['an empty object', {}, []],
    ['a group that is not a list', { all: 'x' }, ['all']],
    ['a null child', { all: [null] }, ['all', 0]],
    ['two groups in one node', { all: [], any: [] }, []],
    ['a not of a list', { not: [] }, ['not']],
  ];

/** Every operator with its case mode and null semantics, on built-in and custom fields, and bad filters. */
export function describeFilters(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('filters', () => {
    describe('on built-in fields', () => {
      it('matches what each operator promises', async ({ h }) => {
        await seedFilterDeals(h.a);
        for (const [what, where, expected] of builtInCases) {
          expect(await dealNames(h.a, where), what).toEqual(sorted(expected));
        }
      });
    });

    describe('on custom fields', () => {
      it('matches what each operator promises on each custom field type', async ({ h }) => {
        await seedFilterDeals(h.a);
        for (const [what, where, expected] of customCases) {
          expect(await dealNames(h.a, where), what).toEqual(sorted(expected));
        }
      });
    });

    it('counts what it lists', async ({ h }) => {
      await seedFilterDeals(h.a);
      for (const [what, where, expected] of [...builtInCases, ...customCases]) {
        expect(await h.a.deals.count({ where }), what).toBe(expected.length);
      }
    });

    it('compares booleans of built-in fields with eq and ne only', async ({ h }) => {
      await h.a.products.createMany([
        { sku: 'A', name: 'On', unitPrice: 1 },
        { sku: 'B', name: 'Off', unitPrice: 1, active: false },
      ]);
      const names = async (where: Filter) =>
        (await h.a.products.list({ where })).items.map((product) => product.name);
      expect(await names({ field: 'active', op: 'eq', value: false })).toEqual(['Off']);
      expect(await names({ field: 'active', op: 'ne', value: true })).toEqual(['Off']);
      expectIssueAt(
        await rapportError(
          h.a.products.list({ where: { field: 'active', op: 'gt', value: 0 } as Filter }),
          'INVALID_FILTER',
        ),
        ['op'],
      );
    });

    it('filters people by their consents, inside the consent field', async ({ h }) => {
      await h.a.people.createMany([
        { firstName: 'Mail', consent: { email: true, sms: false, phone: false } },
        { firstName: 'Text', consent: { email: false, sms: true, phone: false } },
        { firstName: 'None' },
      ]);
      const names = async (where: Filter<'person'>) =>
        (await h.a.people.list({ where, orderBy: 'firstName' })).items.map((person) => person.firstName);
      expect(await names({ field: 'consent.email', op: 'eq', value: true })).toEqual(['Mail']);
      expect(await names({ field: 'consent.sms', op: 'ne', value: true })).toEqual(['Mail', 'None']);
      expect(await h.a.people.count({ where: { field: 'consent.phone', op: 'eq', value: false } })).toBe(3);
      expectIssueAt(
        await rapportError(
          h.a.people.list({ where: { field: 'consent.fax', op: 'eq', value: true } as Filter }),
          'INVALID_FILTER',
        ),
        ['field'],
      );
    });

    it('filters by id and by references', async ({ h }) => {
      const company = await h.a.companies.create({ name: 'Acme' });
      const [ann, bob] = await h.a.people.createMany([
        { firstName: 'Ann', companyId: company.id },
        { firstName: 'Bob' },
      ]);
      const ids = async (where: Filter) =>
        (await h.a.people.list({ where })).items.map((person) => person.id);
      expect(await ids({ field: 'id', op: 'eq', value: bob?.id as string })).toEqual([bob?.id]);
      expect(await ids({ field: 'companyId', op: 'eq', value: company.id })).toEqual([ann?.id]);
      expect(await ids({ field: 'companyId', op: 'isEmpty' })).toEqual([bob?.id]);
    });

    describe('refused with INVALID_FILTER', () => {
      for (const [what, where, path] of invalidCases) {
        it(`refuses ${what} with INVALID_FILTER at ${path.join('.') || '(root)'}`, async ({ h }) => {
          await seedFilterDeals(h.a);
          await h.a.customFields.define({
            entity: 'person',
            key: 'personOnly',
            label: 'Person only',
            type: 'text',
          });
          const error = await rapportError(h.a.deals.list({ where: where as Filter }), 'INVALID_FILTER');
          expectIssueAt(error, path);
          const counted = await rapportError(h.a.deals.count({ where: where as Filter }), 'INVALID_FILTER');
          expectIssueAt(counted, path);
        });
      }

      it('refuses filters nested deeper than the limit', async ({ h }) => {
        let where: Filter = { field: 'name', op: 'eq', value: 'x' };
        for (let depth = 0; depth < 20; depth++) where = { not: where };
        expect(await h.a.deals.list({ where })).toMatchObject({ items: [] });
        for (let depth = 0; depth < 100; depth++) where = { not: where };
        await rapportError(h.a.deals.list({ where }), 'INVALID_FILTER');
      });

      it('refuses an archived custom field, and accepts it again once restored', async ({ h }) => {
        await seedFilterDeals(h.a);
        const [tier] = await h.a.customFields
          .list({ entity: 'deal' })
          .then((fields) => fields.filter((field) => field.key === 'tier'));
        await h.a.customFields.archive(tier?.id as string);
        const error = await rapportError(
          h.a.deals.list({ where: { all: [{ field: 'custom.tier', op: 'eq', value: 'gold' }] } }),
          'INVALID_FILTER',
        );
        expectIssueAt(error, ['all', 0, 'field']);
        await h.a.customFields.restore(tier?.id as string);
        expect(await dealNames(h.a, { field: 'custom.tier', op: 'eq', value: 'gold' })).toEqual([D1]);
      });
    });
  });
}
