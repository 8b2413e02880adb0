import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import type { StorageAdapter } from '@rapport/core';
import { memoryAdapter } from '@rapport/core';
import { afterAll } from 'vitest';
import { pgliteStores, serverStores } from '../../packages/adapters-postgres/src/test-stores';

/** An engine the differential tests hold to the memory adapter, and how to make an empty store on it. */
export interface EngineMaker {
  readonly name: string;
  readonly make: () => Promise<StorageAdapter>;
}

/** The reference every other engine must equal. */
export const referenceEngine = 'memory';

function sqliteFiles(): () => Promise<StorageAdapter> {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-differential-'));
  let count = 0;
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return async () => sqliteAdapter({ filename: join(directory, `store-${++count}.db`) });
}

/**
 * The engines of a test file: the memory adapter (the reference, first), SQLite on a real file, PGlite,
 * and the Postgres server when `RAPPORT_PG_URL` is set. Registers the hooks that clean up after the file,
 * so call it at the top level of the file or of a `describe`.
 *
 * @example
 * ```ts
 * const engines = engineMakers();
 * const stores = await Promise.all(engines.map((engine) => engine.make()));
 * ```
 */
export function engineMakers(): EngineMaker[] {
  const engines: EngineMaker[] = [
    { name: referenceEngine, make: async () => memoryAdapter() },
    { name: 'sqlite', make: sqliteFiles() },
    { name: 'pglite', make: pgliteStores() },
  ];
  const url = process.env.RAPPORT_PG_URL;
  if (url !== undefined && url !== '') engines.push({ name: 'postgres server', make: serverStores(url) });
  return engines;
}
