import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import type { Migration, StorageAdapter } from '@rapport/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companiesTable, person, testMigrations } from './test-schema';

const byId = (id: string) =>
  ({
    kind: 'compare',
    field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
    op: 'eq',
    value: id,
    caseInsensitive: false,
  }) as const;
const everything = { kind: 'and', conditions: [] } as const;

describe('sqliteAdapter', () => {
  let adapter: StorageAdapter;

  beforeEach(async () => {
    adapter = sqliteAdapter({ filename: ':memory:' });
    await adapter.migrate({ migrations: testMigrations });
  });
  afterEach(async () => {
    await adapter.close();
  });

  describe('migrate', () => {
    it('creates the tables once and reports what it applied', async () => {
      const fresh = sqliteAdapter({ filename: ':memory:' });
      expect(await fresh.migrate({ migrations: testMigrations })).toEqual({ applied: [1, 2], version: 2 });
      expect(await fresh.migrate({ migrations: testMigrations })).toEqual({ applied: [], version: 2 });
      expect(await fresh.raw.tables()).toEqual(['companies', 'people']);
      await fresh.close();
    });

    it('applies migrations in version order whatever the list order', async () => {
      const fresh = sqliteAdapter({ filename: ':memory:' });
      expect(await fresh.migrate({ migrations: [...testMigrations].reverse() })).toEqual({
        applied: [1, 2],
        version: 2,
      });
      await fresh.close();
    });

    it('applies only the new migrations of a longer list', async () => {
      const fresh = sqliteAdapter({ filename: ':memory:' });
      expect(await fresh.migrate({ migrations: testMigrations.slice(0, 1) })).toEqual({
        applied: [1],
        version: 1,
      });
      expect(await fresh.migrate({ migrations: testMigrations })).toEqual({ applied: [2], version: 2 });
      await fresh.close();
    });

    it('rolls back every step of a failed migration and throws MIGRATION_FAILED', async () => {
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] }));
      const failing: Migration = {
        version: 3,
        name: 'notes and a required column',
        steps: [
          { kind: 'createTable', table: { ...companiesTable, name: 'notes', indexes: [] } },
          // Refused: existing people rows have no value for it.
          { kind: 'addColumn', table: 'people', column: { name: 'title', type: 'text', nullable: false } },
        ],
      };
      await expect(adapter.migrate({ migrations: [...testMigrations, failing] })).rejects.toMatchObject({
        code: 'MIGRATION_FAILED',
        details: { version: 3 },
      });
      expect(await adapter.raw.tables()).toEqual(['companies', 'people']);
      expect(await adapter.migrate({ migrations: testMigrations })).toEqual({ applied: [], version: 2 });
    });

    it('adds a non-nullable column to an empty table and enforces it', async () => {
      const required: Migration = {
        version: 3,
        name: 'required code',
        steps: [
          { kind: 'addColumn', table: 'companies', column: { name: 'code', type: 'text', nullable: false } },
        ],
      };
      await adapter.migrate({ migrations: [...testMigrations, required] });
      await adapter.transaction((tx) =>
        tx.insert({
          table: 'companies',
          rows: [{ tenant_id: 't1', id: 'c1', name: 'Acme', code: 'AC', version: 1 }],
        }),
      );
      await expect(
        adapter.transaction((tx) =>
          tx.insert({
            table: 'companies',
            rows: [{ tenant_id: 't1', id: 'c2', name: 'Bolt', code: null, version: 1 }],
          }),
        ),
      ).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    });

    it('refuses a migration renamed after it was applied', async () => {
      const renamed = [{ ...testMigrations[0], name: 'something else' } as Migration];
      await expect(adapter.migrate({ migrations: renamed })).rejects.toMatchObject({
        code: 'MIGRATION_FAILED',
      });
    });

    it('refuses unsafe identifiers before running any SQL', async () => {
      const bad: Migration = {
        version: 3,
        name: 'bad',
        steps: [
          {
            kind: 'createTable',
            table: { ...companiesTable, name: 'x"; drop table people; --', indexes: [] },
          },
        ],
      };
      await expect(adapter.migrate({ migrations: [...testMigrations, bad] })).rejects.toMatchObject({
        code: 'MIGRATION_FAILED',
      });
      expect(await adapter.raw.tables()).toEqual(['companies', 'people']);
    });

    it('refuses tables without a leading tenant_id key', async () => {
      const bad: Migration = {
        version: 3,
        name: 'no tenant',
        steps: [
          {
            kind: 'createTable',
            table: { ...companiesTable, name: 'globals', primaryKey: ['id'], indexes: [] },
          },
        ],
      };
      await expect(adapter.migrate({ migrations: [...testMigrations, bad] })).rejects.toMatchObject({
        code: 'MIGRATION_FAILED',
      });
    });

    it('reports a table no migration created as STORAGE_ERROR, as the engine would', async () => {
      await expect(adapter.findById({ table: 'deals', tenantId: 't1', id: 'x' })).rejects.toMatchObject({
        code: 'STORAGE_ERROR',
        details: { table: 'deals' },
      });
    });

    it('sees a column added by a later migration', async () => {
      await adapter.transaction((tx) =>
        tx.insert({ table: 'people', rows: [person('p1', { nickname: 'Bo' })] }),
      );
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toMatchObject({
        nickname: 'Bo',
      });
    });
  });

  describe('reads and writes', () => {
    it('round-trips every column type', async () => {
      const row = person('p1', {
        name: 'Zoë 🍰 Ünïcödé',
        email: 'zoe@example.com',
        age: 42,
        score: 3.25,
        active: true,
        born: '1990-02-28',
        seen_at: '2024-05-01T10:20:30.456Z',
        tags: ['vip', 'ß'],
        custom: { tier: 'gold', nested: { level: 2 }, flag: false },
      });
      await adapter.transaction((tx) =>
        tx.insert({ table: 'people', rows: [row, person('p2', { active: false })] }),
      );
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toEqual(row);
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p2' })).toEqual(
        person('p2', { active: false }),
      );
    });

    it('fills columns a row leaves out with null', async () => {
      await adapter.transaction((tx) =>
        tx.insert({ table: 'companies', rows: [{ tenant_id: 't1', id: 'c1', name: 'Acme', version: 1 }] }),
      );
      await adapter.transaction((tx) =>
        tx.insert({ table: 'people', rows: [{ tenant_id: 't1', id: 'p1', version: 1 }] }),
      );
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toEqual(person('p1'));
    });

    it('inserts many rows in batches and reads them back in key order', async () => {
      const rows = Array.from({ length: 237 }, (_, i) =>
        person(`p${String(236 - i).padStart(3, '0')}`, { age: i }),
      );
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows }));
      const stored = await adapter.findMany({ table: 'people', tenantId: 't1' });
      expect(stored.map((row) => row.id)).toEqual(rows.map((row) => row.id).sort());
      expect(await adapter.count({ table: 'people', tenantId: 't1' })).toBe(237);
    });

    it('returns undefined for a missing row and for another tenant', async () => {
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] }));
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'nope' })).toBeUndefined();
      expect(await adapter.findById({ table: 'people', tenantId: 't2', id: 'p1' })).toBeUndefined();
    });

    it('updates by id and checks the expected version', async () => {
      await adapter.transaction((tx) =>
        tx.insert({ table: 'people', rows: [person('p1', { name: 'Ann' })] }),
      );
      const stale = await adapter.transaction((tx) =>
        tx.update({
          table: 'people',
          tenantId: 't1',
          id: 'p1',
          expectedVersion: 7,
          values: { name: 'Bea', version: 8 },
        }),
      );
      expect(stale).toBe(0);
      const fresh = await adapter.transaction((tx) =>
        tx.update({
          table: 'people',
          tenantId: 't1',
          id: 'p1',
          expectedVersion: 1,
          values: { name: 'Bea', version: 2, active: true },
        }),
      );
      expect(fresh).toBe(1);
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toMatchObject({
        name: 'Bea',
        version: 2,
        active: true,
      });
      const unversioned = await adapter.transaction((tx) =>
        tx.update({ table: 'people', tenantId: 't1', id: 'p1', values: { custom: { a: 1 } } }),
      );
      expect(unversioned).toBe(1);
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toMatchObject({
        custom: { a: 1 },
      });
    });

    it('refuses an update that would move a row to another tenant with MISUSE', async () => {
      await expect(
        adapter.transaction((tx) =>
          tx.update({ table: 'people', tenantId: 't1', id: 'p1', values: { tenant_id: 't2' } }),
        ),
      ).rejects.toMatchObject({
        code: 'MISUSE',
      });
    });

    it('leaves out undefined update values and accepts a restated tenant', async () => {
      await adapter.transaction((tx) =>
        tx.insert({ table: 'people', rows: [person('p1', { name: 'Ann', age: 3 })] }),
      );
      const changed = await adapter.transaction((tx) =>
        tx.update({
          table: 'people',
          tenantId: 't1',
          id: 'p1',
          values: { tenant_id: 't1', name: undefined, age: 4 },
        }),
      );
      expect(changed).toBe(1);
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toMatchObject({
        name: 'Ann',
        age: 4,
      });
    });

    it('answers an update with nothing to set with whether the row is there at that version', async () => {
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] }));
      const probe = (id: string, expectedVersion?: number) =>
        adapter.transaction((tx) =>
          tx.update({
            table: 'people',
            tenantId: 't1',
            id,
            values: {},
            ...(expectedVersion === undefined ? {} : { expectedVersion }),
          }),
        );
      expect([await probe('p1'), await probe('p1', 1), await probe('p1', 2), await probe('nope')]).toEqual([
        1, 1, 0, 0,
      ]);
    });

    it('reports unknown columns and values their column cannot hold as STORAGE_ERROR', async () => {
      const insert = (values: Record<string, unknown>) =>
        adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1', values)] }));
      await expect(insert({ shoe_size: 44 })).rejects.toMatchObject({
        code: 'STORAGE_ERROR',
        details: { table: 'people', column: 'shoe_size' },
      });
      await expect(insert({ age: 'old' })).rejects.toMatchObject({
        code: 'STORAGE_ERROR',
        details: { column: 'age' },
      });
      await expect(insert({ age: 1.5 })).rejects.toMatchObject({
        code: 'STORAGE_ERROR',
        details: { column: 'age' },
      });
      await expect(insert({ active: 1 })).rejects.toMatchObject({
        code: 'STORAGE_ERROR',
        details: { column: 'active' },
      });
      await expect(insert({ name: 3 })).rejects.toMatchObject({
        code: 'STORAGE_ERROR',
        details: { column: 'name' },
      });
      await expect(
        adapter.transaction((tx) =>
          tx.update({
            table: 'people',
            tenantId: 't1',
            id: 'p1',
            values: { score: Number.POSITIVE_INFINITY },
          }),
        ),
      ).rejects.toMatchObject({ code: 'STORAGE_ERROR', details: { column: 'score' } });
      expect(await adapter.raw.rows('people')).toEqual([]);
    });

    it('refuses calls that can never work with MISUSE', async () => {
      await expect(
        adapter.findById({ table: 'people', tenantId: 't1', id: 3 as unknown as string }),
      ).rejects.toMatchObject({ code: 'MISUSE' });
      await expect(
        adapter.findMany({ table: 'people', tenantId: undefined as unknown as string }),
      ).rejects.toMatchObject({ code: 'MISUSE' });
      await expect(
        adapter.transaction((tx) =>
          tx.delete({ table: 'people', tenantId: 't1', where: undefined as unknown as typeof everything }),
        ),
      ).rejects.toMatchObject({ code: 'MISUSE' });
      await expect(
        adapter.migrate({ migrations: [testMigrations[0] as Migration, testMigrations[0] as Migration] }),
      ).rejects.toMatchObject({ code: 'MISUSE' });
    });

    it('deletes the matching rows and reports how many', async () => {
      await adapter.transaction((tx) =>
        tx.insert({ table: 'people', rows: [person('p1'), person('p2'), person('p3')] }),
      );
      expect(
        await adapter.transaction((tx) => tx.delete({ table: 'people', tenantId: 't1', where: byId('p2') })),
      ).toBe(1);
      expect((await adapter.raw.rows('people')).map((row) => row.id)).toEqual(['p1', 'p3']);
    });

    it('keeps tenants apart in every read and write', async () => {
      await adapter.transaction((tx) =>
        tx.insert({
          table: 'people',
          rows: [
            person('a', { name: 'Ann' }),
            person('b', { tenant_id: 't2', name: 'Ben' }),
            person('a', { tenant_id: 't2', name: 'Abe' }),
          ],
        }),
      );
      expect((await adapter.findMany({ table: 'people', tenantId: 't1' })).map((row) => row.name)).toEqual([
        'Ann',
      ]);
      expect(await adapter.count({ table: 'people', tenantId: 't2', where: everything })).toBe(2);
      expect(
        await adapter.transaction((tx) =>
          tx.update({ table: 'people', tenantId: 't2', id: 'a', values: { name: 'Abel' } }),
        ),
      ).toBe(1);
      expect(
        await adapter.transaction((tx) => tx.delete({ table: 'people', tenantId: 't2', where: everything })),
      ).toBe(2);
      expect(await adapter.raw.rows('people')).toEqual([person('a', { name: 'Ann' })]);
    });
  });

  describe('errors', () => {
    it('reports a primary-key violation as DUPLICATE with its columns', async () => {
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] }));
      await expect(
        adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] })),
      ).rejects.toMatchObject({
        code: 'DUPLICATE',
        details: { table: 'people', columns: ['tenant_id', 'id'] },
      });
    });

    it('reports a unique-index violation on insert and update as DUPLICATE', async () => {
      await adapter.transaction((tx) =>
        tx.insert({
          table: 'people',
          rows: [person('p1', { email: 'a@x.com' }), person('p2', { email: 'b@x.com' })],
        }),
      );
      const expected = { code: 'DUPLICATE', details: { table: 'people', columns: ['tenant_id', 'email'] } };
      await expect(
        adapter.transaction((tx) =>
          tx.insert({ table: 'people', rows: [person('p3', { email: 'a@x.com' })] }),
        ),
      ).rejects.toMatchObject(expected);
      await expect(
        adapter.transaction((tx) =>
          tx.update({ table: 'people', tenantId: 't1', id: 'p2', values: { email: 'a@x.com' } }),
        ),
      ).rejects.toMatchObject(expected);
    });

    it('keeps no row of a failed multi-row insert, even when the caller goes on', async () => {
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] }));
      const rows = [...Array.from({ length: 60 }, (_, i) => person(`n${i}`)), person('p1')];
      await adapter.transaction(async (tx) => {
        await expect(tx.insert({ table: 'people', rows })).rejects.toMatchObject({ code: 'DUPLICATE' });
        await tx.insert({ table: 'people', rows: [person('after')] });
      });
      expect((await adapter.raw.rows('people')).map((row) => row.id)).toEqual(['after', 'p1']);
    });

    it('reports a missing parent as INVALID_REFERENCE on insert and update', async () => {
      await expect(
        adapter.transaction((tx) =>
          tx.insert({ table: 'people', rows: [person('p1', { company_id: 'ghost' })] }),
        ),
      ).rejects.toMatchObject({
        code: 'INVALID_REFERENCE',
        details: { table: 'people' },
      });
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] }));
      await expect(
        adapter.transaction((tx) =>
          tx.update({ table: 'people', tenantId: 't1', id: 'p1', values: { company_id: 'ghost' } }),
        ),
      ).rejects.toMatchObject({
        code: 'INVALID_REFERENCE',
      });
    });

    it('never lets a reference cross tenants', async () => {
      await adapter.transaction((tx) =>
        tx.insert({ table: 'companies', rows: [{ tenant_id: 't2', id: 'c1', name: 'Acme', version: 1 }] }),
      );
      await expect(
        adapter.transaction((tx) =>
          tx.insert({ table: 'people', rows: [person('p1', { company_id: 'c1' })] }),
        ),
      ).rejects.toMatchObject({
        code: 'INVALID_REFERENCE',
      });
    });

    it('checks references once all rows of an insert are in, whatever their order', async () => {
      const company = (id: string, parent: string | null) => ({
        tenant_id: 't1',
        id,
        name: `Company ${id}`,
        parent_id: parent,
        version: 1,
      });
      // One statement: a subsidiary before its parent, and a cycle.
      await adapter.transaction((tx) =>
        tx.insert({
          table: 'companies',
          rows: [company('a', 'b'), company('b', null), company('x', 'y'), company('y', 'x')],
        }),
      );
      // Several statements: a chain listed child first, longer than one batch.
      const chain = Array.from({ length: 130 }, (_, i) =>
        company(`c${String(i).padStart(3, '0')}`, i === 129 ? null : `c${String(i + 1).padStart(3, '0')}`),
      );
      await adapter.transaction((tx) => tx.insert({ table: 'companies', rows: chain }));
      expect(await adapter.count({ table: 'companies', tenantId: 't1' })).toBe(134);
      const dangling = [
        ...Array.from({ length: 70 }, (_, i) => company(`d${i}`, null)),
        company('e', 'ghost'),
      ];
      await expect(
        adapter.transaction((tx) => tx.insert({ table: 'companies', rows: dangling })),
      ).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
      expect(await adapter.count({ table: 'companies', tenantId: 't1' })).toBe(134);
    });

    it('refuses to change a referenced key with REFERENCED', async () => {
      await adapter.transaction(async (tx) => {
        await tx.insert({
          table: 'companies',
          rows: [{ tenant_id: 't1', id: 'c1', name: 'Acme', version: 1 }],
        });
        await tx.insert({ table: 'people', rows: [person('p1', { company_id: 'c1' })] });
      });
      await expect(
        adapter.transaction((tx) =>
          tx.update({ table: 'companies', tenantId: 't1', id: 'c1', values: { id: 'c2' } }),
        ),
      ).rejects.toMatchObject({
        code: 'REFERENCED',
      });
      expect(
        await adapter.transaction((tx) =>
          tx.update({ table: 'people', tenantId: 't1', id: 'p1', values: { id: 'p2' } }),
        ),
      ).toBe(1);
    });

    it('refuses to delete a referenced row with REFERENCED', async () => {
      await adapter.transaction(async (tx) => {
        await tx.insert({
          table: 'companies',
          rows: [{ tenant_id: 't1', id: 'c1', name: 'Acme', version: 1 }],
        });
        await tx.insert({ table: 'people', rows: [person('p1', { company_id: 'c1' })] });
      });
      await expect(
        adapter.transaction((tx) => tx.delete({ table: 'companies', tenantId: 't1', where: byId('c1') })),
      ).rejects.toMatchObject({
        code: 'REFERENCED',
        details: { table: 'companies' },
      });
      expect(await adapter.count({ table: 'companies', tenantId: 't1' })).toBe(1);
    });

    it('reports other engine failures as STORAGE_ERROR with the cause', async () => {
      const error = await adapter
        .transaction((tx) => tx.insert({ table: 'people', rows: [person('p1', { version: null })] }))
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'STORAGE_ERROR', details: { table: 'people' } });
      expect((error as Error).cause).toBeInstanceOf(Error);
    });
  });

  describe('transactions', () => {
    it('rolls back every write when the callback throws and rethrows the same error', async () => {
      const failure = new Error('stop');
      const caught = await adapter
        .transaction(async (tx) => {
          await tx.insert({ table: 'people', rows: [person('p1')] });
          await tx.update({ table: 'people', tenantId: 't1', id: 'p1', values: { name: 'changed' } });
          throw failure;
        })
        .catch((error: unknown) => error);
      expect(caught).toBe(failure);
      expect(await adapter.raw.rows('people')).toEqual([]);
    });

    it('returns what the callback returns and sees its own writes', async () => {
      const seen = await adapter.transaction(async (tx) => {
        await tx.insert({ table: 'people', rows: [person('p1', { name: 'Ann' })] });
        return tx.findById({ table: 'people', tenantId: 't1', id: 'p1' });
      });
      expect(seen).toMatchObject({ name: 'Ann' });
    });

    it('runs concurrent transactions one after another', async () => {
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1', { age: 0 })] }));
      const events: string[] = [];
      const increment = (label: string) =>
        adapter.transaction(async (tx) => {
          events.push(`${label} start`);
          const row = await tx.findById({ table: 'people', tenantId: 't1', id: 'p1' });
          await new Promise((resolve) => setTimeout(resolve, 5));
          await tx.update({
            table: 'people',
            tenantId: 't1',
            id: 'p1',
            values: { age: (row?.age as number) + 1 },
          });
          events.push(`${label} end`);
        });
      await Promise.all([increment('a'), increment('b'), increment('c')]);
      expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
      expect(await adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toMatchObject({ age: 3 });
    });

    it('lets exactly one of two concurrent updates with the same expected version succeed', async () => {
      await adapter.transaction((tx) => tx.insert({ table: 'people', rows: [person('p1')] }));
      const update = (name: string) =>
        adapter.transaction((tx) =>
          tx.update({
            table: 'people',
            tenantId: 't1',
            id: 'p1',
            expectedVersion: 1,
            values: { name, version: 2 },
          }),
        );
      expect((await Promise.all([update('a'), update('b')])).sort()).toEqual([0, 1]);
    });

    it('keeps a reader outside from seeing writes before they commit', async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted = () => {};
      const hasInserted = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const writing = adapter.transaction(async (tx) => {
        await tx.insert({ table: 'people', rows: [person('p1')] });
        inserted();
        await held;
        throw new Error('roll back');
      });
      await hasInserted;
      const reading = adapter.findById({ table: 'people', tenantId: 't1', id: 'p1' });
      const counting = adapter.count({ table: 'people', tenantId: 't1' });
      release();
      await expect(writing).rejects.toThrow('roll back');
      expect(await reading).toBeUndefined();
      expect(await counting).toBe(0);
    });

    it('lets a waiting reader see the writes once they commit', async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const writing = adapter.transaction(async (tx) => {
        await tx.insert({ table: 'people', rows: [person('p1')] });
        await held;
      });
      await Promise.resolve();
      const reading = adapter.findMany({ table: 'people', tenantId: 't1' });
      release();
      await writing;
      expect(await reading).toHaveLength(1);
    });

    it('refuses a transaction handle used after its callback settled', async () => {
      let escaped: Parameters<Parameters<StorageAdapter['transaction']>[0]>[0] | undefined;
      await adapter.transaction(async (tx) => {
        escaped = tx;
      });
      await expect(escaped?.insert({ table: 'people', rows: [person('p1')] })).rejects.toMatchObject({
        code: 'MISUSE',
      });
      await expect(escaped?.findById({ table: 'people', tenantId: 't1', id: 'p1' })).rejects.toMatchObject({
        code: 'MISUSE',
      });
      expect(await adapter.raw.rows('people')).toEqual([]);
    });
  });

  describe('close', () => {
    it('rejects every call after close with MISUSE, and closing again is harmless', async () => {
      const closing = sqliteAdapter({ filename: ':memory:' });
      await closing.migrate({ migrations: testMigrations });
      await closing.close();
      await closing.close();
      await expect(closing.findById({ table: 'people', tenantId: 't1', id: 'p1' })).rejects.toMatchObject({
        code: 'MISUSE',
      });
      await expect(closing.findMany({ table: 'people', tenantId: 't1' })).rejects.toMatchObject({
        code: 'MISUSE',
      });
      await expect(closing.transaction(async () => undefined)).rejects.toMatchObject({ code: 'MISUSE' });
      await expect(closing.migrate({ migrations: testMigrations })).rejects.toMatchObject({ code: 'MISUSE' });
      await expect(closing.raw.tables()).rejects.toMatchObject({ code: 'MISUSE' });
    });

    it('waits for an open transaction before closing', async () => {
      const closing = sqliteAdapter({ filename: ':memory:' });
      await closing.migrate({ migrations: testMigrations });
      let committed = false;
      const writing = closing.transaction(async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.insert({ table: 'people', rows: [person('p1')] });
        committed = true;
      });
      await closing.close();
      await writing;
      expect(committed).toBe(true);
    });

    it('leaves a database the host passed in open', async () => {
      const database = new Database(':memory:');
      const hosted = sqliteAdapter({ database });
      await hosted.migrate({ migrations: testMigrations });
      await hosted.close();
      expect(database.open).toBe(true);
      expect(database.prepare('select count(*) as n from people').get()).toEqual({ n: 0 });
      database.close();
    });
  });
});

