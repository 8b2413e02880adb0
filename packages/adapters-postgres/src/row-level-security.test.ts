import { PGlite } from '@electric-sql/pglite';
import type { Migration, StorageAdapter } from '@rapport/core';
import { isRapportError, rapportMigrations } from '@rapport/core';
import { describeCrmConformance } from '@rapport/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';
import type { RowLevelSecurityStores } from './row-level-security-stores';
import {
  rowLevelSecurityPgliteStores,
  rowLevelSecurityServerStores,
  transactionsAs,
} from './row-level-security-stores';
import { TENANT_POLICY } from './tenant-policies';

const notes: Migration = {
  version: 1000,
  name: 'notes',
  steps: [
    {
      kind: 'createTable',
      table: {
        name: 'rls_notes',
        columns: [
          { name: 'tenant_id', type: 'text', nullable: false },
          { name: 'id', type: 'text', nullable: false },
          { name: 'body', type: 'text', nullable: true },
        ],
        primaryKey: ['tenant_id', 'id'],
        indexes: [],
        foreignKeys: [],
      },
    },
  ],
};
const migrations = [...rapportMigrations, notes];
const table = 'rls_notes';

const note = (tenantId: string, id: string) => ({ tenant_id: tenantId, id, body: `${tenantId} ${id}` });

async function expectCode(action: () => Promise<unknown>, code: string): Promise<void> {
  const error = await action().then(
    () => expect.fail(`expected ${code}, but the call succeeded`),
    (failure: unknown) => failure,
  );
  expect(isRapportError(error) ? error.code : error).toBe(code);
}

/** A test or suite and the suites around it. */
interface Named {
  readonly name: string;
  readonly suite?: Named | undefined;
}

const suiteNames = (task: Named): string[] =>
  task.suite ? [task.suite.name, ...suiteNames(task.suite)] : [];

// Calls refused by core's validation before any statement reach no storage, so row-level security cannot
// change their outcome; the plain conformance suites run them.
const reachesStorage = (task: Named) =>
  !task.name.includes('VALIDATION_FAILED') && !suiteNames(task).includes('arguments of the wrong shape');

// On the server every test migrates a schema of its own, about a third of a second each: there the part
// about writes, transactions, tenants and DDL runs (the whole suite runs on PGlite, on the same code).
const serverGroups = new Set([
  'transactions',
  'tenant isolation',
  'versions',
  'uniqueness',
  'events',
  'custom field changes',
  'custom field indexes',
]);
const inServerPart = (task: Named) =>
  reachesStorage(task) && suiteNames(task).some((name) => serverGroups.has(name));

