import { describe, expect } from 'vitest';
import { asc, idField } from './condition-builders';
import type { SuiteContext } from './suite-context';
import { thingRow } from './suite-schema';

/**
 * Values come back exactly as written, of the JavaScript type the schema promises, and a caller's objects
 * are never shared with the store.
 *
 * @example
 * ```ts
 * defineRoundTripTests(context);
 * ```
 */
export function defineRoundTripTests(context: SuiteContext): void {
  describe('values round-trip', () => {
    const adapter = context.sharedAdapter();

    const roundTrip = async (values: Parameters<typeof thingRow>[2]) => {
      const tenantId = context.newTenant();
      const row = thingRow(tenantId, 'a', values);
      await adapter().transaction((tx) => tx.insert({ table: 'things', rows: [row] }));
      return { row, read: await adapter().findById({ table: 'things', tenantId, id: 'a' }) };
    };

    context.test(
      'json columns round-trip nested objects, arrays, unicode, numbers, booleans and null',
      async () => {
        const data = {
          text: 'Zoë 😀 Ελληνικά 中文 עברית',
          nested: { list: [1, 2.5, -3, { deep: [true, false, null] }], empty: {}, none: [] },
          keyWith: { 'a.b': 1, 'quote"d': 2, ünï: 3 },
          nothing: null,
          big: 9007199254740991,
        };
        const { row, read } = await roundTrip({ data, tags: ['a', 'b'] });
        expect(read).toEqual(row);
        expect(read?.data).toEqual(data);
      },
    );

    context.test('a json column holding a top-level array round-trips as an array', async () => {
      const { read } = await roundTrip({ data: [1, 'two', { three: 3 }] });
      expect(read?.data).toEqual([1, 'two', { three: 3 }]);
    });

    context.test('booleans round-trip as booleans, not numbers', async () => {
      const yes = await roundTrip({ active: true });
      const no = await roundTrip({ active: false });
      const unknown = await roundTrip({ active: null });
      expect(yes.read?.active).toBe(true);
      expect(no.read?.active).toBe(false);
      expect(unknown.read?.active).toBeNull();
    });

    context.test('integers round-trip up to Number.MAX_SAFE_INTEGER, negatives included', async () => {
      expect((await roundTrip({ count: Number.MAX_SAFE_INTEGER })).read?.count).toBe(Number.MAX_SAFE_INTEGER);
      expect((await roundTrip({ count: -Number.MAX_SAFE_INTEGER })).read?.count).toBe(
        -Number.MAX_SAFE_INTEGER,
      );
      expect((await roundTrip({ count: 0 })).read?.count).toBe(0);
    });

    context.test('reals round-trip with full double precision', async () => {
      for (const score of [0.1, -2.5e-9, 1e300, 1 / 3]) {
        expect((await roundTrip({ score })).read?.score).toBe(score);
      }
    });

    context.test('text round-trips exactly, the empty string staying distinct from null', async () => {
      const name = 'e\u0301 é İ ß 😀 \uFF5E \t "quotes" \'single\' \\ % _';
      expect((await roundTrip({ name })).read?.name).toBe(name);
      expect((await roundTrip({ name: '' })).read?.name).toBe('');
      expect((await roundTrip({ name: null })).read?.name).toBeNull();
    });

    context.test('timestamps and dates round-trip as the same strings', async () => {
      const { read } = await roundTrip({ happened_at: '2024-02-29T23:59:59.999Z', born_on: '2024-02-29' });
      expect(read?.happened_at).toBe('2024-02-29T23:59:59.999Z');
      expect(read?.born_on).toBe('2024-02-29');
    });

    context.test('mutating a row after inserting it does not change what is stored', async () => {
      const tenantId = context.newTenant();
      const data = { tier: 'gold', list: [1] };
      const row = thingRow(tenantId, 'a', { name: 'Ann', data });
      await adapter().transaction((tx) => tx.insert({ table: 'things', rows: [row] }));
      row.name = 'mutated';
      data.tier = 'mutated';
      data.list.push(2);
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toMatchObject({
        name: 'Ann',
        data: { tier: 'gold', list: [1] },
      });
    });

    context.test('mutating a returned row does not change what is stored', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction((tx) =>
        tx.insert({
          table: 'things',
          rows: [thingRow(tenantId, 'a', { name: 'Ann', data: { tier: 'gold', list: [1] } })],
        }),
      );
      const first = await adapter().findById({ table: 'things', tenantId, id: 'a' });
      const [listed] = await adapter().findMany({ table: 'things', tenantId });
      for (const row of [first, listed]) {
        if (row === undefined) throw new Error('the row was not found');
        row.name = 'mutated';
        (row.data as { tier: string; list: number[] }).tier = 'mutated';
        (row.data as { tier: string; list: number[] }).list.push(2);
      }
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toMatchObject({
        name: 'Ann',
        data: { tier: 'gold', list: [1] },
      });
    });

    context.test("raw.rows returns every tenant's rows ordered by primary key", async () => {
      const first = context.newTenant('raw-a');
      const second = context.newTenant('raw-b');
      const rows = [
        thingRow(second, 'b'),
        thingRow(first, 'c'),
        thingRow(second, 'a'),
        thingRow(first, 'a'),
        thingRow(first, 'b'),
      ];
      await adapter().transaction((tx) => tx.insert({ table: 'things', rows }));
      const ours = (await adapter().raw.rows('things')).filter(
        (row) => row.tenant_id === first || row.tenant_id === second,
      );
      expect(ours.map((row) => `${row.tenant_id}/${row.id}`)).toEqual([
        `${first}/a`,
        `${first}/b`,
        `${first}/c`,
        `${second}/a`,
        `${second}/b`,
      ]);
      expect(ours[0]).toEqual(thingRow(first, 'a'));
      const [ordered] = await adapter().findMany({
        table: 'things',
        tenantId: first,
        orderBy: [asc(idField)],
        limit: 1,
      });
      expect(ordered).toEqual(ours[0]);
    });
  });
}
