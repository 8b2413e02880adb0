import type { CrmSession, StorageAdapter } from '@rapport/core';
import { createCrm, isRapportError, rapportMigrations } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';
import { serverSchemas } from './test-stores';

const url = process.env.RAPPORT_PG_URL ?? '';
const WRITERS = 8;

// Each adapter has a pool of its own, as separate processes would: the races below are between real
// connections of one server.
describe.skipIf(!url)('Postgres server: concurrent writers and migrators', () => {
  const schemas = serverSchemas(url);
  const opened: StorageAdapter[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((adapter) => adapter.close()));
  });

  const openAdapters = (schema: string, count: number): StorageAdapter[] => {
    const adapters = Array.from({ length: count }, () => postgresAdapter({ connectionString: url, schema }));
    opened.push(...adapters);
    return adapters;
  };

  /** One session per writer, each on its own adapter, over one freshly migrated schema. */
  const openWriters = async (): Promise<CrmSession[]> => {
    const [first, ...rest] = openAdapters(await schemas.create(), WRITERS);
    const crms = [await createCrm({ storage: first as StorageAdapter })];
    crms.push(...(await Promise.all(rest.map((storage) => createCrm({ storage })))));
    return crms.map((crm, writer) => crm.as({ tenantId: 'acme', actor: { id: `writer-${writer}` } }));
  };

  const codeOf = (reason: unknown) => (isRapportError(reason) ? reason.code : String(reason));

  it('lets exactly one of eight writers that read the same version win, round after round', async () => {
    const sessions = await openWriters();
    const [owner] = sessions as [CrmSession];
    const people = await owner.people.createMany([{ firstName: 'Ann' }, { firstName: 'Bo' }]);
    const rounds = 4;

    await Promise.all(
      people.map(async (person) => {
        for (let round = 0; round < rounds; round++) {
          // Every writer reads first, so all eight hold the same version when they write.
          const read = await Promise.all(sessions.map((session) => session.people.get(person.id)));
          expect(new Set(read.map((record) => record?.version))).toEqual(new Set([round + 1]));
          const outcomes = await Promise.allSettled(
            sessions.map((session, writer) =>
              session.people.update(
                person.id,
                { title: `writer ${writer}, round ${round}` },
                { version: round + 1 },
              ),
            ),
          );
          const codes = outcomes.map((outcome) =>
            outcome.status === 'fulfilled' ? 'WON' : codeOf(outcome.reason),
          );
          expect(codes.filter((code) => code === 'WON')).toHaveLength(1);
          expect(codes.filter((code) => code !== 'WON')).toEqual(Array(WRITERS - 1).fill('VERSION_CONFLICT'));
        }
      }),
    );

    for (const person of people) {
      expect((await owner.people.get(person.id))?.version).toBe(rounds + 1);
      const updates = (await owner.people.history(person.id)).filter((entry) => entry.action === 'update');
      expect(updates.map((entry) => entry.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
    }
  });

  it('loses no update when eight writers race freely with the versions they read', async () => {
    const sessions = await openWriters();
    const [owner] = sessions as [CrmSession];
    const [person] = await owner.people.createMany([{ firstName: 'Cy' }]);
    const id = person?.id as string;
    const attemptsPerWriter = 6;
    const wins: { writer: number; readVersion: number; title: string }[] = [];
    let conflicts = 0;

    await Promise.all(
      sessions.map(async (session, writer) => {
        for (let attempt = 0; attempt < attemptsPerWriter; attempt++) {
          const readVersion = (await session.people.get(id))?.version as number;
          const title = `writer ${writer}, attempt ${attempt}`;
          try {
            await session.people.update(id, { title }, { version: readVersion });
            wins.push({ writer, readVersion, title });
          } catch (error) {
            if (codeOf(error) !== 'VERSION_CONFLICT') throw error;
            conflicts++;
          }
        }
      }),
    );

    expect(wins.length + conflicts).toBe(WRITERS * attemptsPerWriter);
    // One win per version read: the winners read versions 1, 2, 3, ... with no gap and no repeat.
    expect(wins.map((win) => win.readVersion).sort((a, b) => a - b)).toEqual(
      wins.map((_, index) => index + 1),
    );
    const final = await owner.people.get(id);
    expect(final?.version).toBe(wins.length + 1);
    expect(final?.title).toBe(wins.at(-1)?.title);
    // The audit trail holds exactly the winning writes, each with the actor and value that won.
    const updates = (await owner.people.history(id)).filter((entry) => entry.action === 'update');
    const audited = updates
      .map((entry) => ({ version: entry.version, actor: entry.actor.id, title: entry.changes.title?.after }))
      .sort((a, b) => a.version - b.version);
    expect(audited).toEqual(
      wins.map((win) => ({ version: win.readVersion + 1, actor: `writer-${win.writer}`, title: win.title })),
    );
  });

  it('leaves one person when eight adapters upsert the same email at once', async () => {
    const sessions = await openWriters();
    const results = await Promise.all(
      sessions.map((session, writer) =>
        session.people.upsert('email', {
          firstName: `Writer ${writer}`,
          emails: [{ address: 'dee@example.com' }],
        }),
      ),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.record.id)).size).toBe(1);
    const [owner] = sessions as [CrmSession];
    expect(await owner.people.count()).toBe(1);
    const stored = await owner.people.get(results[0]?.record.id as string);
    // The creation and every later upsert are one version each.
    expect(stored?.version).toBe(results.length);
  });

  it('applies each migration once when several adapters migrate a fresh schema at once', async () => {
    const schema = await schemas.create();
    const reference = await schemas.create();
    const results = await Promise.all(
      openAdapters(schema, 6).map((adapter) => adapter.migrate({ migrations: rapportMigrations })),
    );
    const [alone] = openAdapters(reference, 1);
    await alone?.migrate({ migrations: rapportMigrations });

    const versions = rapportMigrations.map((migration) => migration.version);
    expect(results.flatMap((result) => result.applied).sort((a, b) => a - b)).toEqual(versions);
    for (const result of results) expect(result.version).toBe(Math.max(...versions));
    const recorded = await schemas.admin.query(`select version, name from "${schema}".rapport_migrations`);
    expect(recorded.rows.map((row) => Number(row.version)).sort((a, b) => a - b)).toEqual(versions);
    // The schema is whole: the same columns and indexes as a schema migrated by one adapter alone.
    expect(await shapeOf(schema)).toEqual(await shapeOf(reference));
  });

  it('lets adapters that start at once on a fresh schema all serve the CRM', async () => {
    const schema = await schemas.create();
    const crms = await Promise.all(openAdapters(schema, 4).map((storage) => createCrm({ storage })));
    const created = await Promise.all(
      crms.map((crm, index) =>
        crm.as({ tenantId: 'acme', actor: { id: `starter-${index}` } }).tags.create({ name: `tag ${index}` }),
      ),
    );
    const [first] = crms;
    expect(await first?.as({ tenantId: 'acme', actor: { id: 'reader' } }).tags.count()).toBe(created.length);
  });

  /** The tables, columns and indexes of `schema`, without the schema's name. */
  async function shapeOf(schema: string): Promise<unknown> {
    const columns = await schemas.admin.query(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns
       where table_schema = $1 order by table_name, column_name`,
      [schema],
    );
    const indexes = await schemas.admin.query(
      `select tablename, indexname, replace(indexdef, $1, '') as definition from pg_indexes
       where schemaname = $2 order by tablename, indexname`,
      [`${schema}.`, schema],
    );
    return { columns: columns.rows, indexes: indexes.rows };
  }
});
