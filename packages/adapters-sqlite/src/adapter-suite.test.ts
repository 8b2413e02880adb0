import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import { describeStorageAdapterSuite } from '@rapport/core/testing';
import { afterAll } from 'vitest';

describeStorageAdapterSuite('sqlite in memory', () => sqliteAdapter({ filename: ':memory:' }));

// Every adapter the suite makes gets its own file in one temporary directory, removed at the end.
const directory = mkdtempSync(join(tmpdir(), 'rapport-sqlite-suite-'));
let files = 0;
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describeStorageAdapterSuite('sqlite file', () => {
  files += 1;
  return sqliteAdapter({ filename: join(directory, `store-${files}.db`) });
});
