import { describe } from 'vitest';
import { defineClaimTests } from './claim-tests';
import { defineConditionTests } from './condition-tests';
import { defineConstraintTests } from './constraint-tests';
import { defineCrudTests } from './crud-tests';
import { defineLifecycleTests } from './lifecycle-tests';
import { defineMigrateTests } from './migrate-tests';
import { defineOrderTests } from './order-tests';
import { defineRelatedConditionTests } from './related-condition-tests';
import { defineRoundTripTests } from './round-trip-tests';
import type { MakeAdapter, StorageAdapterSuiteOptions } from './suite-context';
import { createSuiteContext } from './suite-context';
import { defineTenantIsolationTests } from './tenant-isolation-tests';
import { defineTransactionTests } from './transaction-tests';

/**
 * Registers the storage adapter conformance suite with vitest: every guarantee of the `StorageAdapter`
 * contract, checked through the public contract only (the suite creates its own `things` and `parents`
 * tables by migration). Condition and ordering cases are also run through core's in-memory evaluator, so
 * an adapter and the reference semantics are held to the same hand-written answers.
 *
 * `makeAdapter` must return a new, empty store on every call; the suite closes each adapter it makes.
 * Tests share one store per group and use a fresh tenant id per test. To switch a test off for one
 * adapter, name it in `options.skip` with the reason.
 *
 * @example
 * ```ts
 * // packages/adapters-sqlite/src/sqlite-adapter.test.ts
 * import { describeStorageAdapterSuite } from '@rapport/core/testing';
 * import { sqliteAdapter } from './sqlite-adapter';
 *
 * describeStorageAdapterSuite('sqlite', () => sqliteAdapter({ filename: ':memory:' }));
 * ```
 */
export function describeStorageAdapterSuite(
  name: string,
  makeAdapter: MakeAdapter,
  options: StorageAdapterSuiteOptions = {},
): void {
  describe(`storage adapter conformance: ${name}`, () => {
    const { context, registerSkipCheck } = createSuiteContext(makeAdapter, options);
    defineMigrateTests(context);
    defineCrudTests(context);
    defineConditionTests(context);
    defineOrderTests(context);
    defineRelatedConditionTests(context);
    defineTenantIsolationTests(context);
    defineConstraintTests(context);
    defineTransactionTests(context);
    defineClaimTests(context);
    defineRoundTripTests(context);
    defineLifecycleTests(context);
    registerSkipCheck();
  });
}
