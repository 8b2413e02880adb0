import { describe, expect, it } from 'vitest';
import type { Condition } from '../storage/condition';
import type { Migration, TableDef } from '../storage/schema';
import { describeStorageAdapterSuite } from '../testing/index';
import { memoryAdapter } from './memory-adapter';

describeStorageAdapterSuite('memory', () => memoryAdapter());

const text = (name: string, nullable = false) => ({ name, type: 'text' as const, nullable });
const nodes: TableDef = {
  name: 'nodes',
  columns: [
    text('tenant_id'),
    text('id'),
    text('parent_id', true),
    text('label', true),
    { name: 'version', type: 'integer', nullable: false },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'nodes_label_unique', columns: ['tenant_id', 'label'], unique: true }],
  foreignKeys: [
    {
      name: 'nodes_parent_fk',
      columns: ['tenant_id', 'parent_id'],
      references: { table: 'nodes', columns: ['tenant_id', 'id'] },
    },
  ],
};
const migrations: Migration[] = [
  { version: 1, name: 'nodes', steps: [{ kind: 'createTable', table: nodes }] },
];
const node = (id: string, parentId: string | null = null, label: string | null = null) => ({
  tenant_id: 't1',
  id,
  parent_id: parentId,
  label,
  version: 1,
});
const idIs = (id: string): Condition => ({
  kind: 'compare',
  field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
  op: 'eq',
  value: id,
  caseInsensitive: false,
});

async function migrated() {
  const adapter = memoryAdapter();
  await adapter.migrate({ migrations });
  return adapter;
}

describe('memoryAdapter', () => {
  it('declares the memory dialect, not persistent, single process', () => {
    expect(memoryAdapter().capabilities).toEqual({
      dialect: 'memory',
      persistent: false,
      multiProcess: false,
    });
  });

  it('runs transactions one at a time: the second callback starts after the first settles', async () => {
    const adapter = await migrated();
    const events: string[] = [];
    const run = (name: string) =>
      adapter.transaction(async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`${name} end`);
      });
    await Promise.all([run('first'), run('second')]);
    expect(events).toEqual(['first start', 'first end', 'second start', 'second end']);
  });

  it('keeps running queued transactions after one fails', async () => {
    const adapter = await migrated();
    const failed = adapter.transaction(async () => {
      throw new Error('boom');
    });
    const next = adapter.transaction(async (tx) => tx.insert({ table: 'nodes', rows: [node('a')] }));
    await expect(failed).rejects.toThrow('boom');
    await next;
    expect(await adapter.count({ table: 'nodes', tenantId: 't1' })).toBe(1);
  });

  it('undoes only the failed statement when its error is caught inside the transaction', async () => {
    const adapter = await migrated();
    await adapter.transaction(async (tx) => {
      await tx.insert({ table: 'nodes', rows: [node('a', null, 'taken')] });
      await expect(
        tx.insert({ table: 'nodes', rows: [node('b'), node('c', null, 'taken')] }),
      ).rejects.toMatchObject({
        code: 'DUPLICATE',
      });
      await tx.insert({ table: 'nodes', rows: [node('d')] });
    });
    expect((await adapter.raw.rows('nodes')).map((row) => row.id)).toEqual(['a', 'd']);
  });

  it('checks foreign keys at the end of an insert, so a row may reference a later row of the same call', async () => {
    const adapter = await migrated();
    await adapter.transaction((tx) =>
      tx.insert({ table: 'nodes', rows: [node('child', 'root'), node('root')] }),
    );
    expect(await adapter.count({ table: 'nodes', tenantId: 't1' })).toBe(2);
  });

  it('refuses to change the key of a referenced row with REFERENCED', async () => {
    const adapter = await migrated();
    await adapter.transaction((tx) =>
      tx.insert({ table: 'nodes', rows: [node('root'), node('child', 'root')] }),
    );
    await expect(
      adapter.transaction((tx) =>
        tx.update({ table: 'nodes', tenantId: 't1', id: 'root', values: { id: 'renamed' } }),
      ),
    ).rejects.toMatchObject({ code: 'REFERENCED' });
    expect((await adapter.raw.rows('nodes')).map((row) => row.id)).toEqual(['child', 'root']);
  });

  it('moves a row to its new key when an update changes the id', async () => {
    const adapter = await migrated();
    await adapter.transaction((tx) => tx.insert({ table: 'nodes', rows: [node('b')] }));
    await adapter.transaction((tx) =>
      tx.update({ table: 'nodes', tenantId: 't1', id: 'b', values: { id: 'a' } }),
    );
    expect(await adapter.findById({ table: 'nodes', tenantId: 't1', id: 'b' })).toBeUndefined();
    expect(await adapter.findById({ table: 'nodes', tenantId: 't1', id: 'a' })).toEqual(node('a'));
  });

  it('returns rows in primary-key order when findMany has no orderBy, after any mix of writes', async () => {
    const adapter = await migrated();
    await adapter.transaction(async (tx) => {
      await tx.insert({ table: 'nodes', rows: ['m', 'c', 'x', 'a'].map((id) => node(id)) });
      await tx.delete({ table: 'nodes', tenantId: 't1', where: idIs('x') });
      await tx.insert({ table: 'nodes', rows: [node('b'), node('z')] });
    });
    expect((await adapter.findMany({ table: 'nodes', tenantId: 't1' })).map((row) => row.id)).toEqual([
      'a',
      'b',
      'c',
      'm',
      'z',
    ]);
  });

  it('shows raw readers only committed rows while a transaction is open', async () => {
    const adapter = await migrated();
    await adapter.transaction((tx) => tx.insert({ table: 'nodes', rows: [node('a')] }));
    await adapter.transaction(async (tx) => {
      await tx.delete({ table: 'nodes', tenantId: 't1', where: idIs('a') });
      await tx.insert({ table: 'nodes', rows: [{ ...node('b'), tenant_id: 't2' }] });
      expect((await adapter.raw.rows('nodes')).map((row) => `${row.tenant_id}/${row.id}`)).toEqual(['t1/a']);
    });
    expect((await adapter.raw.rows('nodes')).map((row) => `${row.tenant_id}/${row.id}`)).toEqual(['t2/b']);
  });

  it('lets a transaction queued before close finish, then refuses new calls', async () => {
    const adapter = await migrated();
    const queued = adapter.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await tx.insert({ table: 'nodes', rows: [node('a')] });
      return 'finished';
    });
    const closed = adapter.close();
    expect(await queued).toBe('finished');
    await closed;
    await expect(adapter.count({ table: 'nodes', tenantId: 't1' })).rejects.toMatchObject({ code: 'MISUSE' });
    await expect(adapter.close()).resolves.toBeUndefined();
  });

  it('finds rows by id by scanning when the primary key is not (tenant_id, id)', async () => {
    const adapter = memoryAdapter();
    const table: TableDef = {
      name: 'pairs',
      columns: [text('tenant_id'), text('left'), text('right'), text('id')],
      primaryKey: ['tenant_id', 'left', 'right'],
      indexes: [],
      foreignKeys: [],
    };
    await adapter.migrate({
      migrations: [{ version: 1, name: 'pairs', steps: [{ kind: 'createTable', table }] }],
    });
    const rows = [
      { tenant_id: 't1', left: 'b', right: 'a', id: 'second' },
      { tenant_id: 't1', left: 'a', right: 'z', id: 'first' },
    ];
    await adapter.transaction((tx) => tx.insert({ table: 'pairs', rows }));
    expect(await adapter.findById({ table: 'pairs', tenantId: 't1', id: 'second' })).toEqual(rows[0]);
    expect((await adapter.raw.rows('pairs')).map((row) => row.id)).toEqual(['first', 'second']);
    await expect(
      adapter.transaction((tx) => tx.insert({ table: 'pairs', rows: [{ ...rows[0], id: 'again' }] })),
    ).rejects.toMatchObject({ code: 'DUPLICATE', details: { columns: ['tenant_id', 'left', 'right'] } });
  });
});

