import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Migration, Row, StorageAdapter, TableDef } from '@rapport/core';
import { createCrm, memoryAdapter } from '@rapport/core';
import type { SqlConnection, SqlDriver } from '@rapport/sql';
import { copyOfValues, createSqlStore } from '@rapport/sql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPoolDriver } from './pg-pool-driver';
import { createPgliteDriver } from './pglite-driver';
import { postgresAdapter } from './postgres-adapter';
import { postgresDialect } from './postgres-dialect';

// Bulk inserts of 50 rows or more go through COPY (see COPY_MIN_ROWS in @rapport/sql); these tests hold COPY
// to what the INSERT road stores and refuses, on PGlite and, when RAPPORT_PG_URL is set, on the server.
const BULK = 120;
const SMALL = 10;

const text = (name: string) => ({ name, type: 'text' as const, nullable: true });
const bulkTable: TableDef = {
  name: 'bulk_items',
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
    text('label'),
    text('code'),
    { name: 'count', type: 'integer', nullable: true },
    { name: 'score', type: 'real', nullable: true },
    { name: 'active', type: 'boolean', nullable: true },
    { name: 'data', type: 'json', nullable: true },
    // Postgres `json`, kept as text: COPY must hand it the same JSON text as jsonb.
    { name: 'document', type: 'json', nullable: true, opaque: true },
    { name: 'happened_at', type: 'timestamp', nullable: true },
    { name: 'born_on', type: 'date', nullable: true },
    text('parent_id'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'bulk_items_code_unique', columns: ['tenant_id', 'code'], unique: true }],
  foreignKeys: [
    {
      name: 'bulk_items_parent_fk',
      columns: ['tenant_id', 'parent_id'],
      references: { table: 'bulk_items', columns: ['tenant_id', 'id'] },
    },
  ],
};
const migrations: Migration[] = [
  { version: 1, name: 'bulk items', steps: [{ kind: 'createTable', table: bulkTable }] },
];

