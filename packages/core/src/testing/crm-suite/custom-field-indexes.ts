import { describe, expect } from 'vitest';
import { define, options } from './custom-field-cases';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly } from './harness';

/** Names of the companies a filter finds, sorted, so answers compare whatever the engine's plan. */
async function namesWhere(h: Harness, where: Parameters<Harness['a']['companies']['list']>[0]) {
  const page = await h.a.companies.list({ ...where, limit: 100 });
  return page.items.map((company) => company.name).sort();
}

/**
 * `indexed` on custom field definitions: stored with the definition, settable on define and update, refused
 * for types no index can serve, and never changing what a filter or sort answers, while an adapter that
 * can builds and drops the index underneath (the SQL adapters' own tests check their plans).
 */
export function describeCustomFieldIndexes(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('custom field indexes', () => {
    it('defines indexed fields, stores the flag with the definition, and filters and sorts on them', async ({
      h,
    }) => {
      const score = await define(h, { key: 'score', type: 'number', indexed: true });
      const tier = await define(h, {
        key: 'tier',
        type: 'select',
        options: options('gold', 'silver'),
        indexed: true,
      });
      const plain = await define(h, { key: 'plain', type: 'number' });
      expect([score.indexed, tier.indexed, plain.indexed]).toEqual([true, true, false]);
      expect((await h.a.customFields.get(score.id)).indexed).toBe(true);
      const stored = await h.tenantRows('custom_fields', 'tenant-a');
      expect(Object.fromEntries(stored.map((row) => [row.key, row.is_indexed]))).toEqual({
        score: true,
        tier: true,
        plain: false,
      });
      await h.a.companies.createMany([
        { name: 'A', custom: { score: 10, tier: 'gold' } },
        { name: 'B', custom: { score: 60, tier: 'silver' } },
        { name: 'C', custom: { score: 90, tier: 'gold' } },
        { name: 'D' },
      ]);
      await h.b.customFields.define({ entity: 'company', key: 'score', label: 'Score', type: 'number' });
      await h.b.companies.create({ name: 'Other tenant', custom: { score: 70 } });
      expect(await namesWhere(h, { where: { field: 'custom.score', op: 'gte', value: 50 } })).toEqual([
        'B',
        'C',
      ]);
      expect(await namesWhere(h, { where: { field: 'custom.tier', op: 'eq', value: 'gold' } })).toEqual([
        'A',
        'C',
      ]);
      expect(
        await namesWhere(h, { where: { field: 'custom.tier', op: 'in', value: ['silver', 'bronze'] } }),
      ).toEqual(['B']);
      expect(await namesWhere(h, { where: { field: 'custom.tier', op: 'ne', value: 'gold' } })).toEqual([
        'B',
        'D',
      ]);
      const sorted = await h.a.companies.list({ orderBy: '-custom.score' });
      expect(sorted.items.map((company) => company.name)).toEqual(['C', 'B', 'A', 'D']);
    });

    it('marks a field indexed with update and back, with a new version each time and the same answers', async ({
      h,
    }) => {
      const renewal = await define(h, { key: 'renewal', type: 'date' });
      await h.a.companies.createMany([
        { name: 'A', custom: { renewal: '2025-03-01' } },
        { name: 'B', custom: { renewal: '2025-07-01' } },
        { name: 'C' },
      ]);
      const dueLater = { where: { field: 'custom.renewal', op: 'gt', value: '2025-05-01' } } as const;
      expect(await namesWhere(h, dueLater)).toEqual(['B']);
      const indexed = await h.a.customFields.update(renewal.id, { indexed: true }, { version: 1 });
      expect(indexed).toMatchObject({ indexed: true, version: 2 });
      expect(await namesWhere(h, dueLater)).toEqual(['B']);
      const unindexed = await h.a.customFields.update(renewal.id, { indexed: false }, { version: 2 });
      expect(unindexed).toMatchObject({ indexed: false, version: 3 });
      expect((await h.a.customFields.get(renewal.id)).indexed).toBe(false);
      expect(await namesWhere(h, dueLater)).toEqual(['B']);
      const trail = await h.a.audit.list({ recordId: renewal.id });
      const flagChanges = trail.flatMap((entry) => (entry.changes.indexed ? [entry.changes.indexed] : []));
      expect(flagChanges).toEqual([
        { before: null, after: false },
        { before: false, after: true },
        { before: true, after: false },
      ]);
    });

    it('keeps an indexed field answering through a type change, an archive and a restore', async ({ h }) => {
      const code = await define(h, { key: 'code', type: 'text', max: 20, indexed: true });
      const level = await define(h, { key: 'level', type: 'number', indexed: true });
      await h.a.companies.createMany([
        { name: 'A', custom: { code: 'gold', level: 1 } },
        { name: 'B', custom: { code: 'silver', level: 2 } },
      ]);
      const select = await h.a.customFields.update(
        code.id,
        { type: 'select', options: options('gold', 'silver'), max: null },
        { version: 1 },
      );
      expect(select).toMatchObject({ type: 'select', indexed: true });
      const decimal = await h.a.customFields.update(level.id, { type: 'decimal' }, { version: 1 });
      expect(decimal).toMatchObject({ type: 'decimal', indexed: true });
      await h.a.companies.create({ name: 'C', custom: { code: 'gold', level: 2.5 } });
      expect(await namesWhere(h, { where: { field: 'custom.code', op: 'eq', value: 'gold' } })).toEqual([
        'A',
        'C',
      ]);
      expect(await namesWhere(h, { where: { field: 'custom.level', op: 'gt', value: 1.5 } })).toEqual([
        'B',
        'C',
      ]);
      await h.a.customFields.archive(code.id);
      await h.a.customFields.restore(code.id);
      expect((await h.a.customFields.get(code.id)).indexed).toBe(true);
      expect(await namesWhere(h, { where: { field: 'custom.code', op: 'eq', value: 'silver' } })).toEqual([
        'B',
      ]);
    });

    it('filters a money field indexed on its amount', async ({ h }) => {
      await define(h, { key: 'budget', type: 'money', indexed: true });
      await h.a.companies.createMany([
        { name: 'A', custom: { budget: { amount: 5_000, currency: 'EUR' } } },
        { name: 'B', custom: { budget: { amount: 50_000, currency: 'USD' } } },
      ]);
      expect(
        await namesWhere(h, { where: { field: 'custom.budget.amount', op: 'gte', value: 10_000 } }),
      ).toEqual(['B']);
    });

    it('refuses indexed on a type no index can serve, with VALIDATION_FAILED at indexed, changing nothing', async ({
      h,
    }) => {
      for (const input of [
        { key: 'labels', type: 'multiSelect', options: options('a', 'b') },
        { key: 'notes', type: 'longText' },
        { key: 'site', type: 'url' },
        { key: 'free', type: 'text' },
        { key: 'long', type: 'text', max: 501 },
      ] as const) {
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          define(h, { ...input, indexed: true }),
        );
        expectIssueAt(error, ['indexed']);
      }
      const notes = await define(h, { key: 'notes', type: 'longText' });
      expectIssueAt(
        await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.customFields.update(notes.id, { indexed: true }, { version: 1 }),
        ),
        ['indexed'],
      );
      const short = await define(h, { key: 'short', type: 'text', max: 500, indexed: true });
      expect(short.indexed).toBe(true);
      expectIssueAt(
        await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.customFields.update(short.id, { type: 'longText' }, { version: 1 }),
        ),
        ['indexed'],
      );
    });

    it('lets tenants index the same key independently: one tenant dropping it leaves the other answering', async ({
      h,
    }) => {
      const mine = await define(h, { key: 'tier', type: 'text', max: 10, indexed: true });
      const theirs = await h.b.customFields.define({
        entity: 'company',
        key: 'tier',
        label: 'Tier',
        type: 'text',
        max: 10,
        indexed: true,
      });
      await h.a.companies.create({ name: 'A', custom: { tier: 'gold' } });
      await h.b.companies.create({ name: 'B', custom: { tier: 'gold' } });
      await h.a.customFields.update(mine.id, { indexed: false }, { version: 1 });
      const found = await h.b.companies.list({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } });
      expect(found.items.map((company) => company.name)).toEqual(['B']);
      await h.b.customFields.archive(theirs.id);
      expect(await namesWhere(h, { where: { field: 'custom.tier', op: 'eq', value: 'gold' } })).toEqual([
        'A',
      ]);
    });
  });
}