describe('memoryAdapter row checks', () => {
  const rejects = async (row: Record<string, unknown>) => {
    const adapter = await migrated();
    await expect(
      adapter.transaction((tx) => tx.insert({ table: 'nodes', rows: [row] })),
    ).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
    });
    expect(await adapter.raw.rows('nodes')).toEqual([]);
  };

  it('rejects a row with an unknown column with STORAGE_ERROR', () =>
    rejects({ ...node('a'), colour: 'red' }));

  it('rejects a null in a non-nullable column with STORAGE_ERROR', () =>
    rejects({ ...node('a'), version: null }));

  it('rejects a value of another type than its column with STORAGE_ERROR', async () => {
    await rejects({ ...node('a'), version: '1' });
    await rejects({ ...node('a'), version: 1.5 });
    await rejects({ ...node('a'), label: 5 });
  });

  it('reads a nullable column left out of an inserted row as null', async () => {
    const adapter = await migrated();
    await adapter.transaction((tx) =>
      tx.insert({ table: 'nodes', rows: [{ tenant_id: 't1', id: 'a', version: 1 }] }),
    );
    expect(await adapter.findById({ table: 'nodes', tenantId: 't1', id: 'a' })).toEqual(node('a'));
  });

  it('rejects a condition on an unknown column with STORAGE_ERROR', async () => {
    const adapter = await migrated();
    const where: Condition = {
      kind: 'null',
      field: { operand: { kind: 'column', column: 'colour' }, type: 'text' },
      negate: false,
    };
    await expect(adapter.findMany({ table: 'nodes', tenantId: 't1', where })).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
    });
  });

  it('rejects a JSON path into a column that is not json with INVALID_FILTER', async () => {
    const adapter = await migrated();
    const where: Condition = {
      kind: 'null',
      field: { operand: { kind: 'jsonPath', column: 'label', path: ['x'] }, type: 'text' },
      negate: false,
    };
    await expect(adapter.count({ table: 'nodes', tenantId: 't1', where })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
    });
  });

  it('rejects a negative limit with MISUSE', async () => {
    const adapter = await migrated();
    await expect(adapter.findMany({ table: 'nodes', tenantId: 't1', limit: -1 })).rejects.toMatchObject({
      code: 'MISUSE',
    });
  });

  it('rejects a delete without a where with MISUSE', async () => {
    const adapter = await migrated();
    await expect(
      adapter.transaction((tx) =>
        tx.delete({ table: 'nodes', tenantId: 't1', where: undefined as unknown as Condition }),
      ),
    ).rejects.toMatchObject({ code: 'MISUSE' });
  });
});
