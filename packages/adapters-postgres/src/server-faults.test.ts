import type { Migration, Row, StorageAdapter } from '@rapport/core';
import { isRapportError } from '@rapport/core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';
import { serverSchemas } from './test-stores';

const url = process.env.RAPPORT_PG_URL ?? '';

const notesMigration: Migration = {
  version: 1,
  name: 'notes',
  steps: [
    {
      kind: 'createTable',
      table: {
        name: 'notes',
        columns: [
          { name: 'tenant_id', type: 'text', nullable: false },
          { name: 'id', type: 'text', nullable: false },
          { name: 'body', type: 'text', nullable: false },
        ],
        primaryKey: ['tenant_id', 'id'],
        indexes: [],
        foreignKeys: [],
      },
    },
  ],
};

const note = (id: string): Row => ({ tenant_id: 't1', id, body: `note ${id}` });

/** A promise the test settles by hand, to pause a transaction at a known point. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

// Faults injected from outside (a terminated backend, a lock that outlasts the statement timeout) against
// the real server: the failed work leaves nothing behind, and every connection goes back to its pool.
describe.skipIf(!url)('Postgres server: faults, timeouts and shutdown', () => {
  const schemas = serverSchemas(url);
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A fresh schema with the notes table, and a name that finds the adapter's connections on the server. */
  async function prepare(): Promise<{ schema: string; applicationName: string }> {
    const schema = await schemas.create();
    const setup = postgresAdapter({ connectionString: url, schema });
    await setup.migrate({ migrations: [notesMigration] });
    await setup.close();
    return { schema, applicationName: `rapport_${schema}` };
  }

  /** An adapter over a pool the test owns, so the test can count its clients. */
  async function onHostPool(schema: string, config: pg.PoolConfig = {}) {
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path="${schema}"`, ...config });
    const adapter = postgresAdapter({ pool });
    cleanups.push(async () => {
      await adapter.close();
      await pool.end();
    });
    await adapter.migrate({ migrations: [notesMigration] });
    return { pool, adapter, checkedOut: () => pool.totalCount - pool.idleCount };
  }

  /** An adapter that owns its pool, its connections named `applicationName` on the server. */
  async function onOwnPool(schema: string, applicationName: string, statementTimeout?: number) {
    const connectionString = new URL(url);
    connectionString.searchParams.set('application_name', applicationName);
    const adapter = postgresAdapter({
      connectionString: connectionString.toString(),
      schema,
      ...(statementTimeout === undefined ? {} : { statementTimeout }),
    });
    cleanups.push(() => adapter.close());
    await adapter.migrate({ migrations: [notesMigration] });
    return adapter;
  }

  /** Holds an exclusive lock on the notes table from another connection, until released. */
  async function lockNotes(schema: string): Promise<() => Promise<void>> {
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`lock table "${schema}"."notes" in access exclusive mode`);
    let isReleased = false;
    const release = async () => {
      if (isReleased) return;
      isReleased = true;
      await holder.query('rollback');
      await holder.end();
    };
    cleanups.push(release);
    return release;
  }

  const noteIds = async (adapter: StorageAdapter) =>
    (await adapter.raw.rows('notes')).map((row) => row.id).sort();

  const terminate = async (applicationName: string, state: string) =>
    (
      await schemas.admin.query(
        `select pg_terminate_backend(pid, 10000) as terminated from pg_stat_activity
         where application_name = $1 and state = $2`,
        [applicationName, state],
      )
    ).rows;

  it('rolls back a transaction whose connection is killed, keeps earlier commits, and recovers', async () => {
    const { schema, applicationName } = await prepare();
    const { adapter, checkedOut } = await onHostPool(schema, { application_name: applicationName });
    await adapter.transaction((tx) => tx.insert({ table: 'notes', rows: [note('kept')] }));

    const paused = gate();
    const resume = gate();
    const doomed = adapter.transaction(async (tx) => {
      await tx.insert({ table: 'notes', rows: [note('lost-1')] });
      paused.open();
      await resume.opened;
      await tx.insert({ table: 'notes', rows: [note('lost-2')] });
    });
    await paused.opened;
    expect(await terminate(applicationName, 'idle in transaction')).toEqual([{ terminated: true }]);
    resume.open();

    expect(await errorOf(doomed)).toMatchObject({ code: 'STORAGE_ERROR' });
    expect(checkedOut()).toBe(0);
    await adapter.transaction((tx) => tx.insert({ table: 'notes', rows: [note('after')] }));
    expect(await noteIds(adapter)).toEqual(['after', 'kept']);
    expect(checkedOut()).toBe(0);
  });

  it('replaces idle connections of its own pool that the server closed', async () => {
    const { schema, applicationName } = await prepare();
    const adapter = await onOwnPool(schema, applicationName);
    // Three reads at once open three connections.
    await Promise.all([1, 2, 3].map(() => adapter.raw.rows('notes')));

    // Without a listener on the pool, an idle client's lost connection would end the process.
    expect((await terminate(applicationName, 'idle')).length).toBeGreaterThan(0);
    await adapter.transaction((tx) => tx.insert({ table: 'notes', rows: [note('n1')] }));
    expect(await noteIds(adapter)).toEqual(['n1']);
  });

  it('returns every client after a transaction fails by throwing, on a constraint, or on a timeout', async () => {
    const { schema } = await prepare();
    const { adapter, checkedOut } = await onHostPool(schema, { statement_timeout: 300 });
    await adapter.transaction((tx) => tx.insert({ table: 'notes', rows: [note('n1')] }));

    const thrown = adapter.transaction(async (tx) => {
      await tx.insert({ table: 'notes', rows: [note('n2')] });
      throw new Error('the callback gave up');
    });
    await expect(thrown).rejects.toThrow('the callback gave up');
    expect(checkedOut()).toBe(0);

    const duplicate = adapter.transaction(async (tx) => {
      await tx.insert({ table: 'notes', rows: [note('n3')] });
      await tx.insert({ table: 'notes', rows: [note('n1')] });
    });
    expect(await errorOf(duplicate)).toMatchObject({ code: 'DUPLICATE' });
    expect(checkedOut()).toBe(0);

    const unlock = await lockNotes(schema);
    const timedOut = adapter.transaction((tx) => tx.insert({ table: 'notes', rows: [note('n4')] }));
    const error = await errorOf(timedOut);
    expect(error).toMatchObject({ code: 'STORAGE_ERROR', cause: { code: '57014' } });
    expect(checkedOut()).toBe(0);
    await unlock();

    expect(await noteIds(adapter)).toEqual(['n1']);
    expect(checkedOut()).toBe(0);
  });

  it('keeps the connection after a statement times out, in and outside a transaction', async () => {
    const { schema } = await prepare();
    const { pool, adapter } = await onHostPool(schema, { statement_timeout: 300, max: 1 });
    const backend = async () => (await pool.query('select pg_backend_pid() as pid')).rows[0]?.pid;
    const before = await backend();

    const unlock = await lockNotes(schema);
    expect(await errorOf(adapter.raw.rows('notes'))).toMatchObject({ code: 'STORAGE_ERROR' });
    expect(
      await errorOf(adapter.transaction((tx) => tx.insert({ table: 'notes', rows: [note('n1')] }))),
    ).toMatchObject({ code: 'STORAGE_ERROR', cause: { code: '57014' } });
    await unlock();

    // A cancelled statement leaves a good connection: the pool hands out the same backend again.
    expect(await backend()).toBe(before);
    expect(pool.totalCount).toBe(1);
    expect(await noteIds(adapter)).toEqual([]);
  });

  it('cancels a statement that outlasts statementTimeout with STORAGE_ERROR, then serves the next call', async () => {
    const { schema, applicationName } = await prepare();
    const adapter = await onOwnPool(schema, applicationName, 300);

    const unlock = await lockNotes(schema);
    const error = await errorOf(adapter.findMany({ table: 'notes', tenantId: 't1' }));
    expect(isRapportError(error) && error.code).toBe('STORAGE_ERROR');
    expect(error).toMatchObject({ cause: { code: '57014' } });
    await unlock();

    await adapter.transaction((tx) => tx.insert({ table: 'notes', rows: [note('n1')] }));
    expect(await adapter.findMany({ table: 'notes', tenantId: 't1' })).toHaveLength(1);
  });

  it('waits for running work on close, ends its pool, and refuses later calls with MISUSE', async () => {
    const { schema, applicationName } = await prepare();
    const adapter = await onOwnPool(schema, applicationName);

    const paused = gate();
    const resume = gate();
    const running = adapter.transaction(async (tx) => {
      await tx.insert({ table: 'notes', rows: [note('n1')] });
      paused.open();
      await resume.opened;
      await tx.insert({ table: 'notes', rows: [note('n2')] });
    });
    await paused.opened;
    const closed = adapter.close();
    expect(await errorOf(adapter.findMany({ table: 'notes', tenantId: 't1' }))).toMatchObject({
      code: 'MISUSE',
    });
    resume.open();
    await running;
    await closed;

    expect(await errorOf(adapter.transaction(async () => undefined))).toMatchObject({ code: 'MISUSE' });
    const stored = await schemas.admin.query(`select id from "${schema}".notes order by id`);
    expect(stored.rows).toEqual([{ id: 'n1' }, { id: 'n2' }]);
    // The server notices the closed sockets a moment after the pool ends.
    await expect
      .poll(
        async () =>
          (
            await schemas.admin.query(
              'select count(*)::int as open from pg_stat_activity where application_name = $1',
              [applicationName],
            )
          ).rows[0]?.open,
      )
      .toBe(0);
  });
});
