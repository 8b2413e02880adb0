import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import { createCrm } from '@rapport/core';
import Database from 'better-sqlite3';
import type { Measurement } from './measure';
import { alternatingOpsPerSecond, opsPerSecond, pointReads } from './measure';
import { personInput, seededRandom } from './people-generator';
import { peopleColumns, rawPersonRow } from './raw-people';

/** Sizes of one run. */
export interface SqliteBenchSizes {
  readonly people: number;
  readonly batch: number;
  readonly reads: number;
}

const tenantId = 'bench-tenant';

async function emptyStore(file: string): Promise<void> {
  const crm = await createCrm({ storage: sqliteAdapter({ filename: file }) });
  await crm.close();
}

/** The SDK's two ways to write many people: the bulk import and the per-record write path. */
type WriteMany = 'importMany' | 'createMany';

async function measureImport(
  directory: string,
  sizes: SqliteBenchSizes,
  method: WriteMany,
): Promise<{ sdk: number; raw: number; sdkFile: string; rawFile: string }> {
  const sdkFile = join(directory, `sdk-${method}.db`);
  const rawFile = join(directory, `raw-${method}.db`);
  await emptyStore(rawFile);
  const raw = new Database(rawFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const insert = raw.prepare(
    `INSERT INTO people (${peopleColumns.join(', ')}) VALUES (${peopleColumns.map(() => '?').join(', ')})`,
  );
  const insertBatch = raw.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(row);
  });
  const rawRandom = seededRandom(7);
  const rawRate = await opsPerSecond(sizes.people / sizes.batch, (batchIndex) => {
    const at = new Date().toISOString();
    const rows: unknown[][] = [];
    for (let index = 0; index < sizes.batch; index++)
      rows.push(rawPersonRow(personInput(batchIndex * sizes.batch + index, rawRandom), tenantId, at));
    insertBatch(rows);
  });
  raw.close();

  const crm = await createCrm({ storage: sqliteAdapter({ filename: sdkFile }) });
  const session = crm.as({ tenantId, actor: { id: 'bench', kind: 'system' } });
  const sdkRandom = seededRandom(7);
  const sdkRate = await opsPerSecond(sizes.people / sizes.batch, async (batchIndex) => {
    const inputs = Array.from({ length: sizes.batch }, (_, index) =>
      personInput(batchIndex * sizes.batch + index, sdkRandom),
    );
    await session.people[method](inputs);
  });
  await crm.close();
  return { sdk: sdkRate * sizes.batch, raw: rawRate * sizes.batch, sdkFile, rawFile };
}

async function measurePointRead(
  sdkFile: string,
  sizes: SqliteBenchSizes,
): Promise<{ sdk: number; raw: number }> {
  const raw = new Database(sdkFile, { readonly: true });
  const ids = raw.prepare('SELECT id FROM people WHERE tenant_id = ?').pluck().all(tenantId) as string[];
  const random = seededRandom(11);
  const picks = Array.from({ length: sizes.reads }, () => ids[Math.floor(random() * ids.length)] as string);
  const pick = (index: number) => picks[index % picks.length] as string;
  const get = raw.prepare('SELECT * FROM people WHERE tenant_id = ? AND id = ?');
  const crm = await createCrm({ storage: sqliteAdapter({ filename: sdkFile }) });
  const people = crm.as({ tenantId, actor: { id: 'bench' } }).people;
  let found = 0;
  const counted = (record: unknown) => {
    if (record) found++;
  };
  const reads = sizes.reads * pointReads.rounds;
  const rates = await alternatingOpsPerSecond(
    reads,
    { slice: pointReads.slice, workers: 1 },
    {
      raw: (index) => counted(get.get(tenantId, pick(index))),
      sdk: async (index) => counted(await people.get(pick(index))),
    },
  );
  raw.close();
  await crm.close();
  if (found !== reads * 2) throw new Error(`point reads found ${found} of ${reads * 2}`);
  return rates;
}

/** The SQLite measurements: bulk import and point read, SDK against raw better-sqlite3. */
export async function sqliteBench(sizes: SqliteBenchSizes): Promise<Measurement[]> {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  try {
    const imported = await measureImport(directory, sizes, 'importMany');
    const read = await measurePointRead(imported.sdkFile, sizes);
    // The per-record path at a tenth of the size: it takes several times as long per person.
    const createSizes = {
      ...sizes,
      people: sizes.people / 10,
      batch: Math.min(sizes.batch, sizes.people / 10),
    };
    const created = await measureImport(directory, createSizes, 'createMany');
    return [
      {
        engine: 'SQLite',
        name: `sqlite.import.people.${sizes.people}`,
        description: `importMany of ${sizes.people} people in batches of ${sizes.batch} vs prepared INSERTs in transactions of ${sizes.batch}`,
        sdk: imported.sdk,
        raw: imported.raw,
        target: 0.7,
      },
      {
        engine: 'SQLite',
        name: `sqlite.createMany.people.${createSizes.people}`,
        description: `createMany (an outbox event and duplicate checks per person) of ${createSizes.people} people in batches of ${createSizes.batch}, same raw side`,
        sdk: created.sdk,
        raw: created.raw,
      },
      {
        engine: 'SQLite',
        name: 'sqlite.get.person',
        description: `people.get(id) vs a prepared SELECT by primary key, ${sizes.reads} random ids read ${pointReads.rounds} times, in alternating turns of ${pointReads.slice} reads`,
        sdk: read.sdk,
        raw: read.raw,
        target: 0.8,
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
