import type { CrmSession, FieldRef } from '@rapport/core';
import { createCrm, rapportMigrations } from '@rapport/core';
import type * as SqlLayer from '@rapport/sql';
import type { SqlDriver, SqlStatement } from '@rapport/sql';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sqliteAdapter } from './sqlite-adapter';

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
  });
  return {
    ...original,
    createSqlStore: (options: SqlLayer.CreateSqlStoreOptions) =>
      original.createSqlStore({ ...options, driver: recording(options.driver) }),
  };
});

const INDEX = /USING (?:COVERING )?INDEX (people_cf_\w+)/;

describe('custom field indexes on SQLite', () => {
  let db: Database.Database;
  let close: () => Promise<void>;
  let a: CrmSession;
  let b: CrmSession;

  beforeEach(async () => {
    db = new Database(':memory:');
    const crm = await createCrm({ storage: sqliteAdapter({ database: db }) });
    close = () => crm.close();
    a = crm.as({ tenantId: 'tenant-a', actor: { id: 'user-a' } });
    b = crm.as({ tenantId: 'tenant-b', actor: { id: 'user-b' } });
  });
  afterEach(async () => {
    await close();
    db.close();
  });

  /** The index `explain query plan` says the read of people that `list` sends searches, if any. */
  async function indexUsedBy(list: () => Promise<unknown>): Promise<string | undefined> {
    reads.length = 0;
    await list();
    const statement = reads.find((read) => read.sql.includes('from "people"'));
    if (statement === undefined) throw new Error('The list sent no read of people');
    const plan = db.prepare(`explain query plan ${statement.sql}`).all(statement.parameters) as {
      detail: string;
    }[];
    return plan.map((step) => INDEX.exec(step.detail)?.[1]).find((name) => name !== undefined);
  }

  const customIndexes = () =>
    db
      .prepare(
        `select name from sqlite_master where type = 'index' and name like 'people\\_cf\\_%' escape '\\'`,
      )
      .pluck()
      .all() as string[];

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

  async function defineFields(session: CrmSession, indexed: boolean) {
    const score = await session.customFields.define({
      entity: 'person',
      key: 'score',
      label: 'Score',
      type: 'number',
      indexed,
    });
    const tier = await session.customFields.define({
      entity: 'person',
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: [
        { value: 'gold', label: 'Gold' },
        { value: 'silver', label: 'Silver' },
      ],
      indexed,
    });
    const renewal = await session.customFields.define({
      entity: 'person',
      key: 'renewal',
      label: 'Renewal',
      type: 'date',
      indexed,
    });
    return { score, tier, renewal };
  }

  it('searches the index for equality, in and ranges on indexed fields', async () => {
    await defineFields(a, true);
    await defineFields(b, false);
    await seed();
    expect(
      await indexUsedBy(() => a.people.list({ where: { field: 'custom.score', op: 'eq', value: 7 } })),
    ).toMatch(/^people_cf_score_number_/);
    expect(
      await indexUsedBy(() => a.people.list({ where: { field: 'custom.score', op: 'gte', value: 35 } })),
    ).toMatch(/^people_cf_score_number_/);
    expect(
      await indexUsedBy(() => a.people.list({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } })),
    ).toMatch(/^people_cf_tier_text_/);
    expect(
      await indexUsedBy(() =>
        a.people.list({ where: { field: 'custom.tier', op: 'in', value: ['gold', 'bronze'] } }),
      ),
    ).toMatch(/^people_cf_tier_text_/);
    expect(
      await indexUsedBy(() =>
        a.people.list({ where: { field: 'custom.renewal', op: 'lt', value: '2025-02-15' } }),
      ),
    ).toMatch(/^people_cf_renewal_date_/);
    const found = await a.people.list({ where: { field: 'custom.score', op: 'gte', value: 35 } });
    expect(found.items.map((person) => person.custom.score).sort()).toEqual([35, 36, 37, 38, 39]);
  });

  it('builds the index when a field is marked indexed and drops it when unmarked', async () => {
    const { score } = await defineFields(a, false);
    await defineFields(b, false);
    await seed();
    expect(customIndexes()).toEqual([]);
    expect(
      await indexUsedBy(() => a.people.list({ where: { field: 'custom.score', op: 'gt', value: 37 } })),
    ).toBeUndefined();
    await a.customFields.update(score.id, { indexed: true }, { version: 1 });
    expect(customIndexes()).toEqual([expect.stringMatching(/^people_cf_score_number_[0-9a-f]{8}$/)]);
    expect(
      await indexUsedBy(() => a.people.list({ where: { field: 'custom.score', op: 'gt', value: 37 } })),
    ).toMatch(/^people_cf_score_/);
    await a.customFields.update(score.id, { indexed: false }, { version: 2 });
    expect(customIndexes()).toEqual([]);
    expect(
      await indexUsedBy(() => a.people.list({ where: { field: 'custom.score', op: 'gt', value: 37 } })),
    ).toBeUndefined();
  });

  it('keeps an index while any tenant asks for it and drops it with the last', async () => {
    const mine = await defineFields(a, true);
    const theirs = await defineFields(b, true);
    expect(customIndexes()).toHaveLength(3);
    await a.customFields.update(mine.tier.id, { indexed: false }, { version: 1 });
    await a.customFields.archive(mine.score.id);
    expect(customIndexes()).toHaveLength(3);
    await b.customFields.archive(theirs.tier.id);
    await b.customFields.update(theirs.score.id, { indexed: false }, { version: 1 });
    expect(customIndexes()).toEqual([expect.stringMatching(/^people_cf_renewal_date_/)]);
    await b.customFields.restore(theirs.tier.id);
    expect(customIndexes()).toEqual([
      expect.stringMatching(/^people_cf_renewal_date_/),
      expect.stringMatching(/^people_cf_tier_text_/),
    ]);
  });

  it('moves the index with a type change that reads the field as another type', async () => {
    const level = await a.customFields.define({
      entity: 'person',
      key: 'level',
      label: 'Level',
      type: 'number',
      indexed: true,
    });
    expect(customIndexes()).toEqual([expect.stringMatching(/^people_cf_level_number_/)]);
    await a.customFields.update(level.id, { type: 'decimal' }, { version: 1 });
    expect(customIndexes()).toEqual([expect.stringMatching(/^people_cf_level_number_/)]);
    await a.customFields.update(level.id, { type: 'text', max: 20 }, { version: 2 });
    expect(customIndexes()).toEqual([expect.stringMatching(/^people_cf_level_text_/)]);
    await a.people.create({ firstName: 'Ann', custom: { level: 'high' } });
    expect(
      await indexUsedBy(() => a.people.list({ where: { field: 'custom.level', op: 'eq', value: 'high' } })),
    ).toMatch(/^people_cf_level_text_/);
  });

  it('refuses a field it cannot index with MISUSE, and indexes and drops idempotently', async () => {
    // A second adapter on the same database, to call the storage methods directly.
    const storage = sqliteAdapter({ database: db });
    await storage.migrate({ migrations: rapportMigrations });
    const tier: FieldRef = { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' };
    const region: FieldRef = { operand: { kind: 'column', column: 'region' }, type: 'text' };
    const quoted: FieldRef = {
      operand: { kind: 'jsonPath', column: 'custom', path: ["it's"] },
      type: 'text',
    };
    for (const field of [region, quoted, { ...tier, type: 'textList' as const }]) {
      await expect(storage.indexCustomField?.({ table: 'people', field })).rejects.toMatchObject({
        code: 'MISUSE',
      });
    }
    await storage.indexCustomField?.({ table: 'people', field: tier });
    await storage.indexCustomField?.({ table: 'people', field: tier });
    expect(customIndexes()).toEqual([expect.stringMatching(/^people_cf_tier_text_/)]);
    await a.customFields.define({ entity: 'person', key: 'other', label: 'Other', type: 'number' });
    const anyDefinition = { table: 'custom_fields', where: { kind: 'and', conditions: [] } } as const;
    const noDefinition = { table: 'custom_fields', where: { kind: 'or', conditions: [] } } as const;
    expect(
      await storage.dropCustomFieldIndex?.({ table: 'people', field: tier, keptBy: anyDefinition }),
    ).toBe(false);
    expect(customIndexes()).toHaveLength(1);
    expect(await storage.dropCustomFieldIndex?.({ table: 'people', field: tier, keptBy: noDefinition })).toBe(
      true,
    );
    expect(customIndexes()).toEqual([]);
    expect(await storage.dropCustomFieldIndex?.({ table: 'people', field: tier, keptBy: noDefinition })).toBe(
      true,
    );
    await storage.close();
  });

  it('keeps nothing of an index built for a definition that is then refused', async () => {
    await a.customFields.define({ entity: 'person', key: 'tier', label: 'Tier', type: 'text', max: 9 });
    await expect(
      a.customFields.define({
        entity: 'person',
        key: 'tier',
        label: 'Tier',
        type: 'text',
        max: 9,
        indexed: true,
      }),
    ).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect(customIndexes()).toEqual([]);
  });
});