function describeRowLevelSecurity(
  name: string,
  stores: RowLevelSecurityStores,
  isIncluded: (task: Named) => boolean,
): void {
  describe(`${name}, row-level security`, () => {
    beforeEach(({ task, skip }) => {
      if (!isIncluded(task)) skip();
    });
    describeCrmConformance(name, stores.makeCheckedStore);
  });

  describe(`row-level security: ${name}`, () => {
    let store: StorageAdapter;
    let admin: StorageAdapter;
    let schema: string;

    beforeAll(async () => {
      ({ store, schema } = await stores.makeStore());
      // The policy on rls_notes comes from a later migration than the rest.
      await store.migrate({ migrations: rapportMigrations });
      await store.migrate({ migrations });
      admin = await stores.admin(schema);
      await admin.migrate({ migrations });
      await store.transaction(async (tx) => {
        await tx.insert({ table, rows: [note('a', '1'), note('a', '2')] });
        await tx.insert({ table, rows: [note('b', '1')] });
      });
    });
    afterAll(async () => {
      await store?.close();
      await admin?.close();
    });

    const policies = () =>
      stores.asApplication(schema, (query) =>
        query(
          `select c.relname as "table", c.relrowsecurity as "enabled", c.relforcerowsecurity as "forced",
             (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polname = $1) as "policies",
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "tenanted"
           from pg_class c where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace order by 1`,
          [TENANT_POLICY],
        ),
      );

    it('forces one tenant policy on every tenant table, and none on the bookkeeping tables', async () => {
      const tables = await policies();
      const tenanted = tables.filter((row) => row.tenanted === true);
      expect(tenanted.length).toBeGreaterThan(10);
      expect(tenanted.map((row) => row.table)).toContain(table);
      for (const row of tenanted)
        expect(row, String(row.table)).toMatchObject({ enabled: true, forced: true, policies: 1 });
      const bookkeeping = tables.filter((row) => row.tenanted !== true);
      expect(bookkeeping.map((row) => row.table)).toContain('rapport_migrations');
      for (const row of bookkeeping)
        expect(row, String(row.table)).toMatchObject({ enabled: false, policies: 0 });
    });

    it('migrates again, and from a second adapter, without failing or doubling policies', async () => {
      const before = await policies();
      expect(await store.migrate({ migrations })).toMatchObject({ applied: [] });
      const second = await stores.storeOn(schema);
      try {
        expect(await second.migrate({ migrations })).toMatchObject({ applied: [] });
      } finally {
        await second.close();
      }
      expect(await policies()).toEqual(before);
    });

    it('shows a query that forgot its tenant filter only the rows of the tenant set', async () => {
      const rows = await stores.asApplication(schema, async (query) => {
        await query(`select set_config('app.tenant_id', $1, true)`, ['a']);
        return query(`select tenant_id, id from ${table} order by id`);
      });
      expect(rows).toEqual([
        { tenant_id: 'a', id: '1' },
        { tenant_id: 'a', id: '2' },
      ]);
    });

    it('refuses to write a row of another tenant than the one set', async () => {
      const refusal = (sql: string) =>
        stores
          .asApplication(schema, async (query) => {
            await query(`select set_config('app.tenant_id', $1, true)`, ['a']);
            await query(sql);
          })
          .then(
            () => 'written',
            (error: { code?: string }) => error.code,
          );
      // 42501: new row violates row-level security policy.
      expect(await refusal(`insert into ${table} (tenant_id, id) values ('b', '9')`)).toBe('42501');
      expect(await refusal(`update ${table} set tenant_id = 'b' where id = '2'`)).toBe('42501');
      expect(await admin.count({ table, tenantId: 'b' })).toBe(1);
    });

    it('shows nothing when no tenant is set', async () => {
      const count = await stores.asApplication(schema, (query) =>
        query(`select count(*)::int as n from ${table}`),
      );
      expect(count).toEqual([{ n: 0 }]);
      expect(await admin.raw.rows(table)).toHaveLength(3);
    });

    it('forgets the tenant when its transaction ends, on the same connection', async () => {
      await stores.asApplication(schema, (query) =>
        query(`select set_config('app.tenant_id', $1, true)`, ['a']),
      );
      // The application's connection is the same one (one PGlite connection, a pool of one on the server);
      // the setting survives as an empty string, which the policy reads as no tenant.
      const after = await stores.asApplication(schema, (query) =>
        query(
          `select current_setting('app.tenant_id', true) as setting, (select count(*)::int from ${table}) as n`,
        ),
      );
      expect(after).toEqual([{ setting: '', n: 0 }]);
    });

    it('reads each tenant outside transactions and in one, also with calls running at once', async () => {
      expect(await store.count({ table, tenantId: 'a' })).toBe(2);
      expect(await store.findById({ table, tenantId: 'b', id: '1' })).toEqual(note('b', '1'));
      const counts = await store.transaction((tx) =>
        Promise.all([
          tx.count({ table, tenantId: 'a' }),
          tx.count({ table, tenantId: 'b' }),
          tx.findMany({ table, tenantId: 'a' }),
          tx.count({ table, tenantId: 'c' }),
        ]),
      );
      expect(counts).toEqual([2, 1, [note('a', '1'), note('a', '2')], 0]);
    });

    it('refuses an insert whose rows mix tenants with MISUSE, writing nothing', async () => {
      await expectCode(
        () => store.transaction((tx) => tx.insert({ table, rows: [note('a', '7'), note('b', '7')] })),
        'MISUSE',
      );
      expect(await admin.raw.rows(table)).toHaveLength(3);
    });

    it('inserts a bulk load as statements, since Postgres refuses COPY into tables under policies', async () => {
      const rows = Array.from({ length: 250 }, (_, index) =>
        note('bulk', `n${String(index).padStart(3, '0')}`),
      );
      await store.transaction((tx) => tx.insert({ table, rows }));
      expect(await store.count({ table, tenantId: 'bulk' })).toBe(250);
      await store.transaction((tx) =>
        tx.delete({ table, tenantId: 'bulk', where: { kind: 'and', conditions: [] } }),
      );
    });
  });
}

describeRowLevelSecurity('pglite', rowLevelSecurityPgliteStores(), reachesStorage);

// The real server runs only when one is configured, e.g. RAPPORT_PG_URL=postgres://postgres@127.0.0.1:5432/test.
const url = process.env.RAPPORT_PG_URL;
if (url !== undefined && url !== '')
  describeRowLevelSecurity('postgres server', rowLevelSecurityServerStores(url), inServerPart);

describe('row-level security with a role that skips policies', () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec(
      'create schema crm; create role rapport_bypass bypassrls; grant usage, create on schema crm to rapport_bypass',
    );
  });
  afterAll(() => pglite?.close());

  it('refuses to migrate as a superuser with MISUSE, creating no table', async () => {
    const adapter = postgresAdapter({ pglite, schema: 'crm', rowLevelSecurity: true });
    await expectCode(() => adapter.migrate({ migrations: [notes] }), 'MISUSE');
    const tables = await pglite.query(
      `select relname from pg_class where relnamespace = 'crm'::regnamespace`,
    );
    expect(tables.rows).toEqual([]);
  });

  it('refuses to migrate as a BYPASSRLS role with MISUSE', async () => {
    const asBypasser = transactionsAs(pglite, 'rapport_bypass');
    const adapter = postgresAdapter({ pglite: asBypasser, schema: 'crm', rowLevelSecurity: true });
    await expectCode(() => adapter.migrate({ migrations: [notes] }), 'MISUSE');
  });
});
