import { describe, expect } from 'vitest';
import type { StorageTransaction } from '../../storage/adapter';
import { asc, col, compare, idField } from './condition-builders';
import { caught, deferred, expectRapportError, sleep, sortedIds } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { thingRow } from './suite-schema';

const id = col('id', 'text');

/**
 * Commit, rollback, isolation from outside readers, and concurrency.
 *
 * @example
 * ```ts
 * defineTransactionTests(context);
 * ```
 */
export function defineTransactionTests(context: SuiteContext): void {
  describe('transactions', () => {
    const adapter = context.sharedAdapter();

    context.test("transaction resolves to the callback's value and commits its writes", async () => {
      const tenantId = context.newTenant();
      const result = await adapter().transaction(async (tx) => {
        await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a')] });
        return 'done';
      });
      expect(result).toBe('done');
      expect(await adapter().count({ table: 'things', tenantId })).toBe(1);
    });

    context.test('reads through the transaction see its own uncommitted writes', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction((tx) =>
        tx.insert({ table: 'things', rows: [thingRow(tenantId, 'gone'), thingRow(tenantId, 'kept')] }),
      );
      const seen = await adapter().transaction(async (tx) => {
        await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'new')] });
        await tx.update({ table: 'things', tenantId, id: 'kept', values: { name: 'changed' } });
        await tx.delete({ table: 'things', tenantId, where: compare(id, 'eq', 'gone') });
        return {
          many: await tx.findMany({ table: 'things', tenantId }),
          count: await tx.count({ table: 'things', tenantId }),
          kept: await tx.findById({ table: 'things', tenantId, id: 'kept' }),
        };
      });
      expect(sortedIds(seen.many)).toEqual(['kept', 'new']);
      expect(seen.count).toBe(2);
      expect(seen.kept).toMatchObject({ name: 'changed' });
    });

    context.test(
      'a throw rolls back every earlier statement of the transaction and rethrows the same error',
      async () => {
        const tenantId = context.newTenant();
        const before = [thingRow(tenantId, 'kept', { name: 'original' }), thingRow(tenantId, 'doomed')];
        await adapter().transaction((tx) => tx.insert({ table: 'things', rows: before }));
        const failure = new Error('callback failed');
        const error = await caught(() =>
          adapter().transaction(async (tx) => {
            await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'new')] });
            await tx.update({
              table: 'things',
              tenantId,
              id: 'kept',
              values: { name: 'changed', version: 2 },
            });
            await tx.delete({ table: 'things', tenantId, where: compare(id, 'eq', 'doomed') });
            throw failure;
          }),
        );
        expect(error).toBe(failure);
        const after = await adapter().findMany({ table: 'things', tenantId, orderBy: [asc(idField)] });
        expect(after).toEqual([before[1], before[0]]);
      },
    );

    context.test('a DUPLICATE error leaving the callback rolls back the statements before it', async () => {
      const tenantId = context.newTenant();
      await expectRapportError(
        () =>
          adapter().transaction(async (tx) => {
            await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a')] });
            await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a')] });
          }),
        'DUPLICATE',
      );
      expect(await adapter().count({ table: 'things', tenantId })).toBe(0);
    });

    context.test('a reader outside a transaction does not see its uncommitted writes', async () => {
      const tenantId = context.newTenant();
      const committed = [thingRow(tenantId, 'kept', { name: 'original' }), thingRow(tenantId, 'doomed')];
      await adapter().transaction((tx) => tx.insert({ table: 'things', rows: committed }));
      const written = deferred<void>();
      const release = deferred<void>();
      const transaction = adapter().transaction(async (tx) => {
        await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'new')] });
        await tx.update({ table: 'things', tenantId, id: 'kept', values: { name: 'changed', version: 2 } });
        await tx.delete({ table: 'things', tenantId, where: compare(id, 'eq', 'doomed') });
        written.resolve();
        await release.promise;
      });
      await written.promise;
      let isReleased = false;
      const outside = Promise.all([
        adapter().findMany({ table: 'things', tenantId, orderBy: [asc(idField)] }),
        adapter().count({ table: 'things', tenantId }),
        adapter().findById({ table: 'things', tenantId, id: 'new' }),
        adapter().findById({ table: 'things', tenantId, id: 'kept' }),
        adapter().findById({ table: 'things', tenantId, id: 'doomed' }),
      ]).then((answers) => ({ answers, readBeforeCommit: !isReleased }));
      // An adapter may make outside readers wait for the writer, so the transaction is released either
      // way; answers that arrived while it was still held open must show committed rows only.
      await Promise.race([outside, sleep(200)]);
      isReleased = true;
      release.resolve();
      await transaction;
      const { answers, readBeforeCommit } = await outside;
      if (readBeforeCommit) {
        expect(answers).toEqual([[committed[1], committed[0]], 2, undefined, committed[0], committed[1]]);
      }
      expect(sortedIds(await adapter().findMany({ table: 'things', tenantId }))).toEqual(['kept', 'new']);
    });

    context.test('concurrent transactions both commit', async () => {
      const tenantId = context.newTenant();
      const write = (rowId: string) =>
        adapter().transaction(async (tx) => {
          await tx.insert({ table: 'things', rows: [thingRow(tenantId, `${rowId}-1`)] });
          await sleep(5);
          await tx.insert({ table: 'things', rows: [thingRow(tenantId, `${rowId}-2`)] });
          return rowId;
        });
      expect(await Promise.all([write('a'), write('b')])).toEqual(['a', 'b']);
      expect(sortedIds(await adapter().findMany({ table: 'things', tenantId }))).toEqual([
        'a-1',
        'a-2',
        'b-1',
        'b-2',
      ]);
    });

    context.test('of N concurrent updates expecting the same version exactly one returns 1', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction((tx) =>
        tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { version: 1 })] }),
      );
      const writers = Array.from({ length: 8 }, (_, writer) => `writer ${writer}`);
      const results = await Promise.all(
        writers.map((name) =>
          adapter().transaction((tx) =>
            tx.update({
              table: 'things',
              tenantId,
              id: 'a',
              expectedVersion: 1,
              values: { name, version: 2 },
            }),
          ),
        ),
      );
      expect(results.filter((changed) => changed === 1)).toHaveLength(1);
      expect(results.filter((changed) => changed === 0)).toHaveLength(writers.length - 1);
      const winner = writers[results.indexOf(1)];
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toMatchObject({
        name: winner,
        version: 2,
      });
    });

    context.test('a transaction handle used after its callback resolved throws MISUSE', async () => {
      const tenantId = context.newTenant();
      const tx = await adapter().transaction(async (handle) => handle);
      await expectRapportError(() => tx.findById({ table: 'things', tenantId, id: 'a' }), 'MISUSE');
      await expectRapportError(() => tx.findMany({ table: 'things', tenantId }), 'MISUSE');
      await expectRapportError(() => tx.count({ table: 'things', tenantId }), 'MISUSE');
      await expectRapportError(
        () => tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a')] }),
        'MISUSE',
      );
      await expectRapportError(
        () => tx.update({ table: 'things', tenantId, id: 'a', values: { name: 'x' } }),
        'MISUSE',
      );
      await expectRapportError(
        () => tx.delete({ table: 'things', tenantId, where: compare(id, 'eq', 'a') }),
        'MISUSE',
      );
      expect(await adapter().count({ table: 'things', tenantId })).toBe(0);
    });

    context.test('a transaction handle used after its callback threw throws MISUSE', async () => {
      const tenantId = context.newTenant();
      let leaked: StorageTransaction | undefined;
      await caught(() =>
        adapter().transaction(async (handle) => {
          leaked = handle;
          throw new Error('callback failed');
        }),
      );
      expect(leaked).toBeDefined();
      await expectRapportError(
        () => leaked?.insert({ table: 'things', rows: [thingRow(tenantId, 'a')] }),
        'MISUSE',
      );
      await expectRapportError(() => leaked?.count({ table: 'things', tenantId }), 'MISUSE');
      expect(await adapter().count({ table: 'things', tenantId })).toBe(0);
    });
  });
}
