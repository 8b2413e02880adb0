import { describe, expect } from 'vitest';
import { define, options } from './custom-field-cases';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError } from './harness';

/** Changes to definitions: labels, archiving, and changes of type or constraints that stored data must fit. */
export function describeCustomFieldChanges(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('custom field changes', () => {
    it('renames a label without touching stored data', async ({ h }) => {
      const tier = await define(h, { key: 'tier', type: 'text' });
      await h.a.companies.createMany([{ name: 'A', custom: { tier: 'gold' } }, { name: 'B' }]);
      const rows = await h.rows('companies');
      const renamed = await h.a.customFields.update(
        tier.id,
        { label: 'Customer tier', description: 'How much they spend' },
        { version: 1 },
      );
      expect(renamed).toMatchObject({ key: 'tier', label: 'Customer tier', version: 2 });
      expect(await h.rows('companies')).toEqual(rows);
      expect((await h.a.customFields.get(tier.id)).label).toBe('Customer tier');
    });

    it('archives a field: its key is refused in writes and filters, stored values stay; restore brings it back', async ({
      h,
    }) => {
      const tier = await define(h, { key: 'tier', type: 'text', required: true });
      const company = await h.a.companies.create({ name: 'Acme', custom: { tier: 'gold' } });
      await h.a.customFields.archive(tier.id);
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.companies.create({ name: 'X', custom: { tier: 'gold' } }),
      );
      expectIssueAt(error, ['custom', 'tier']);
      expect(error.issues[0]?.code).toBe('archived_field');
      await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.companies.update(company.id, { custom: { tier: 'silver' } }, { version: 1 }),
      );
      await rapportError(
        h.a.companies.list({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } }),
        'INVALID_FILTER',
      );
      await rapportError(h.a.companies.list({ orderBy: 'custom.tier' }), 'INVALID_FILTER');
      const untouched = await h.a.companies.update(company.id, { region: 'North' }, { version: 1 });
      expect(untouched.custom).toEqual({ tier: 'gold' });
      expect((await h.rows('companies'))[0]?.custom).toEqual({ tier: 'gold' });
      await h.a.companies.create({ name: 'No tier needed while archived' });
      await h.a.customFields.restore(tier.id);
      expect(await h.a.companies.count({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } })).toBe(1);
      await h.a.companies.update(company.id, { custom: { tier: 'silver' } }, { version: 2 });
    });

    it('refuses a type change existing values cannot take, with TYPE_CHANGE_REFUSED and the exact count, changing nothing', async ({
      h,
    }) => {
      const score = await define(h, { key: 'score', type: 'text' });
      await h.a.companies.createMany([
        { name: 'A', custom: { score: 'high' } },
        { name: 'B', custom: { score: '12' } },
        { name: 'C', custom: { score: 'low' } },
        { name: 'D' },
      ]);
      const archived = await h.a.companies.create({ name: 'E', custom: { score: 'mid' } });
      await h.a.companies.archive(archived.id);
      await h.b.customFields.define({ entity: 'company', key: 'score', label: 'Score', type: 'text' });
      await h.b.companies.create({ name: 'Other tenant', custom: { score: 'n/a' } });
      const error = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
        h.a.customFields.update(score.id, { type: 'number' }, { version: 1 }),
      );
      expect(error.details.offending).toBe(4);
      expect((await h.a.customFields.get(score.id)).type).toBe('text');
    });

    it('refuses narrowing options, bounds or making a field required when stored values break them', async ({
      h,
    }) => {
      const tier = await define(h, {
        key: 'tier',
        type: 'select',
        options: options('gold', 'silver', 'bronze'),
      });
      const size = await define(h, { key: 'size', type: 'number' });
      await h.a.companies.createMany([
        { name: 'A', custom: { tier: 'gold', size: 5 } },
        { name: 'B', custom: { tier: 'silver', size: 50 } },
        { name: 'C', custom: { size: 500 } },
      ]);
      const dropped = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
        h.a.customFields.update(tier.id, { options: options('gold') }, { version: 1 }),
      );
      expect(dropped.details.offending).toBe(1);
      const required = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
        h.a.customFields.update(tier.id, { required: true }, { version: 1 }),
      );
      expect(required.details.offending).toBe(1);
      const bounded = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
        h.a.customFields.update(size.id, { max: 10 }, { version: 1 }),
      );
      expect(bounded.details.offending).toBe(2);
      await h.a.customFields.update(tier.id, { options: options('gold', 'silver') }, { version: 1 });
      await h.a.customFields.update(size.id, { max: 500, min: 0 }, { version: 1 });
    });

    it('allows a type change when every stored value fits, and the new type applies from then on', async ({
      h,
    }) => {
      const note = await define(h, { key: 'note', type: 'text' });
      const level = await define(h, { key: 'level', type: 'number' });
      const tier = await define(h, { key: 'tier', type: 'text' });
      await h.a.companies.createMany([
        { name: 'A', custom: { note: 'short', level: 1, tier: 'gold' } },
        { name: 'B', custom: { level: 2, tier: 'silver' } },
      ]);
      const rows = await h.rows('companies');
      await h.a.customFields.update(note.id, { type: 'longText' }, { version: 1 });
      await h.a.customFields.update(level.id, { type: 'decimal', scale: 1 }, { version: 1 });
      await h.a.customFields.update(
        tier.id,
        { type: 'select', options: options('gold', 'silver') },
        { version: 1 },
      );
      expect(await h.rows('companies')).toEqual(rows);
      await h.a.companies.create({ name: 'C', custom: { level: 2.5, tier: 'gold' } });
      expectIssueAt(
        await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.create({ name: 'D', custom: { tier: 'bronze' } }),
        ),
        ['custom', 'tier'],
      );
      expect(await h.a.companies.count({ where: { field: 'custom.level', op: 'gt', value: 1.5 } })).toBe(2);
    });

    it('refuses making a field unique while records share a value, and enforces it once allowed', async ({
      h,
    }) => {
      const code = await define(h, { key: 'code', type: 'text' });
      const [a, b] = await h.a.companies.createMany([
        { name: 'A', custom: { code: 'X' } },
        { name: 'B', custom: { code: 'X' } },
        { name: 'C', custom: { code: 'Y' } },
        { name: 'D' },
      ]);
      const error = await failsCleanly(h, 'TYPE_CHANGE_REFUSED', () =>
        h.a.customFields.update(code.id, { unique: true }, { version: 1 }),
      );
      expect(error.details.offending).toBe(1);
      await h.a.companies.update(b?.id as string, { custom: { code: 'Z' } }, { version: 1 });
      await h.a.customFields.update(code.id, { unique: true }, { version: 1 });
      const duplicate = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.companies.create({ name: 'E', custom: { code: 'Y' } }),
      );
      expectIssueAt(duplicate, ['custom', 'code']);
      await h.a.companies.update(a?.id as string, { custom: { code: 'W' } }, { version: 1 });
      await h.a.companies.create({ name: 'F', custom: { code: 'X' } });
      await h.a.customFields.update(code.id, { unique: false }, { version: 2 });
      await h.a.companies.create({ name: 'G', custom: { code: 'X' } });
    });

    it('filters and sorts by a custom field right after defining it', async ({ h }) => {
      await define(h, { key: 'rank', type: 'number' }, 'person');
      await h.a.people.createMany([
        { firstName: 'A', custom: { rank: 2 } },
        { firstName: 'B', custom: { rank: 1 } },
        { firstName: 'C' },
      ]);
      const page = await h.a.people.list({
        where: { field: 'custom.rank', op: 'gte', value: 1 },
        orderBy: 'custom.rank',
      });
      expect(page.items.map((person) => person.firstName)).toEqual(['B', 'A']);
    });
  });
}