// Text that means something to COPY's text format, to JSON, or to Unicode.
const nastyTexts = [
  '',
  '\\',
  '\\N',
  'NULL',
  '\\.',
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'windows\r\nline',
  '\\t is not a tab',
  'trailing backslash\\',
  '"double" \'single\' `back`',
  'a,b;c|d',
  '\u0001\u0007\u001b\u007f',
  'İstanbul ǅ ß σς',
  'e\u0301 (combining) 🎉👩‍👩‍👧 (emoji)',
  'שלום مرحبا 你好',
  '\u2028\u2029\ufeff',
];
const nastyJson = [
  { text: 'a\\b\tc\nd\re', quote: '"', unicode: '🎉 İ', nested: { list: [1, 'two', null, true] } },
  ['\\N', '\\.', '', { '': 'empty key' }],
  'just a string with \\ and \n',
  12.5,
  false,
  { big: Number.MAX_SAFE_INTEGER, small: -1.5e-300 },
];
const numbers = [0, 1, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
const reals = [0.1, -2.5, 1e21, 5e-324, Number.MAX_VALUE, 3];

/** Row `index` of tenant `tenantId`: every column, with nasty values cycling through the rows. */
function nastyRow(tenantId: string, index: number): Row {
  const pick = <T>(values: readonly T[]) => values[index % values.length] as T;
  const isNull = index % 7 === 3;
  return {
    tenant_id: tenantId,
    id: `item-${String(index).padStart(4, '0')}`,
    label: isNull ? null : pick(nastyTexts),
    code: isNull ? null : `${pick(nastyTexts)}#${index}`,
    count: isNull ? null : pick(numbers),
    score: isNull ? null : pick(reals),
    active: isNull ? null : index % 2 === 0,
    data: isNull ? null : pick(nastyJson),
    document: isNull ? null : pick([...nastyJson].reverse()),
    happened_at: isNull ? null : '2024-02-29T23:59:59.999Z',
    born_on: isNull ? null : '1988-02-29',
    // Each row after the first ten points at a row written in the same call, some at a later one.
    parent_id: index < SMALL ? null : `item-${String((index * 7) % BULK).padStart(4, '0')}`,
  };
}

// Without an ordering, rows come in primary key order.
const all = async (store: StorageAdapter, tenantId: string) =>
  store.findMany({ table: 'bulk_items', tenantId });
const withoutTenant = (rows: readonly Row[]) => rows.map(({ tenant_id: _, ...rest }) => rest);

interface Engine {
  readonly name: string;
  /** A driver on a fresh, empty schema. */
  driver(): Promise<SqlDriver>;
}

/** Counts the `copyRows` calls of the transactions of `driver`, so a test can tell which road an insert took. */
function countingCopies(driver: SqlDriver): { driver: SqlDriver; copies: () => number } {
  let copies = 0;
  const counted = (connection: SqlConnection): SqlConnection => ({
    query: (statement) => connection.query(statement),
    queryFirst: (statement) => connection.queryFirst(statement),
    execute: (statement) => connection.execute(statement),
    copyRows: (copy) => {
      copies++;
      return (connection.copyRows as NonNullable<SqlConnection['copyRows']>)(copy);
    },
  });
  return {
    driver: { ...driver, transaction: (fn) => driver.transaction((connection) => fn(counted(connection))) },
    copies: () => copies,
  };
}

async function openStore(engine: Engine): Promise<{ store: StorageAdapter; copies: () => number }> {
  const { driver, copies } = countingCopies(await engine.driver());
  const store = createSqlStore({
    name: 'postgres',
    capabilities: { dialect: 'postgres', persistent: false, multiProcess: false },
    dialect: postgresDialect,
    driver,
  });
  await store.migrate({ migrations });
  return { store, copies };
}

const schemaName = () => `rapport_copy_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

function pgliteEngine(): Engine & { pglite: () => Promise<PGlite> } {
  let instance: Promise<PGlite> | undefined;
  const pglite = () => {
    instance ??= PGlite.create();
    return instance;
  };
  afterAll(async () => {
    await (await instance)?.close();
  });
  return {
    name: 'pglite',
    pglite,
    async driver() {
      const db = await pglite();
      const schema = schemaName();
      await db.exec(`create schema "${schema}"`);
      return createPgliteDriver(db, { searchPath: `"${schema}"` });
    },
  };
}

function serverEngine(url: string): Engine {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schemas: string[] = [];
  afterAll(async () => {
    if (schemas.length > 0)
      await admin.query(`drop schema ${schemas.map((s) => `"${s}"`).join(', ')} cascade`);
    await admin.end();
  });
  return {
    name: 'postgres server',
    async driver() {
      const schema = schemaName();
      schemas.push(schema);
      await admin.query(`create schema "${schema}"`);
      const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path="${schema}"` });
      return createPgPoolDriver(pool, { ownsPool: true });
    },
  };
}

const pglite = pgliteEngine();
const url = process.env.RAPPORT_PG_URL;
const engines: Engine[] = [pglite, ...(url !== undefined && url !== '' ? [serverEngine(url)] : [])];

