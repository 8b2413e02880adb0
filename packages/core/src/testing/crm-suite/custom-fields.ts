import { describe, expect } from 'vitest';
import type { CustomFieldInput } from '../../custom-fields/custom-field-definition';
import type { CustomFieldType } from '../../custom-fields/custom-field-types';
import { badDefinitions, define, options, typeCases } from './custom-field-cases';
import { makeCompany } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly } from './harness';

/** Tenant-defined fields: types, constraints, definitions, archiving and safe changes of type. */
export function describeCustomFields(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('custom fields', () => {
    describe('types', () => {
      for (const c of typeCases) {
        it(`stores valid ${c.type} values normalised and refuses invalid ones, on create and on update`, async ({
          h,
        }) => {
          await define(h, { key: 'value', type: c.type, ...c.definition });
          const goods: (readonly [unknown, unknown])[] = [...c.good];
          if (c.type === 'relation') {
            const target = await makeCompany(h.a);
            goods.push([target.id, target.id]);
          }
          const company = await h.a.companies.create({ name: 'Holder' });
          let version = company.version;
          for (const [input, stored] of goods) {
            const created = await h.a.companies.create({ name: 'C', custom: { value: input } });
            expect(created.custom.value, JSON.stringify(input)).toEqual(stored);
            expect((await h.a.companies.get(created.id)).custom.value).toEqual(stored);
            const updated = await h.a.companies.update(company.id, { custom: { value: input } }, { version });
            expect(updated.custom.value).toEqual(stored);
            version = updated.version;
          }
          for (const [input, path, code] of c.bad) {
            const onCreate = await failsCleanly(h, code ?? 'VALIDATION_FAILED', () =>
              h.a.companies.create({ name: 'C', custom: { value: input } }),
            );
            expectIssueAt(onCreate, ['custom', 'value', ...path]);
            const onUpdate = await failsCleanly(h, code ?? 'VALIDATION_FAILED', () =>
              h.a.companies.update(company.id, { custom: { value: input } }, { version }),
            );
            expectIssueAt(onUpdate, ['custom', 'value', ...path]);
          }
        });
      }

      it('compares datetime bounds as instants, whatever their offset or precision', async ({ h }) => {
        await define(h, {
          key: 'signedAt',
          type: 'datetime',
          min: '2020-01-01T00:00:00Z',
          max: '2020-12-31T23:00:00-01:00',
        });
        const ok = await h.a.companies.create({
          name: 'A',
          custom: { signedAt: '2020-01-01T01:00:00+01:00' },
        });
        expect(ok.custom.signedAt).toBe('2020-01-01T00:00:00.000Z');
        await h.a.companies.create({ name: 'B', custom: { signedAt: '2021-01-01T00:00:00.000Z' } });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.create({ name: 'C', custom: { signedAt: '2019-12-31T23:59:59.999Z' } }),
          ),
          ['custom', 'signedAt'],
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.create({ name: 'D', custom: { signedAt: '2021-01-01T00:00:00.001Z' } }),
          ),
          ['custom', 'signedAt'],
        );
      });

      it("reads local phone numbers of custom fields in the tenant's default country", async ({ h }) => {
        await h.a.settings.update({ defaultCountry: 'GB' }, { version: 0 });
        await define(h, { key: 'mobile', type: 'phone' }, 'person');
        const person = await h.a.people.create({ firstName: 'Ann', custom: { mobile: '020 7946 0958' } });
        expect(person.custom.mobile).toBe('+442079460958');
      });
    });

    describe('definitions', () => {
      for (const [what, definition, path] of badDefinitions) {
        it(`refuses ${what} with VALIDATION_FAILED at ${path.join('.')} and changes nothing`, async ({
          h,
        }) => {
          const input = { entity: 'company', key: 'field', label: 'Field', type: 'text', ...definition };
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.customFields.define(input as never),
          );
          expectIssueAt(error, path);
        });
      }

      it('refuses a key the entity already has, archived or not, with DUPLICATE', async ({ h }) => {
        const tier = await define(h, { key: 'tier', type: 'text' });
        expectIssueAt(await failsCleanly(h, 'DUPLICATE', () => define(h, { key: 'tier', type: 'number' })), [
          'key',
        ]);
        await h.a.customFields.archive(tier.id);
        expectIssueAt(await failsCleanly(h, 'DUPLICATE', () => define(h, { key: 'tier', type: 'number' })), [
          'key',
        ]);
        await define(h, { key: 'tier', type: 'number' }, 'person');
      });

      it('lets exactly one of concurrent definitions of one key succeed', async ({ h }) => {
        const results = await Promise.allSettled(
          ['text', 'number', 'boolean'].map((type) =>
            define(h, { key: 'tier', type: type as CustomFieldType }),
          ),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        expect(await h.a.customFields.list({ includeArchived: true })).toHaveLength(1);
      });

      it('defines every type, lists definitions by position then key, archived ones on request', async ({
        h,
      }) => {
        const defined = [];
        for (const [index, c] of typeCases.entries()) {
          defined.push(
            await define(h, {
              key: `f${String(index).padStart(2, '0')}`,
              type: c.type,
              position: 100 - index,
              ...c.definition,
            }),
          );
        }
        const listed = await h.a.customFields.list({ entity: 'company' });
        expect(listed.map((field) => field.key)).toEqual(defined.map((field) => field.key).reverse());
        expect(listed[0]).toMatchObject({
          version: 1,
          entity: 'company',
          archivedAt: null,
          createdAt: h.clock.iso(),
        });
        await h.a.customFields.archive(defined[0]?.id as string);
        expect(await h.a.customFields.list({ entity: 'company' })).toHaveLength(typeCases.length - 1);
        expect(await h.a.customFields.list({ includeArchived: true })).toHaveLength(typeCases.length);
        expect(await h.a.customFields.list({ entity: 'person' })).toEqual([]);
      });

      it('refuses a definition change at a stale version, and a change of key or entity', async ({ h }) => {
        const tier = await define(h, { key: 'tier', type: 'text' });
        await h.a.customFields.update(tier.id, { label: 'Level' }, { version: 1 });
        await failsCleanly(h, 'VERSION_CONFLICT', () =>
          h.a.customFields.update(tier.id, { label: 'Grade' }, { version: 1 }),
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.customFields.update(tier.id, { key: 'grade' } as never, { version: 2 }),
          ),
          ['key'],
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.customFields.update(tier.id, { entity: 'person' } as never, { version: 2 }),
          ),
          ['entity'],
        );
        await failsCleanly(h, 'MISUSE', () =>
          h.a.customFields.update(tier.id, { label: 'x' }, undefined as never),
        );
        await failsCleanly(h, 'NOT_FOUND', () =>
          h.a.customFields.update('no-such-field', { label: 'x' }, { version: 1 }),
        );
      });
    });

    describe('values', () => {
      it('merges custom changes key by key on update; null clears a value', async ({ h }) => {
        await define(h, { key: 'tier', type: 'text' });
        await define(h, { key: 'score', type: 'number' });
        const company = await h.a.companies.create({ name: 'Acme', custom: { tier: 'gold', score: 5 } });
        const scored = await h.a.companies.update(company.id, { custom: { score: 6 } }, { version: 1 });
        expect(scored.custom).toEqual({ tier: 'gold', score: 6 });
        const cleared = await h.a.companies.update(company.id, { custom: { tier: null } }, { version: 2 });
        expect(cleared.custom).toEqual({ score: 6 });
        const [row] = await h.rows('companies');
        expect(row?.custom).toEqual({ score: 6 });
      });

      it('requires a required field on create and refuses clearing it on update', async ({ h }) => {
        await define(h, { key: 'tier', type: 'select', options: options('gold'), required: true });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.companies.create({ name: 'Acme' })),
          ['custom', 'tier'],
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.create({ name: 'Acme', custom: { tier: null } }),
          ),
          ['custom', 'tier'],
        );
        const company = await h.a.companies.create({ name: 'Acme', custom: { tier: 'gold' } });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(company.id, { custom: { tier: null } }, { version: 1 }),
          ),
          ['custom', 'tier'],
        );
        await define(
          h,
          { key: 'tags', type: 'multiSelect', options: options('x'), required: true },
          'person',
        );
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.people.create({ firstName: 'Ann', custom: { tags: [] } }),
          ),
          ['custom', 'tags'],
        );
      });

      it('enforces unique on every type that can be unique, comparing normalised values', async ({ h }) => {
        const target = await makeCompany(h.a);
        const cases: [CustomFieldType, Partial<CustomFieldInput>, unknown, unknown][] = [
          ['text', {}, 'A-1', ' A-1 '],
          ['number', {}, 7, 7],
          ['decimal', {}, 1.5, 1.5],
          ['date', {}, '2024-02-29', '2024-02-29'],
          ['datetime', {}, '2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00'],
          ['select', { options: options('a', 'b') }, 'a', 'a'],
          ['email', {}, 'ann@example.com', 'ANN@Example.com'],
          ['phone', {}, '+14155550132', '+1 (415) 555-0132'],
          ['url', {}, 'https://example.com/x', 'https://example.com/x'],
          ['relation', { relationEntity: 'company' }, target.id, target.id],
        ];
        for (const [type, extra, first, second] of cases) {
          await define(h, { key: `u${type}`, type, unique: true, ...extra }, 'deal');
          await h.a.deals.create({ name: `First ${type}`, currency: 'USD', custom: { [`u${type}`]: first } });
          const error = await failsCleanly(h, 'DUPLICATE', () =>
            h.a.deals.create({ name: `Second ${type}`, currency: 'USD', custom: { [`u${type}`]: second } }),
          );
          expectIssueAt(error, ['custom', `u${type}`]);
        }
      });

      it('applies a default of each type, normalised like a given value', async ({ h }) => {
        const defaults: [CustomFieldType, Partial<CustomFieldInput>, unknown, unknown][] = [
          ['text', {}, ' hello ', 'hello'],
          ['longText', {}, 'long', 'long'],
          ['number', {}, 3, 3],
          ['decimal', {}, 0.25, 0.25],
          ['boolean', {}, false, false],
          ['date', {}, '2024-01-31', '2024-01-31'],
          ['datetime', {}, '2024-06-01T12:00:00+02:00', '2024-06-01T10:00:00.000Z'],
          ['select', { options: options('a', 'b') }, 'b', 'b'],
          ['multiSelect', { options: options('a', 'b') }, ['b', 'a'], ['b', 'a']],
          ['email', {}, 'Info@Example.com', 'info@example.com'],
          ['phone', {}, '+44 20 7946 0958', '+442079460958'],
          ['url', {}, 'https://example.com', 'https://example.com'],
          ['money', {}, { amount: 100, currency: 'eur' }, { amount: 100, currency: 'EUR' }],
        ];
        for (const [type, extra, defaultValue] of defaults)
          await define(h, { key: `d${type}`, type, defaultValue, ...extra }, 'task');
        const task = await h.a.tasks.create({ title: 'Defaults' });
        expect(task.custom).toEqual(
          Object.fromEntries(defaults.map(([type, , , stored]) => [`d${type}`, stored])),
        );
      });

      it('fills defaults on create only, where no value is given', async ({ h }) => {
        await define(h, {
          key: 'tier',
          type: 'select',
          options: options('gold', 'silver'),
          defaultValue: 'silver',
          required: true,
        });
        await define(h, { key: 'active', type: 'boolean', defaultValue: false });
        const plain = await h.a.companies.create({ name: 'Plain' });
        expect(plain.custom).toEqual({ tier: 'silver', active: false });
        const given = await h.a.companies.create({ name: 'Given', custom: { tier: 'gold', active: true } });
        expect(given.custom).toEqual({ tier: 'gold', active: true });
        const updated = await h.a.companies.update(plain.id, { custom: { active: null } }, { version: 1 });
        expect(updated.custom).toEqual({ tier: 'silver' });
      });

      it('checks relations in the tenant, and refuses deleting their target', async ({ h }) => {
        await define(h, { key: 'parent', type: 'relation', relationEntity: 'company' });
        const parent = await makeCompany(h.a);
        const child = await h.a.companies.create({ name: 'Child', custom: { parent: parent.id } });
        expect(child.custom.parent).toBe(parent.id);
        const elsewhere = await makeCompany(h.b);
        expectIssueAt(
          await failsCleanly(h, 'INVALID_REFERENCE', () =>
            h.a.companies.update(child.id, { custom: { parent: elsewhere.id } }, { version: 1 }),
          ),
          ['custom', 'parent'],
        );
        await failsCleanly(h, 'REFERENCED', () => h.a.companies.delete(parent.id));
      });

      it('treats keys named like Object.prototype members as plain keys', async ({ h }) => {
        await define(h, { key: 'constructor', type: 'text', required: true });
        await define(h, { key: 'toString', type: 'number', unique: true });
        await define(h, { key: 'valueOf', type: 'text', defaultValue: 'v' });
        expectIssueAt(
          await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.companies.create({ name: 'Acme' })),
          ['custom', 'constructor'],
        );
        const company = await h.a.companies.create({ name: 'Acme', custom: { constructor: 'builder' } });
        expect(company.custom).toEqual({ constructor: 'builder', valueOf: 'v' });
        await h.a.companies.create({ name: 'Other', custom: { constructor: 'x', toString: 1 } });
        await failsCleanly(h, 'DUPLICATE', () =>
          h.a.companies.create({ name: 'Third', custom: { constructor: 'y', toString: 1 } }),
        );
        const [created] = await h.a.companies.history(company.id);
        expect(created?.changes['custom.constructor']).toEqual({ before: null, after: 'builder' });
        expect(created?.changes).not.toHaveProperty('custom.toString');
        expect(await h.a.companies.count({ where: { field: 'custom.toString', op: 'isEmpty' } })).toBe(1);
      });
    });
  });
}