describe('sqliteAdapter on a file', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'rapport-sqlite-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps data across a reopen', async () => {
    const filename = join(directory, 'crm.db');
    const first = sqliteAdapter({ filename });
    expect(first.capabilities).toEqual({ dialect: 'sqlite', persistent: true, multiProcess: false });
    await first.migrate({ migrations: testMigrations });
    await first.transaction((tx) =>
      tx.insert({ table: 'people', rows: [person('p1', { name: 'Ann', tags: ['a'] })] }),
    );
    await first.close();

    const second = sqliteAdapter({ filename });
    expect(await second.migrate({ migrations: testMigrations })).toEqual({ applied: [], version: 2 });
    expect(await second.findById({ table: 'people', tenantId: 't1', id: 'p1' })).toEqual(
      person('p1', { name: 'Ann', tags: ['a'] }),
    );
    await second.close();
  });

  it('uses WAL journaling and enforces foreign keys', async () => {
    const filename = join(directory, 'crm.db');
    const adapter = sqliteAdapter({ filename, pragmas: { cache_size: -8000 } });
    await adapter.close();
    const database = new Database(filename);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    database.close();
  });

  it('reports an in-memory database as not persistent', async () => {
    const memory = sqliteAdapter({ filename: ':memory:' });
    expect(memory.capabilities.persistent).toBe(false);
    await memory.close();
  });

  it('refuses a pragma that is not a plain name and value', () => {
    expect(() => sqliteAdapter({ filename: ':memory:', pragmas: { 'x; drop': 1 } })).toThrow(
      expect.objectContaining({ code: 'MISUSE' }),
    );
    expect(() =>
      sqliteAdapter({ filename: ':memory:', pragmas: { synchronous: 'OFF; drop table x' } }),
    ).toThrow(expect.objectContaining({ code: 'MISUSE' }));
  });
});