describe.each(engines)('bulk insert through COPY on $name', (engine) => {
  let store: StorageAdapter;
  let copies: () => number;
  // Starting PGlite and migrating take seconds on a busy machine.
  beforeAll(async () => {
    ({ store, copies } = await openStore(engine));
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it('stores nasty values exactly as the INSERT road does, and as given', async () => {
    const rows = Array.from({ length: BULK }, (_, index) => nastyRow('copied', index));
    const before = copies();
    await store.transaction((tx) => tx.insert({ table: 'bulk_items', rows }));
    expect(copies()).toBe(before + 1);
    // The same rows in inserts too small for COPY, parents first so each insert's references exist.
    const inserted = Array.from({ length: BULK }, (_, index) => nastyRow('inserted', index));
    const parentsFirst = [...inserted].sort(
      (a, b) => Number(a.parent_id !== null) - Number(b.parent_id !== null),
    );
    await store.transaction(async (tx) => {
      for (const row of parentsFirst.filter((row) => row.parent_id === null))
        await tx.insert({ table: 'bulk_items', rows: [{ ...row }] });
      for (const row of parentsFirst.filter((row) => row.parent_id !== null))
        await tx.insert({ table: 'bulk_items', rows: [{ ...row, parent_id: null }] });
      for (const row of parentsFirst.filter((row) => row.parent_id !== null))
        await tx.update({
          table: 'bulk_items',
          tenantId: 'inserted',
          id: row.id as string,
          values: { parent_id: row.parent_id },
        });
    });
    expect(copies()).toBe(before + 1);
    const copied = await all(store, 'copied');
    expect(copied).toEqual(rows);
    expect(withoutTenant(copied)).toEqual(withoutTenant(await all(store, 'inserted')));
  });

  it('inserts fewer rows than the threshold with INSERT', async () => {
    const rows = Array.from({ length: SMALL }, (_, index) => nastyRow('few', index));
    const before = copies();
    await store.transaction((tx) => tx.insert({ table: 'bulk_items', rows }));
    expect(copies()).toBe(before);
    expect(await all(store, 'few')).toEqual(rows);
  });

  it('refuses a primary key repeated inside the batch with DUPLICATE and writes nothing', async () => {
    const rows = Array.from({ length: BULK }, (_, index) => nastyRow('twice', index));
    rows[90] = { ...nastyRow('twice', 5), code: 'other' };
    await expect(store.transaction((tx) => tx.insert({ table: 'bulk_items', rows }))).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: { table: 'bulk_items', columns: ['tenant_id', 'id'] },
    });
    expect(await all(store, 'twice')).toEqual([]);
  });

  it('refuses a unique value an earlier insert holds with DUPLICATE and rolls that insert back too', async () => {
    const rows = Array.from({ length: BULK }, (_, index) => nastyRow('clash', index));
    const first = { ...nastyRow('clash', 999), parent_id: null, code: rows[60]?.code };
    await expect(
      store.transaction(async (tx) => {
        await tx.insert({ table: 'bulk_items', rows: [first] });
        await tx.insert({ table: 'bulk_items', rows });
      }),
    ).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: { table: 'bulk_items', columns: ['tenant_id', 'code'] },
    });
    expect(await all(store, 'clash')).toEqual([]);
  });

  it('refuses a reference to a missing row with INVALID_REFERENCE and writes nothing', async () => {
    const rows = Array.from({ length: BULK }, (_, index) => nastyRow('orphans', index));
    rows[100] = { ...nastyRow('orphans', 100), parent_id: 'missing' };
    await expect(store.transaction((tx) => tx.insert({ table: 'bulk_items', rows }))).rejects.toMatchObject({
      code: 'INVALID_REFERENCE',
      details: { table: 'bulk_items', constraint: 'bulk_items_parent_fk' },
    });
    expect(await all(store, 'orphans')).toEqual([]);
  });

  it('refuses a value that does not fit its column with STORAGE_ERROR and writes none of the rows', async () => {
    const rows = Array.from({ length: BULK }, (_, index) => nastyRow('misfit', index));
    rows[80] = { ...nastyRow('misfit', 80), count: 'eighty' };
    await expect(store.transaction((tx) => tx.insert({ table: 'bulk_items', rows }))).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
      details: { table: 'bulk_items', column: 'count' },
    });
    expect(await all(store, 'misfit')).toEqual([]);
  });

  it('refuses a misfit in a later piece of a large COPY, writes none of it, and the store goes on', async () => {
    // COPY text goes out in pieces of 1,000 rows, encoded as they are sent: this misfit is in the third.
    const rows = Array.from({ length: 2_500 }, (_, index) => nastyRow('late-misfit', index));
    rows[2_100] = { ...nastyRow('late-misfit', 2_100), count: 'two thousand one hundred' };
    const before = copies();
    await expect(store.transaction((tx) => tx.insert({ table: 'bulk_items', rows }))).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
      details: { table: 'bulk_items', column: 'count' },
    });
    expect(copies()).toBe(before + 1);
    expect(await store.count({ table: 'bulk_items', tenantId: 'late-misfit' })).toBe(0);
    const fixed = rows.map((row, index) => (index === 2_100 ? nastyRow('late-misfit', index) : row));
    await store.transaction((tx) => tx.insert({ table: 'bulk_items', rows: fixed }));
    expect(await store.count({ table: 'bulk_items', tenantId: 'late-misfit' })).toBe(2_500);
  });

  it('reports the rows a COPY wrote, and writes none of a failed one when the transaction goes on past it', async () => {
    const driver = await engine.driver();
    const copy = copyOfValues({
      table: 'copy_probe',
      columns: ['id'],
      values: Array.from({ length: BULK }, (_, index) => (index === BULK - 1 ? 0 : index + 1)),
    });
    const counted = await driver.transaction(async (connection) => {
      await connection.execute({
        sql: 'create table copy_probe (id integer check (id > 0))',
        parameters: [],
      });
      expect(
        await connection.copyRows?.(
          copyOfValues({ table: 'copy_probe', columns: ['id'], values: [7, 8, 9] }),
        ),
      ).toBe(3);
      await connection.execute({ sql: 'savepoint probe', parameters: [] });
      await expect(connection.copyRows?.(copy)).rejects.toMatchObject({ code: '23514' });
      await connection.execute({ sql: 'rollback to savepoint probe', parameters: [] });
      return connection.queryFirst({ sql: 'select count(*)::int as n from copy_probe', parameters: [] });
    });
    expect(counted).toEqual({ n: 3 });
    await driver.close();
  });
});

