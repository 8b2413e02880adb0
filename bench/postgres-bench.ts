import { randomUUID } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgresAdapter } from '@rapport/adapter-postgres';
import type { StorageAdapter } from '@rapport/core';
import { createCrm } from '@rapport/core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from './copy-text';
import type { Measurement } from './measure';
import { alternatingOpsPerSecond, createStopwatch, pointReads } from './measure';
import { personInput, seededRandom } from './people-generator';
import { peopleColumns, rawPersonRow } from './raw-people';

/** Sizes of one run. */
export interface PostgresBenchSizes {
  readonly people: number;
  readonly batch: number;
  readonly reads: number;
}

/** The pool size of the concurrent measurements. */
const POOL = 4;

const actor = { id: 'bench', kind: 'system' } as const;

/** What a hand-written program does with the database, next to the SDK on the same schema. */
interface RawSide {
  /** Writes rows (values in `peopleColumns` order) with one COPY in one transaction. */
  copy(rows: readonly unknown[][]): Promise<void>;
  /** Reads one person by primary key. */
  get(tenantId: string, id: string): Promise<unknown>;
  /** The ids of a tenant's people. */
  ids(tenantId: string): Promise<string[]>;
}

/** One engine to measure: a server through `pg` pools, or PGlite in process. */
interface Target {
  readonly engine: string;
  readonly prefix: string;
  /** Whether the engine has more than one connection, so pool measurements mean something. */
  readonly isConcurrent: boolean;
  /** How the raw side reads one row, for the report. */
  readonly rawRead: string;
  /** A Rapport storage adapter with `connections` connections, on the bench schema. */
  storage(connections: number): StorageAdapter;
  /** The raw side with `connections` connections, on the bench schema. */
  raw(connections: number): RawSide;
  /** Ends every connection and drops the bench schema. */
  close(): Promise<void>;
}

