import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Crm, CrmSession, StorageAdapter } from '@rapport/core';
import { createCrm } from '@rapport/core';
import type * as SqlLayer from '@rapport/sql';
import type { SqlDriver, SqlStatement } from '@rapport/sql';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { postgresAdapter } from './postgres-adapter';

// The reads the store sends its driver, to EXPLAIN exactly the statement a filter compiles to.
const { reads } = vi.hoisted(() => ({ reads: [] as SqlStatement[] }));
vi.mock('@rapport/sql', async (importOriginal) => {
  const original = await importOriginal<typeof SqlLayer>();
  const recording = (driver: SqlDriver): SqlDriver => ({
    ...driver,
    query: (statement) => {
      reads.push(statement);
      return driver.query(statement);
    },
    queryFirst: (statement) => {
      reads.push(statement);
      return driver.queryFirst(statement);
    },
  });
  return {
    ...original,
    createSqlStore: (options: SqlLayer.CreateSqlStoreOptions) =>
      original.createSqlStore({ ...options, driver: recording(options.driver) }),
  };
});

/** One Postgres to test on: stores in fresh schemas, and a way to read plans and indexes of a schema. */
interface Engine {
  store(schema: string): Promise<StorageAdapter>;
  /** Rows of `text` run in a transaction under `settings` (`set local` statements). */
  run(
    settings: readonly string[],
    text: string,
    parameters: readonly unknown[],
  ): Promise<Record<string, unknown>[]>;
}

function pgliteEngine(): Engine {
  let instance: Promise<PGlite> | undefined;
  afterAll(async () => (await instance)?.close());
  const pglite = () => {
    instance ??= PGlite.create();
    return instance;
  };
  return {
    async store(schema) {
      const db = await pglite();
      await db.exec(`create schema "${schema}"`);
      return postgresAdapter({ pglite: db, schema });
    },
    async run(settings, text, parameters) {
      const db = await pglite();
      return db.transaction(async (tx) => {
        for (const setting of settings) await tx.exec(setting);
        return (await tx.query<Record<string, unknown>>(text, [...parameters])).rows;
      });
    },
  };
}

function serverEngine(url: string): Engine {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });
  return {
    async store(schema) {
      schemas.push(schema);
      await admin.query(`create schema "${schema}"`);
      return postgresAdapter({ connectionString: url, schema });
    },
    async run(settings, text, parameters) {
      const client = await admin.connect();
      try {
        await client.query('begin');
        for (const setting of settings) await client.query(setting);
        return (await client.query(text, [...parameters])).rows;
      } finally {
        await client.query('rollback');
        client.release();
      }
    },
  };
}

/** Every index a JSON plan scans, at any depth. */
function indexesIn(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(indexesIn);
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node['Index Name'] === 'string' ? [node['Index Name'] as string] : [];
  return [...own, ...Object.values(node).flatMap(indexesIn)];
}

