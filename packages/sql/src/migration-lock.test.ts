import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import type { MigrateResult, Migration } from '@rapport/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_TABLE } from './migration-lock';
import { peopleTable } from './sql-test-tables';

const companiesTable = {
  name: 'companies',
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
} as const;

const migrations: Migration[] = [
  { version: 1, name: 'companies', steps: [{ kind: 'createTable', table: companiesTable }] },
  { version: 2, name: 'people', steps: [{ kind: 'createTable', table: peopleTable }] },
];

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

// A migrator in a process of its own: it opens the file, says "ready", and migrates when told to, so that
// all of them start migrating at the same moment. tsx runs it on the sources (tsconfig paths).
const migratorSource = `
import { once } from 'node:events';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
const [filename, json] = process.argv.slice(1);
const adapter = sqliteAdapter({ filename });
process.stdout.write('ready\\n');
await once(process.stdin, 'data');
const result = await adapter.migrate({ migrations: JSON.parse(json) });
await adapter.close();
process.stdout.write(JSON.stringify(result) + '\\n');
`;

/** Starts a migrator process on `filename`; `migrate()` lets it go and resolves with what it applied. */
async function startMigrator(filename: string): Promise<{ migrate(): Promise<MigrateResult> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', migratorSource, filename, JSON.stringify(migrations)],
    { cwd: repositoryRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  const exited = once(child, 'exit');
  while (!output.includes('ready\n')) {
    await Promise.race([once(child.stdout, 'data'), exited]);
    if (child.exitCode !== null) throw new Error(`The migrator failed to start: ${errors}`);
  }
  return {
    async migrate() {
      child.stdin.end('go\n');
      const [code] = await exited;
      if (code !== 0) throw new Error(`The migrator failed: ${errors}`);
      return JSON.parse(output.split('\n')[1] ?? '') as MigrateResult;
    },
  };
}

describe('the migration lock', () => {
  let folder: string;
  let filename: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rapport-migration-lock-'));
    filename = join(folder, 'crm.db');
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('is one row of a table that the raw accessor does not list', async () => {
    const adapter = sqliteAdapter({ filename });
    await adapter.migrate({ migrations });
    expect(await adapter.raw.tables()).toEqual(['companies', 'people']);
    await adapter.close();

    const db = new Database(filename, { readonly: true });
    const rows = db.prepare(`select "id", "taken_at" from "${MIGRATION_LOCK_TABLE}"`).all();
    db.close();
    expect(rows).toEqual([{ id: 1, taken_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
  });

  it('is created again for a database migrated before it existed', async () => {
    const before = sqliteAdapter({ filename });
    await before.migrate({ migrations: migrations.slice(0, 1) });
    await before.close();
    const db = new Database(filename);
    db.exec(`drop table "${MIGRATION_LOCK_TABLE}"`);
    db.close();

    const after = sqliteAdapter({ filename });
    expect(await after.migrate({ migrations })).toEqual({ applied: [2], version: 2 });
    expect(await after.raw.tables()).toEqual(['companies', 'people']);
    await after.close();
  });

  it('lets processes that migrate one file at once apply each migration once', async () => {
    // WAL is switched on before the processes start: switching it takes a lock before the busy timeout is set.
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    db.close();

    const migrators = await Promise.all([1, 2].map(() => startMigrator(filename)));
    const results = await Promise.all(migrators.map((migrator) => migrator.migrate()));

    expect(results.flatMap((result) => result.applied).sort((a, b) => a - b)).toEqual([1, 2]);
    for (const result of results) expect(result.version).toBe(2);
    const check = new Database(filename, { readonly: true });
    const recorded = check.prepare('select "version" from "rapport_migrations" order by "version"').all();
    check.close();
    expect(recorded).toEqual([{ version: 1 }, { version: 2 }]);
  }, 20_000);
});
