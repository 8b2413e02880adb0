import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgresAdapter } from '@rapport/adapter-postgres';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from './copy-text';
import type { SegmentEngine } from './segment-bench';
import type { HandWrittenQuery, TableRow } from './segment-workload';

/** `?` placeholders as Postgres numbers them. */
const numbered = (text: string) => {
  let next = 0;
  return text.replaceAll('?', () => `$${++next}`);
};

const columnsOf = (rows: readonly TableRow[]) => Object.keys(rows[0] ?? {});

/** SQLite: Rapport's adapter and better-sqlite3 on one database file in a temporary folder. */
export function sqliteSegmentEngine(): SegmentEngine {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-segments-'));
  const file = join(directory, 'crm.db');
  let raw: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  const database = () => {
    raw ??= new Database(file);
    return raw;
  };
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (statement === undefined) {
      statement = database().prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  return {
    engine: 'SQLite',
    prefix: 'sqlite',
    storage: () => sqliteAdapter({ filename: file }),
    async load(table, rows) {
      const columns = columnsOf(rows);
      const insert = prepared(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      database().transaction(() => {
        for (const row of rows) insert.run(columns.map((column) => row[column]));
      })();
    },
    async analyze() {
      database().exec('analyze');
    },
    query: async ({ text, values }: HandWrittenQuery) => prepared(text).all(...values) as TableRow[],
    async close() {
      raw?.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A Postgres server at `url`: Rapport's adapter and a `pg` pool of one connection, in a fresh schema. */
export async function serverSegmentEngine(url: string): Promise<SegmentEngine> {
  const schema = `rapport_segments_${Date.now().toString(36)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`create schema "${schema}"`);
  const version = (await admin.query('show server_version')).rows[0]?.server_version as string;
  const options = `-c search_path=${schema}`;
  const adapterPool = new pg.Pool({ connectionString: url, max: 1, options });
  const raw = new pg.Pool({ connectionString: url, max: 1, options });
  return {
    engine: `Postgres ${version.split(' ')[0]} server`,
    prefix: 'postgres',
    storage: () => postgresAdapter({ pool: adapterPool }),
    async load(table, rows) {
      const client = await raw.connect();
      try {
        await client.query('begin');
        const stream = client.query(copyFrom(`copy ${table} (${columnsOf(rows).join(', ')}) from stdin`));
        stream.end(copyText(rows.map((row) => Object.values(row))));
        await finished(stream);
        await client.query('commit');
      } finally {
        client.release();
      }
    },
    async analyze() {
      await raw.query('analyze');
    },
    // Unnamed, as the SDK runs filtered queries: Postgres plans each with its values (a named statement
    // may switch to one generic plan for all values after five runs).
    query: async ({ text, values }) => (await raw.query(numbered(text), [...values])).rows,
    async close() {
      await Promise.all([adapterPool.end(), raw.end()]);
      await admin.query(`drop schema "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** PGlite in process: Rapport's adapter and PGlite's own `query()` on one instance. */
export async function pgliteSegmentEngine(): Promise<SegmentEngine> {
  const db = await PGlite.create();
  const schema = 'rapport_segments';
  await db.exec(`create schema ${schema}`);
  return {
    engine: 'PGlite',
    prefix: 'pglite',
    storage: () => postgresAdapter({ pglite: db, schema }),
    async load(table, rows) {
      await db.transaction(async (tx) => {
        await tx.query(`copy ${schema}.${table} (${columnsOf(rows).join(', ')}) from '/dev/blob'`, [], {
          blob: new Blob([copyText(rows.map((row) => Object.values(row)))]),
        });
      });
    },
    async analyze() {
      // The one connection is the adapter's too, which keeps its search_path on the same schema.
      await db.exec(`analyze; set search_path to ${schema}`);
    },
    async query({ text, values }) {
      return (await db.query<TableRow>(numbered(text), [...values])).rows;
    },
    close: () => db.close(),
  };
}