describe('createMany through COPY on pglite', () => {
  const inputs = (emailOf: (index: number) => string) =>
    Array.from({ length: BULK }, (_, index) => ({
      firstName: nastyTexts[index % nastyTexts.length]?.trim() || 'Ann',
      lastName: `Line\\${index}\tTab`,
      emails: [{ address: emailOf(index) }],
      custom: {},
    }));

  it('creates the records, their audit entries and outbox events', async () => {
    const crm = await createCrm({
      storage: postgresAdapter({ pglite: await pglite.pglite(), schema: await freshSchema() }),
    });
    const session = crm.as({ tenantId: 't1', actor: { id: 'importer' } });
    const created = await session.people.createMany(inputs((index) => `p${index}@example.com`));
    const stored = await Promise.all(created.map((person) => session.people.get(person.id)));
    expect(stored).toEqual(created);
    expect(await session.people.history(created[BULK - 1]?.id as string)).toHaveLength(1);
    await crm.close();
  });

  it('reports a duplicate email inside the batch as the memory adapter does, and creates nothing', async () => {
    const duplicated = inputs((index) => (index === 100 ? 'p3@example.com' : `p${index}@example.com`));
    const failure = async (storage: StorageAdapter) => {
      const crm = await createCrm({ storage });
      const session = crm.as({ tenantId: 't1', actor: { id: 'importer' } });
      const error = await session.people.createMany(duplicated).catch((caught: unknown) => caught);
      const count = await session.people.count();
      await crm.close();
      return { error, count };
    };
    const onPglite = await failure(
      postgresAdapter({ pglite: await pglite.pglite(), schema: await freshSchema() }),
    );
    const inMemory = await failure(memoryAdapter());
    expect(onPglite.count).toBe(0);
    expect(onPglite.error).toMatchObject({ code: 'DUPLICATE' });
    expect(onPglite.error).toMatchObject({
      code: (inMemory.error as { code: string }).code,
      issues: (inMemory.error as { issues: unknown }).issues,
    });
  });

  async function freshSchema(): Promise<string> {
    const schema = schemaName();
    await (await pglite.pglite()).exec(`create schema "${schema}"`);
    return schema;
  }
});