function describeEngine(name: string, engine: Engine): void {
  describe(`custom field indexes on ${name}`, () => {
    let schema: string;
    let crm: Crm;
    let a: CrmSession;
    let b: CrmSession;

    beforeEach(async () => {
      schema = `rapport_cfi_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      crm = await createCrm({ storage: await engine.store(schema) });
      a = crm.as({ tenantId: 'tenant-a', actor: { id: 'user-a' } });
      b = crm.as({ tenantId: 'tenant-b', actor: { id: 'user-b' } });
    }, 60_000);
    afterEach(() => crm.close());

    // Sequential scans off, so that a small table still shows whether the planner can use an index.
    const inSchema = () => [`set local search_path to "${schema}"`, 'set local enable_seqscan = off'];

    /**
     * The indexes `explain` says the read of people that `read` sends scans. The reads are counts: their
     * plans show how the condition is found, where on a table this small a list's plan may walk the
     * primary key in id order instead, since it needs that order anyway.
     */
    async function indexesUsedBy(read: () => Promise<unknown>): Promise<string[]> {
      reads.length = 0;
      await read();
      const statement = reads.find((read) => read.sql.includes('from "people"'));
      if (statement === undefined) throw new Error('The read sent no statement about people');
      const [row] = await engine.run(
        inSchema(),
        `explain (format json) ${statement.sql}`,
        statement.parameters,
      );
      return indexesIn(row?.['QUERY PLAN']);
    }

    const customIndexes = async () =>
      (
        await engine.run(
          [],
          `select indexname from pg_indexes where schemaname = $1 and indexname like 'people\\_cf\\_%' order by indexname`,
          [schema],
        )
      ).map((row) => row.indexname);

    const tierOptions = [
      { value: 'gold', label: 'Gold' },
      { value: 'silver', label: 'Silver' },
    ];

    async function defineFields(session: CrmSession, indexed: boolean) {
      const define = (key: string, input: Record<string, unknown>) =>
        session.customFields.define({ entity: 'person', key, label: key, type: 'number', indexed, ...input });
      return {
        score: await define('score', { type: 'number' }),
        tier: await define('tier', { type: 'select', options: tierOptions }),
        renewal: await define('renewal', { type: 'date' }),
      };
    }

    async function seed(): Promise<void> {
      const people = Array.from({ length: 40 }, (_, index) => ({
        firstName: `P${index}`,
        custom: {
          score: index,
          tier: index % 2 === 0 ? 'gold' : 'silver',
          renewal: `2025-${String((index % 12) + 1).padStart(2, '0')}-01`,
        },
      }));
      await a.people.createMany(people);
      await b.people.createMany(people.slice(0, 10));
    }

    it('scans the index for equality, in and ranges on indexed fields', async () => {
      await defineFields(a, true);
      await defineFields(b, false);
      await seed();
      const score = expect.arrayContaining([expect.stringMatching(/^people_cf_score_number_/)]);
      const tier = expect.arrayContaining([expect.stringMatching(/^people_cf_tier_text_/)]);
      expect(
        await indexesUsedBy(() => a.people.count({ where: { field: 'custom.score', op: 'eq', value: 7 } })),
      ).toEqual(score);
      expect(
        await indexesUsedBy(() => a.people.count({ where: { field: 'custom.score', op: 'gte', value: 35 } })),
      ).toEqual(score);
      expect(
        await indexesUsedBy(() =>
          a.people.count({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } }),
        ),
      ).toEqual(tier);
      expect(
        await indexesUsedBy(() =>
          a.people.count({ where: { field: 'custom.tier', op: 'in', value: ['gold', 'bronze'] } }),
        ),
      ).toEqual(tier);
      expect(
        await indexesUsedBy(() =>
          a.people.count({ where: { field: 'custom.renewal', op: 'lt', value: '2025-02-15' } }),
        ),
      ).toEqual(expect.arrayContaining([expect.stringMatching(/^people_cf_renewal_date_/)]));
      const found = await a.people.list({ where: { field: 'custom.score', op: 'gte', value: 35 } });
      expect(found.items.map((person) => person.custom.score).sort()).toEqual([35, 36, 37, 38, 39]);
    });

    it('builds the index when a field is marked indexed and drops it when unmarked', async () => {
      const { score } = await defineFields(a, false);
      await defineFields(b, false);
      await seed();
      const range = () => a.people.count({ where: { field: 'custom.score', op: 'gt', value: 37 } });
      expect(await customIndexes()).toEqual([]);
      expect(await indexesUsedBy(range)).not.toContainEqual(expect.stringMatching(/_cf_/));
      await a.customFields.update(score.id, { indexed: true }, { version: 1 });
      expect(await customIndexes()).toEqual([expect.stringMatching(/^people_cf_score_number_[0-9a-f]{8}$/)]);
      expect(await indexesUsedBy(range)).toContainEqual(expect.stringMatching(/^people_cf_score_/));
      await a.customFields.update(score.id, { indexed: false }, { version: 2 });
      expect(await customIndexes()).toEqual([]);
      expect(await indexesUsedBy(range)).not.toContainEqual(expect.stringMatching(/_cf_/));
    });

    it('keeps an index while any tenant asks for it and drops it with the last', async () => {
      const mine = await defineFields(a, true);
      const theirs = await defineFields(b, true);
      expect(await customIndexes()).toHaveLength(3);
      await a.customFields.update(mine.tier.id, { indexed: false }, { version: 1 });
      await a.customFields.archive(mine.score.id);
      expect(await customIndexes()).toHaveLength(3);
      await b.customFields.archive(theirs.tier.id);
      await b.customFields.update(theirs.score.id, { indexed: false }, { version: 1 });
      expect(await customIndexes()).toEqual([expect.stringMatching(/^people_cf_renewal_date_/)]);
    });

    it('moves the index with a type change that reads the field as another type', async () => {
      const level = await a.customFields.define({
        entity: 'person',
        key: 'level',
        label: 'Level',
        type: 'number',
        indexed: true,
      });
      await a.customFields.update(level.id, { type: 'text', max: 20 }, { version: 1 });
      expect(await customIndexes()).toEqual([expect.stringMatching(/^people_cf_level_text_/)]);
      await a.people.create({ firstName: 'Ann', custom: { level: 'high' } });
      expect(
        await indexesUsedBy(() =>
          a.people.count({ where: { field: 'custom.level', op: 'eq', value: 'high' } }),
        ),
      ).toContainEqual(expect.stringMatching(/^people_cf_level_text_/));
    });
  });
}

describeEngine('PGlite', pgliteEngine());

// The real server runs only when one is configured, e.g. RAPPORT_PG_URL=postgres://postgres@127.0.0.1:5432/test.
const url = process.env.RAPPORT_PG_URL;
if (url !== undefined && url !== '') describeEngine('a Postgres server', serverEngine(url));
