import { sqliteAdapter } from '@rapport/adapter-sqlite';
import type { Condition, FieldRef, Scalar, StorageAdapter, ValueType } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, testMigrations } from './test-schema';

const column = (name: string, type: ValueType = 'text'): FieldRef => ({
  operand: { kind: 'column', column: name },
  type,
});
const custom = (path: string[], type: ValueType = 'text'): FieldRef => ({
  operand: { kind: 'jsonPath', column: 'custom', path },
  type,
});
const compare = (
  field: FieldRef,
  op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte',
  value: Scalar,
  caseInsensitive = false,
): Condition => ({
  kind: 'compare',
  field,
  op,
  value,
  caseInsensitive,
});
const isIn = (field: FieldRef, values: Scalar[], negate = false, caseInsensitive = false): Condition => ({
  kind: 'in',
  field,
  values,
  negate,
  caseInsensitive,
});
const text = (
  field: FieldRef,
  op: 'contains' | 'startsWith' | 'endsWith',
  value: string,
  caseInsensitive = false,
): Condition => ({
  kind: 'text',
  field,
  op,
  value,
  caseInsensitive,
});
const has = (field: FieldRef, values: string[], mode: 'any' | 'all'): Condition => ({
  kind: 'has',
  field,
  values,
  mode,
});
const not = (condition: Condition): Condition => ({ kind: 'not', condition });
const name = column('name');
const tags = column('tags', 'textList');

const ALL = ['p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07', 'p08', 'p09', 'p10'];
const except = (...ids: string[]) => ALL.filter((id) => !ids.includes(id));

