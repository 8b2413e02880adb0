import { afterAll, beforeAll, it } from 'vitest';
import type { StorageAdapter } from '../../storage/adapter';
import { suiteMigrations } from './suite-schema';

/**
 * Options of `describeStorageAdapterSuite`.
 *
 * @example
 * ```ts
 * describeStorageAdapterSuite('postgres', makeAdapter, {
 *   skip: { 'concurrent transactions both commit': 'the test server allows one connection' },
 * });
 * ```
 */
export interface StorageAdapterSuiteOptions {
  /**
   * Tests to switch off for this adapter, by test name, each with the written reason it cannot pass. The
   * suite fails when a name matches no test or a reason is empty, so a skip never outlives its test.
   */
  readonly skip?: Readonly<Record<string, string>>;
}

/**
 * Makes a new, empty store for each call.
 *
 * @example
 * ```ts
 * const makeAdapter: MakeAdapter = () => sqliteAdapter({ filename: ':memory:' });
 * ```
 */
export type MakeAdapter = () => Promise<StorageAdapter> | StorageAdapter;

/** What every test file of the suite receives. */
export interface SuiteContext {
  /** Registers a test, unless the options skip it. Names are unique across the suite. */
  test(name: string, body: () => Promise<void>): void;
  /** A tenant id that no other test uses, so tests sharing one store never see each other's rows. */
  newTenant(label?: string): string;
  /**
   * Registers hooks that make one migrated adapter (seeded by `seed`) for the enclosing `describe` and
   * close it afterwards; returns its getter.
   */
  sharedAdapter(seed?: (adapter: StorageAdapter) => Promise<void>): () => StorageAdapter;
  /** Runs `body` with a new adapter, migrated with the suite tables unless `migrate` is false, then closes it. */
  withAdapter(
    body: (adapter: StorageAdapter) => Promise<void>,
    options?: { migrate?: boolean },
  ): Promise<void>;
  /** Makes a new adapter that the caller closes. */
  makeAdapter: MakeAdapter;
}

/**
 * Creates the context of one suite run, and a check to register last that reports unusable skips.
 *
 * @example
 * ```ts
 * const { context, registerSkipCheck } = createSuiteContext(makeAdapter, options);
 * defineCrudTests(context);
 * registerSkipCheck();
 * ```
 */
export function createSuiteContext(
  makeAdapter: MakeAdapter,
  options: StorageAdapterSuiteOptions = {},
): { context: SuiteContext; registerSkipCheck: () => void } {
  const skip = options.skip ?? {};
  const registered = new Set<string>();
  const runId = Math.random().toString(36).slice(2, 8);
  let tenantCount = 0;

  const context: SuiteContext = {
    makeAdapter,
    test(name, body) {
      if (registered.has(name))
        throw new Error(`Two tests of the storage adapter suite are named '${name}'.`);
      registered.add(name);
      const reason = skip[name];
      if (reason === undefined) it(name, body);
      else it.skip(`${name} (skipped: ${reason})`, body);
    },
    newTenant(label = 'tenant') {
      tenantCount += 1;
      return `${label}-${runId}-${tenantCount}`;
    },
    sharedAdapter(seed) {
      let adapter: StorageAdapter | undefined;
      beforeAll(async () => {
        adapter = await makeAdapter();
        await adapter.migrate({ migrations: suiteMigrations });
        await seed?.(adapter);
      });
      afterAll(async () => {
        await adapter?.close();
      });
      return () => {
        if (adapter === undefined)
          throw new Error('The shared adapter is used before its beforeAll hook ran.');
        return adapter;
      };
    },
    async withAdapter(body, { migrate = true } = {}) {
      const adapter = await makeAdapter();
      try {
        if (migrate) await adapter.migrate({ migrations: suiteMigrations });
        await body(adapter);
      } finally {
        await adapter.close();
      }
    },
  };

  const registerSkipCheck = () => {
    const unknown = Object.keys(skip).filter((name) => !registered.has(name));
    const unexplained = Object.entries(skip)
      .filter(([, reason]) => typeof reason !== 'string' || reason.trim() === '')
      .map(([name]) => name);
    if (unknown.length === 0 && unexplained.length === 0) return;
    it('every skipped test exists and has a written reason', () => {
      throw new Error(
        [
          unknown.length > 0 ? `options.skip names no test: ${unknown.join('; ')}.` : '',
          unexplained.length > 0 ? `options.skip gives no reason for: ${unexplained.join('; ')}.` : '',
        ].join(' '),
      );
    });
  };

  return { context, registerSkipCheck };
}