async function serverTarget(url: string): Promise<Target> {
  const schema = `rapport_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`create schema "${schema}"`);
  const pools: pg.Pool[] = [];
  const pool = (max: number) => {
    const created = new pg.Pool({ connectionString: url, max, options: `-c search_path=${schema}` });
    pools.push(created);
    return created;
  };
  const version = (await admin.query('show server_version')).rows[0]?.server_version as string;
  return {
    engine: `Postgres ${version.split(' ')[0]} server`,
    prefix: 'postgres',
    isConcurrent: true,
    rawRead: 'a named prepared SELECT',
    storage: (connections) => postgresAdapter({ pool: pool(connections) }),
    raw(connections) {
      const rawPool = pool(connections);
      return {
        async copy(rows) {
          const client = await rawPool.connect();
          try {
            await client.query('begin');
            const stream = client.query(copyFrom(`copy people (${peopleColumns.join(', ')}) from stdin`));
            stream.end(copyText(rows));
            await finished(stream);
            await client.query('commit');
          } finally {
            client.release();
          }
        },
        // A named statement: prepared once per connection, then only bound and executed.
        get: async (tenantId, id) =>
          (
            await rawPool.query({
              name: 'bench-get-person',
              text: 'select * from people where tenant_id = $1 and id = $2',
              values: [tenantId, id],
            })
          ).rows[0],
        ids: async (tenantId) =>
          (await rawPool.query('select id from people where tenant_id = $1', [tenantId])).rows.map(
            (row: { id: string }) => row.id,
          ),
      };
    },
    async close() {
      await Promise.all(pools.map((created) => created.end()));
      await admin.query(`drop schema "${schema}" cascade`);
      await admin.end();
    },
  };
}

async function pgliteTarget(): Promise<Target> {
  const db = await PGlite.create();
  const schema = 'rapport_bench';
  await db.exec(`create schema ${schema}`);
  // Qualified names: the adapter sets the search_path of the one connection to its schema.
  const table = `${schema}.people`;
  return {
    engine: 'PGlite',
    prefix: 'pglite',
    isConcurrent: false,
    rawRead: "PGlite's query() with the same SELECT",
    storage: () => postgresAdapter({ pglite: db, schema }),
    raw: () => ({
      async copy(rows) {
        await db.transaction(async (tx) => {
          await tx.query(`copy ${table} (${peopleColumns.join(', ')}) from '/dev/blob'`, [], {
            blob: new Blob([copyText(rows)]),
          });
        });
      },
      get: async (tenantId, id) =>
        (await db.query(`select * from ${table} where tenant_id = $1 and id = $2`, [tenantId, id])).rows[0],
      ids: async (tenantId) =>
        (await db.query<{ id: string }>(`select id from ${table} where tenant_id = $1`, [tenantId])).rows.map(
          (row) => row.id,
        ),
    }),
    close: () => db.close(),
  };
}

/** The SDK's two ways to write many people: the bulk import and the per-record write path. */
type WriteMany = 'importMany' | 'createMany';

/**
 * Imports `sizes.people` people through the SDK (`method` in batches) and through raw COPY, batch for
 * batch in alternation so that both write into tables of the same size; with `connections` > 1 each
 * round runs that many batches at once on each side.
 */
async function measureImport(
  target: Target,
  sizes: PostgresBenchSizes,
  connections: number,
  method: WriteMany = 'importMany',
): Promise<{ sdk: number; raw: number; tenantId: string }> {
  const crm = await createCrm({ storage: target.storage(connections) });
  const raw = target.raw(connections);
  const tenantId = `sdk-${method}-${connections}`;
  const rawTenantId = `raw-${method}-${connections}`;
  const session = crm.as({ tenantId, actor });
  const rawRandom = seededRandom(7);
  const sdkRandom = seededRandom(7);
  const rawClock = createStopwatch();
  const sdkClock = createStopwatch();
  const batches = Math.ceil(sizes.people / sizes.batch);
  const batchesOf = (round: number) =>
    Array.from({ length: Math.min(connections, batches - round) }, (_, offset) => round + offset);
  const indexes = (batch: number) =>
    Array.from({ length: sizes.batch }, (_, index) => batch * sizes.batch + index);
  for (let round = 0; round < batches; round += connections) {
    await rawClock.time(() =>
      Promise.all(
        batchesOf(round).map((batch) => {
          const at = new Date().toISOString();
          return raw.copy(
            indexes(batch).map((index) => rawPersonRow(personInput(index, rawRandom), rawTenantId, at)),
          );
        }),
      ),
    );
    await sdkClock.time(() =>
      Promise.all(
        batchesOf(round).map((batch) =>
          session.people[method](indexes(batch).map((index) => personInput(index, sdkRandom))),
        ),
      ),
    );
  }
  await crm.close();
  const people = batches * sizes.batch;
  return { sdk: people / sdkClock.seconds, raw: people / rawClock.seconds, tenantId };
}

/**
 * Reads random people by id through `people.get` and through the raw side, as {@link pointReads} says, on
 * `connections` concurrent loops.
 */
async function measureGet(
  target: Target,
  sizes: PostgresBenchSizes,
  tenantId: string,
  connections: number,
): Promise<{ sdk: number; raw: number }> {
  const crm = await createCrm({ storage: target.storage(connections) });
  const people = crm.as({ tenantId, actor }).people;
  const raw = target.raw(connections);
  const ids = await raw.ids(tenantId);
  const random = seededRandom(11);
  const picks = Array.from({ length: sizes.reads }, () => ids[Math.floor(random() * ids.length)] as string);
  const pick = (index: number) => picks[index % picks.length] as string;
  let found = 0;
  const counted = (record: unknown) => {
    if (record) found++;
  };
  const reads = sizes.reads * pointReads.rounds;
  const rates = await alternatingOpsPerSecond(
    reads,
    { slice: pointReads.slice, workers: connections },
    {
      raw: async (index) => counted(await raw.get(tenantId, pick(index))),
      sdk: async (index) => counted(await people.get(pick(index))),
    },
  );
  await crm.close();
  if (found !== reads * 2) throw new Error(`point reads found ${found} of ${reads * 2}`);
  return rates;
}

/**
 * The Postgres measurements: bulk import (SDK against raw COPY) and point read (SDK against a prepared
 * query), on one connection and, on a server, on pools of {@link POOL}. Runs on the server at `url` in a
 * fresh schema that it drops at the end, or on an in-memory PGlite without one.
 */
export async function postgresBench(
  sizes: PostgresBenchSizes,
  url: string | undefined,
): Promise<Measurement[]> {
  const target = url === undefined || url === '' ? await pgliteTarget() : await serverTarget(url);
  const { engine, prefix } = target;
  const measurements: Measurement[] = [];
  try {
    for (const connections of target.isConcurrent ? [1, POOL] : [1]) {
      const pooled = connections === 1 ? '' : `.pool${connections}`;
      const onWhat = connections === 1 ? 'one connection' : `pools of ${connections}, ${connections} at once`;
      const imported = await measureImport(target, sizes, connections);
      measurements.push({
        engine,
        name: `${prefix}.import.people.${sizes.people}${pooled}`,
        description: `importMany of ${sizes.people} people in batches of ${sizes.batch} vs one COPY per batch, ${onWhat}`,
        sdk: imported.sdk,
        raw: imported.raw,
        target: 0.7,
      });
      const read = await measureGet(target, sizes, imported.tenantId, connections);
      measurements.push({
        engine,
        name: `${prefix}.get.person${pooled}`,
        description: `people.get(id) vs ${target.rawRead} by primary key, ${sizes.reads} random ids read ${pointReads.rounds} times, ${onWhat}, in alternating turns of ${pointReads.slice} reads`,
        sdk: read.sdk,
        raw: read.raw,
        target: 0.9,
      });
    }
    // The per-record path, on one connection at a fifth of the size and at most 40,000 people: it takes
    // many times as long per person.
    const createPeople = Math.min(sizes.people / 5, 40_000);
    const createSizes = { ...sizes, people: createPeople, batch: Math.min(sizes.batch, createPeople) };
    const created = await measureImport(target, createSizes, 1, 'createMany');
    measurements.push({
      engine,
      name: `${prefix}.createMany.people.${createSizes.people}`,
      description: `createMany (an outbox event and duplicate checks per person) of ${createSizes.people} people in batches of ${createSizes.batch}, one connection, same raw side`,
      sdk: created.sdk,
      raw: created.raw,
    });
    return measurements;
  } finally {
    await target.close();
  }
}
