import { describe, expect } from 'vitest';
import { and } from './condition-builders';
import { expectRapportError } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { suiteMigrations, thingRow } from './suite-schema';

/**
 * What an adapter declares about itself, and how it behaves once closed.
 *
 * @example
 * ```ts
 * defineLifecycleTests(context);
 * ```
 */
export function defineLifecycleTests(context: SuiteContext): void {
  describe('capabilities and close', () => {
    context.test('the adapter declares a name and every capability flag', () =>
      context.withAdapter(
        async (adapter) => {
          expect(typeof adapter.name).toBe('string');
          expect(adapter.name).not.toBe('');
          expect(['memory', 'sqlite', 'postgres']).toContain(adapter.capabilities.dialect);
          expect(typeof adapter.capabilities.persistent).toBe('boolean');
          expect(typeof adapter.capabilities.multiProcess).toBe('boolean');
        },
        { migrate: false },
      ),
    );

    context.test('every call after close rejects with MISUSE', async () => {
      const adapter = await context.makeAdapter();
      await adapter.migrate({ migrations: suiteMigrations });
      await adapter.close();
      const table = 'things';
      const tenantId = 't1';
      await expectRapportError(() => adapter.findById({ table, tenantId, id: 'a' }), 'MISUSE');
      await expectRapportError(() => adapter.findMany({ table, tenantId }), 'MISUSE');
      await expectRapportError(() => adapter.count({ table, tenantId }), 'MISUSE');
      await expectRapportError(() => adapter.migrate({ migrations: suiteMigrations }), 'MISUSE');
      await expectRapportError(
        () => adapter.transaction((tx) => tx.insert({ table, rows: [thingRow(tenantId, 'a')] })),
        'MISUSE',
      );
      await expectRapportError(
        () => adapter.transaction((tx) => tx.delete({ table, tenantId, where: and() })),
        'MISUSE',
      );
      await expectRapportError(() => adapter.raw.rows(table), 'MISUSE');
      await expectRapportError(() => adapter.raw.tables(), 'MISUSE');
    });
  });
}