describe('sqlite conditions', () => {
  let adapter: StorageAdapter;
  const ids = async (where: Condition) =>
    (await adapter.findMany({ table: 'people', tenantId: 't1', where })).map((row) => row.id);

  beforeAll(async () => {
    adapter = sqliteAdapter({ filename: ':memory:' });
    await adapter.migrate({ migrations: testMigrations });
    await adapter.transaction((tx) =>
      tx.insert({
        table: 'people',
        rows: [
          person('p01', {
            name: 'Éclair',
            age: 30,
            score: 1.5,
            active: true,
            born: '1990-01-01',
            seen_at: '2024-01-01T00:00:00.000Z',
            tags: ['vip', 'new'],
            custom: { tier: 'gold', level: 3, ok: true, list: ['a'] },
          }),
          person('p02', {
            name: 'éclair',
            age: 25,
            score: 2,
            active: false,
            born: '1985-06-30',
            tags: ['new'],
            custom: { tier: 'Silver', level: '3', ok: 'yes' },
          }),
          person('p03', { name: 'ß', tags: [], custom: { tier: null } }),
          person('p04', { name: 'SS', age: 40, custom: {} }),
          person('p05', { name: '', age: 0, score: -1, tags: ['VIP'], custom: { tier: '', level: 10.5 } }),
          person('p06', {}),
          person('p07', {
            name: '😀 smile',
            age: 30,
            tags: ['vip'],
            custom: { tier: 'gold', nested: { x: 'y' } },
          }),
          person('p08', {
            name: '100%_off',
            custom: { 'odd.key': 'dot', 'q"uote': 'quoted', 'back\\slash': 'bs' },
          }),
          person('p09', { name: 'ｚ', custom: { tier: 'bronze' } }),
          person('p10', { name: 'Zed', custom: { tier: 5 } }),
          // Another tenant's twin must never show up.
          person('p01', {
            tenant_id: 't2',
            name: 'Éclair',
            age: 30,
            tags: ['vip'],
            custom: { tier: 'gold' },
          }),
        ],
      }),
    );
  });
  afterAll(async () => {
    await adapter.close();
  });

  describe('compare', () => {
    it('compares text exactly, or folding both sides with toLowerCase', async () => {
      expect(await ids(compare(name, 'eq', 'éclair'))).toEqual(['p02']);
      expect(await ids(compare(name, 'eq', 'ÉCLAIR', true))).toEqual(['p01', 'p02']);
      // Capital sharp s folds to ß; ß does not fold to ss.
      expect(await ids(compare(name, 'eq', 'ẞ', true))).toEqual(['p03']);
      expect(await ids(compare(name, 'eq', 'ss', true))).toEqual(['p04']);
    });

    it('lets ne match null', async () => {
      expect(await ids(compare(name, 'ne', 'éclair'))).toEqual(except('p02'));
      expect(await ids(compare(name, 'ne', 'ÉCLAIR', true))).toEqual(except('p01', 'p02'));
      expect(await ids(compare(column('age', 'number'), 'ne', 30))).toEqual(except('p01', 'p07'));
      expect(await ids(compare(column('active', 'boolean'), 'ne', true))).toEqual(except('p01'));
    });

    it('orders text by code point, case-sensitively, and never matches null', async () => {
      expect(await ids(compare(name, 'lt', 'a'))).toEqual(['p04', 'p05', 'p08', 'p10']);
      expect(await ids(compare(name, 'lt', 'a', true))).toEqual(['p04', 'p05', 'p08', 'p10']);
      // U+1F600 sorts after U+FF5A by code point, although not by UTF-16 code unit.
      expect(await ids(compare(name, 'gt', 'ｚ'))).toEqual(['p07']);
      expect(await ids(compare(name, 'gte', 'ｚ'))).toEqual(['p07', 'p09']);
    });

    it('compares numbers, booleans, dates and timestamps', async () => {
      expect(await ids(compare(column('age', 'number'), 'gt', 29))).toEqual(['p01', 'p04', 'p07']);
      expect(await ids(compare(column('age', 'number'), 'lte', 0))).toEqual(['p05']);
      expect(await ids(compare(column('score', 'number'), 'gt', 1.5))).toEqual(['p02']);
      expect(await ids(compare(column('score', 'number'), 'lt', 0))).toEqual(['p05']);
      expect(await ids(compare(column('active', 'boolean'), 'eq', true))).toEqual(['p01']);
      expect(await ids(compare(column('active', 'boolean'), 'eq', false))).toEqual(['p02']);
      expect(await ids(compare(column('born', 'date'), 'gte', '1990-01-01'))).toEqual(['p01']);
      expect(await ids(compare(column('seen_at', 'timestamp'), 'lt', '2025-01-01T00:00:00.000Z'))).toEqual([
        'p01',
      ]);
    });
  });

  describe('in', () => {
    it('matches listed values, folded when asked, never null', async () => {
      expect(await ids(isIn(name, ['Zed', 'SS']))).toEqual(['p04', 'p10']);
      expect(await ids(isIn(name, ['ÉCLAIR', 'zed'], false, true))).toEqual(['p01', 'p02', 'p10']);
      expect(await ids(isIn(column('age', 'number'), [25, 40]))).toEqual(['p02', 'p04']);
    });

    it('matches nothing when empty, and notIn matches null and, when empty, everything', async () => {
      expect(await ids(isIn(name, []))).toEqual([]);
      expect(await ids(isIn(name, ['Zed'], true))).toEqual(except('p10'));
      expect(await ids(isIn(name, ['éclair'], true, true))).toEqual(except('p01', 'p02'));
      expect(await ids(isIn(name, [], true))).toEqual(ALL);
    });
  });

  describe('text', () => {
    it('takes the value literally, with no wildcards', async () => {
      expect(await ids(text(name, 'contains', 'clai'))).toEqual(['p01', 'p02']);
      expect(await ids(text(name, 'contains', '%'))).toEqual(['p08']);
      expect(await ids(text(name, 'contains', '_'))).toEqual(['p08']);
      expect(await ids(text(name, 'startsWith', '100%'))).toEqual(['p08']);
      expect(await ids(text(name, 'contains', '😀'))).toEqual(['p07']);
    });

    it('folds both sides when case-insensitive', async () => {
      expect(await ids(text(name, 'contains', 'ÉC', true))).toEqual(['p01', 'p02']);
      expect(await ids(text(name, 'startsWith', 'É'))).toEqual(['p01']);
      expect(await ids(text(name, 'startsWith', 'é', true))).toEqual(['p01', 'p02']);
      expect(await ids(text(name, 'endsWith', 'AIR', true))).toEqual(['p01', 'p02']);
    });

    it('matches ends exactly, also when the suffix is longer than the text', async () => {
      expect(await ids(text(name, 'endsWith', 'air'))).toEqual(['p01', 'p02']);
      expect(await ids(text(name, 'endsWith', '😀 smile'))).toEqual(['p07']);
      expect(await ids(text(name, 'endsWith', 'xSS'))).toEqual([]);
    });

    it('finds the empty string in every non-null text', async () => {
      const nonNull = except('p06');
      expect(await ids(text(name, 'contains', ''))).toEqual(nonNull);
      expect(await ids(text(name, 'startsWith', ''))).toEqual(nonNull);
      expect(await ids(text(name, 'endsWith', ''))).toEqual(nonNull);
    });
  });

  describe('empty and null', () => {
    it('treats null, the empty string and the empty list as empty', async () => {
      expect(await ids({ kind: 'empty', field: name, negate: false })).toEqual(['p05', 'p06']);
      expect(await ids({ kind: 'empty', field: name, negate: true })).toEqual(except('p05', 'p06'));
      expect(await ids({ kind: 'empty', field: tags, negate: false })).toEqual([
        'p03',
        'p04',
        'p06',
        'p08',
        'p09',
        'p10',
      ]);
      expect(await ids({ kind: 'empty', field: tags, negate: true })).toEqual(['p01', 'p02', 'p05', 'p07']);
      expect(await ids({ kind: 'empty', field: column('age', 'number'), negate: false })).toEqual([
        'p03',
        'p06',
        'p08',
        'p09',
        'p10',
      ]);
    });

    it('matches exactly null, not the empty string', async () => {
      expect(await ids({ kind: 'null', field: name, negate: false })).toEqual(['p06']);
      expect(await ids({ kind: 'null', field: name, negate: true })).toEqual(except('p06'));
    });
  });

  describe('has', () => {
    it('matches any or all of the values, exactly', async () => {
      expect(await ids(has(tags, ['vip'], 'any'))).toEqual(['p01', 'p07']);
      expect(await ids(has(tags, ['vip', 'new'], 'any'))).toEqual(['p01', 'p02', 'p07']);
      expect(await ids(has(tags, ['vip', 'new'], 'all'))).toEqual(['p01']);
    });

    it('matches nothing for any of none, and every non-null list for all of none', async () => {
      expect(await ids(has(tags, [], 'any'))).toEqual([]);
      expect(await ids(has(tags, [], 'all'))).toEqual(['p01', 'p02', 'p03', 'p05', 'p07']);
      expect(await ids(not(has(tags, ['vip'], 'any')))).toEqual(except('p01', 'p07'));
    });
  });

  describe('JSON paths', () => {
    it('reads custom fields, a missing key and a JSON null as null', async () => {
      const tier = custom(['tier']);
      expect(await ids(compare(tier, 'eq', 'gold'))).toEqual(['p01', 'p07']);
      expect(await ids(compare(tier, 'eq', 'silver', true))).toEqual(['p02']);
      expect(await ids(compare(tier, 'ne', 'gold'))).toEqual(except('p01', 'p07'));
      expect(await ids({ kind: 'null', field: tier, negate: false })).toEqual([
        'p03',
        'p04',
        'p06',
        'p08',
        'p10',
      ]);
      expect(await ids({ kind: 'empty', field: tier, negate: false })).toEqual([
        'p03',
        'p04',
        'p05',
        'p06',
        'p08',
        'p10',
      ]);
    });

    it('reads a value of another JSON type than the field as null', async () => {
      expect(await ids(compare(custom(['level'], 'number'), 'gt', 2))).toEqual(['p01', 'p05']);
      expect(await ids(compare(custom(['level'], 'number'), 'ne', 3))).toEqual(except('p01'));
      expect(await ids(compare(custom(['ok'], 'boolean'), 'eq', true))).toEqual(['p01']);
      expect(await ids(compare(custom(['ok'], 'boolean'), 'ne', true))).toEqual(except('p01'));
      expect(await ids(has(custom(['list'], 'textList'), ['a'], 'any'))).toEqual(['p01']);
      expect(await ids(has(custom(['tier'], 'textList'), ['gold'], 'any'))).toEqual([]);
    });

    it('walks nested objects and keys with dots, quotes and backslashes', async () => {
      expect(await ids(compare(custom(['nested', 'x']), 'eq', 'y'))).toEqual(['p07']);
      expect(await ids(compare(custom(['tier', 'x']), 'eq', 'gold'))).toEqual([]);
      expect(await ids(compare(custom(['odd.key']), 'eq', 'dot'))).toEqual(['p08']);
      expect(await ids(compare(custom(['q"uote']), 'eq', 'quoted'))).toEqual(['p08']);
      expect(await ids(compare(custom(['back\\slash']), 'eq', 'bs'))).toEqual(['p08']);
    });
  });

  describe('logic', () => {
    it('treats and of nothing as true and or of nothing as false', async () => {
      expect(await ids({ kind: 'and', conditions: [] })).toEqual(ALL);
      expect(await ids({ kind: 'or', conditions: [] })).toEqual([]);
      expect(await ids(not({ kind: 'and', conditions: [] }))).toEqual([]);
      expect(await ids(not({ kind: 'or', conditions: [] }))).toEqual(ALL);
    });

    it('negates to exactly the rows the condition does not match, nulls included', async () => {
      expect(await ids(not(compare(column('age', 'number'), 'gt', 29)))).toEqual(except('p01', 'p04', 'p07'));
      expect(await ids(not(text(name, 'contains', 'clai')))).toEqual(except('p01', 'p02'));
      expect(await ids(not(compare(name, 'eq', 'Zed')))).toEqual(except('p10'));
      expect(await ids(not(not(compare(name, 'eq', 'Zed'))))).toEqual(['p10']);
      expect(
        await ids(
          not({
            kind: 'and',
            conditions: [
              compare(column('age', 'number'), 'gte', 30),
              compare(column('active', 'boolean'), 'eq', true),
            ],
          }),
        ),
      ).toEqual(except('p01'));
    });

    it('combines conditions', async () => {
      expect(
        await ids({
          kind: 'or',
          conditions: [compare(column('age', 'number'), 'eq', 25), compare(name, 'eq', 'Zed')],
        }),
      ).toEqual(['p02', 'p10']);
      expect(
        await ids({
          kind: 'and',
          conditions: [
            compare(column('age', 'number'), 'gte', 30),
            compare(column('active', 'boolean'), 'eq', true),
          ],
        }),
      ).toEqual(['p01']);
    });
  });

  describe('the same conditions elsewhere', () => {
    it('counts and deletes exactly what findMany finds', async () => {
      const where = has(tags, ['vip'], 'any');
      expect(await adapter.count({ table: 'people', tenantId: 't1', where })).toBe(2);
      expect(await adapter.count({ table: 'people', tenantId: 't2', where })).toBe(1);
      const deleted = await adapter
        .transaction(async (tx) => {
          const count = await tx.delete({ table: 'people', tenantId: 't1', where });
          throw Object.assign(new Error('undo'), { count });
        })
        .catch((error: { count: number }) => error.count);
      expect(deleted).toBe(2);
    });
  });

  describe('invalid conditions', () => {
    it('refuses what the contract does not allow with INVALID_FILTER', async () => {
      const invalid: Condition[] = [
        compare(column('active', 'boolean'), 'lt', true),
        compare(name, 'eq', 3),
        compare(column('age', 'number'), 'eq', Number.NaN),
        compare(tags, 'eq', 'vip'),
        has(name, ['x'], 'any'),
        text(column('age', 'number'), 'contains', '3'),
        compare({ operand: { kind: 'jsonPath', column: 'name', path: ['x'] }, type: 'text' }, 'eq', 'x'),
      ];
      for (const where of invalid) await expect(ids(where)).rejects.toMatchObject({ code: 'INVALID_FILTER' });
    });

    it('reports an unknown column as STORAGE_ERROR, as the engine would', async () => {
      await expect(ids(compare(column('shoe_size'), 'eq', 'x'))).rejects.toMatchObject({
        code: 'STORAGE_ERROR',
        details: { column: 'shoe_size' },
      });
    });
  });
});
