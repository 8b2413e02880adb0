import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import { describeCrmConformance } from '@rapport/core/testing';
import { afterAll } from 'vitest';

describeCrmConformance('sqlite in memory', () => sqliteAdapter({ filename: ':memory:' }));

// Each CRM the suite makes gets its own database file in one temporary directory, removed at the end.
const directory = mkdtempSync(join(tmpdir(), 'rapport-sqlite-crm-'));
let files = 0;
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describeCrmConformance('sqlite file', () => {
  files += 1;
  return sqliteAdapter({ filename: join(directory, `crm-${files}.db`) });
});
