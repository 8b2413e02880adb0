import type { StorageAdapter } from '@rapport/core';
import { rapportMigrations } from '@rapport/core';
import type { Dataset } from './dataset';
import type { EngineMaker } from './engines';
import { datasetTables } from './table-rows';

/** A store on one engine, loaded with a dataset. */
export interface LoadedEngine {
  readonly name: string;
  readonly adapter: StorageAdapter;
}

async function load(adapter: StorageAdapter, dataset: Dataset): Promise<void> {
  await adapter.migrate({ migrations: rapportMigrations });
  await adapter.transaction(async (tx) => {
    for (const rows of Object.values(dataset.tenants)) {
      for (const table of datasetTables) {
        if (rows[table].length > 0) await tx.insert({ table, rows: rows[table] });
      }
    }
  });
}

/**
 * Makes a store on every engine and loads the dataset into each, in one transaction per store.
 *
 * @example
 * ```ts
 * const loaded = await loadEngines(engineMakers(), dataset);
 * ```
 */
export async function loadEngines(makers: readonly EngineMaker[], dataset: Dataset): Promise<LoadedEngine[]> {
  return Promise.all(
    makers.map(async (maker) => {
      const adapter = await maker.make();
      await load(adapter, dataset);
      return { name: maker.name, adapter };
    }),
  );
}

/**
 * Closes every store.
 *
 * @example
 * ```ts
 * afterAll(() => closeEngines(loaded));
 * ```
 */
export async function closeEngines(engines: readonly LoadedEngine[]): Promise<void> {
  await Promise.all(engines.map((engine) => engine.adapter.close()));
}
