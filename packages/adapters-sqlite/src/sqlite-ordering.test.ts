import { sqliteAdapter } from '@rapport/adapter-sqlite';
import type { FieldRef, OrderTerm, StorageAdapter, ValueType } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, testMigrations } from './test-schema';

const column = (name: string, type: ValueType = 'text'): FieldRef => ({
  operand: { kind: 'column', column: name },
  type,
});
const asc = (field: FieldRef): OrderTerm => ({ field, direction: 'asc' });
const desc = (field: FieldRef): OrderTerm => ({ field, direction: 'desc' });
const byId = asc(column('id'));

describe('sqlite ordering', () => {
  let adapter: StorageAdapter;
  const ids = async (orderBy: OrderTerm[], limit?: number) =>
    (
      await adapter.findMany({
        table: 'people',
        tenantId: 't1',
        orderBy,
        ...(limit === undefined ? {} : { limit }),
      })
    ).map((row) => row.id);

  beforeAll(async () => {
    adapter = sqliteAdapter({ filename: ':memory:' });
    await adapter.migrate({ migrations: testMigrations });
    await adapter.transaction((tx) =>
      tx.insert({
        table: 'people',
        rows: [
          person('a', { name: 'b', age: 3, active: true, custom: { rank: 2 } }),
          person('b', { name: 'B', age: null, active: false, custom: { rank: 'high' } }),
          person('c', { name: null, age: 1, active: null, custom: {} }),
          person('d', { name: 'é', age: 3, active: true, custom: { rank: 10 } }),
          person('e', { name: '😀', age: 2, active: false, custom: { rank: 1.5 } }),
          person('f', { name: 'ｚ', age: null, active: true }),
        ],
      }),
    );
  });
  afterAll(async () => {
    await adapter.close();
  });

  it('sorts text by code point in both directions, nulls last', async () => {
    expect(await ids([asc(column('name')), byId])).toEqual(['b', 'a', 'd', 'f', 'e', 'c']);
    expect(await ids([desc(column('name')), byId])).toEqual(['e', 'f', 'd', 'a', 'b', 'c']);
  });

  it('sorts numbers with nulls last in both directions and breaks ties with later terms', async () => {
    expect(await ids([asc(column('age', 'number')), byId])).toEqual(['c', 'e', 'a', 'd', 'b', 'f']);
    expect(await ids([desc(column('age', 'number')), byId])).toEqual(['a', 'd', 'e', 'c', 'b', 'f']);
    expect(await ids([desc(column('age', 'number')), desc(column('id'))])).toEqual([
      'd',
      'a',
      'e',
      'c',
      'f',
      'b',
    ]);
  });

  it('sorts false before true', async () => {
    expect(await ids([asc(column('active', 'boolean')), byId])).toEqual(['b', 'e', 'a', 'd', 'f', 'c']);
    expect(await ids([desc(column('active', 'boolean')), byId])).toEqual(['a', 'd', 'f', 'b', 'e', 'c']);
  });

  it('sorts JSON values of the field type, others last with the nulls', async () => {
    const rank: FieldRef = {
      operand: { kind: 'jsonPath', column: 'custom', path: ['rank'] },
      type: 'number',
    };
    expect(await ids([asc(rank), byId])).toEqual(['e', 'a', 'd', 'b', 'c', 'f']);
    expect(await ids([desc(rank), byId])).toEqual(['d', 'a', 'e', 'b', 'c', 'f']);
  });

  it('orders by primary key when no order is given, and applies the limit', async () => {
    expect((await adapter.findMany({ table: 'people', tenantId: 't1' })).map((row) => row.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    expect(await ids([desc(column('id'))], 2)).toEqual(['f', 'e']);
    expect(await ids([byId], 0)).toEqual([]);
  });

  it('refuses a negative or fractional limit and ordering by a list', async () => {
    await expect(ids([byId], -1)).rejects.toMatchObject({ code: 'MISUSE' });
    await expect(ids([byId], 1.5)).rejects.toMatchObject({ code: 'MISUSE' });
    await expect(ids([asc(column('tags', 'textList'))])).rejects.toMatchObject({ code: 'INVALID_FILTER' });
  });
});
