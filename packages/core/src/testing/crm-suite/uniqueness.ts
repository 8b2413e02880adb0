import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import { isRapportError } from '../../errors/rapport-error';
import type { AnyRepository } from './fixtures';
import { makeCompany } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly } from './harness';

/** A unique key: two inputs that clash on it, and the field and issue path the DUPLICATE must name. */
interface UniqueKey {
  readonly what: string;
  readonly repository: (s: CrmSession) => AnyRepository;
  readonly first: Record<string, unknown>;
  readonly second: Record<string, unknown>;
  readonly field: string;
  readonly path: readonly (string | number)[];
}

const uniqueKeys: readonly UniqueKey[] = [
  {
    what: 'person email (whatever its case)',
    repository: (s) => s.people,
    first: { firstName: 'Ann', emails: [{ address: 'ann@example.com' }] },
    second: {
      firstName: 'Other',
      emails: [{ address: 'home@example.com' }, { address: ' ANN@Example.com', primary: true }],
    },
    field: 'email',
    path: ['emails', 1, 'address'],
  },
  {
    what: 'company domain (however it is written)',
    repository: (s) => s.companies,
    first: { name: 'Acme', domain: 'acme.com' },
    second: { name: 'Acme again', domain: 'https://www.ACME.com/' },
    field: 'domain',
    path: ['domain'],
  },
  {
    what: 'product sku',
    repository: (s) => s.products,
    first: { sku: 'W-1', name: 'Widget', unitPrice: 100 },
    second: { sku: 'W-1', name: 'Other widget', unitPrice: 200 },
    field: 'sku',
    path: ['sku'],
  },
  {
    what: 'externalId',
    repository: (s) => s.deals,
    first: { name: 'D1', currency: 'USD', externalId: 'crm-42' },
    second: { name: 'D2', currency: 'USD', externalId: 'crm-42' },
    field: 'externalId',
    path: ['externalId'],
  },
  {
    what: 'pipeline name',
    repository: (s) => s.pipelines,
    first: { name: 'Sales', stages: [{ id: 'a', name: 'A', probability: 0.5 }] },
    second: { name: 'Sales', stages: [{ id: 'b', name: 'B', probability: 0.5 }] },
    field: 'name',
    path: ['name'],
  },
  {
    what: 'tag name',
    repository: (s) => s.tags,
    first: { name: 'vip' },
    second: { name: ' vip ' },
    field: 'name',
    path: ['name'],
  },
  {
    what: 'member id',
    repository: (s) => s.members,
    first: { id: 'user-1', name: 'Mia' },
    second: { id: 'user-1', name: 'Max' },
    field: 'id',
    path: ['id'],
  },
];

/** Unique keys, unique custom fields and upserts, alone and under concurrent writers. */
export function describeUniqueness(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('uniqueness', () => {
    for (const key of uniqueKeys) {
      describe(key.what, () => {
        it(`rejects a second record with DUPLICATE naming ${key.field} and changes nothing`, async ({
          h,
        }) => {
          await key.repository(h.a).create(key.first);
          const error = await failsCleanly(h, 'DUPLICATE', () => key.repository(h.a).create(key.second));
          expect(error.details.fields).toEqual([key.field]);
          expectIssueAt(error, key.path);
        });

        it('rejects a createMany whose rows clash with each other, naming the later row', async ({ h }) => {
          const error = await failsCleanly(h, 'DUPLICATE', () =>
            key.repository(h.a).createMany([key.first, key.second]),
          );
          expect(error.details.fields).toEqual([key.field]);
          expectIssueAt(error, [1, ...key.path]);
        });

        it('allows the same value in another tenant', async ({ h }) => {
          await key.repository(h.a).create(key.first);
          await key.repository(h.b).create(key.second);
          expect(await key.repository(h.b).count()).toBe(1);
        });
      });
    }

    it('rejects an update onto a taken value, frees the old value after a change and after a delete', async ({
      h,
    }) => {
      const acme = await h.a.companies.create({ name: 'Acme', domain: 'acme.com' });
      const globex = await h.a.companies.create({ name: 'Globex', domain: 'globex.com' });
      const error = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.companies.update(globex.id, { domain: 'acme.com' }, { version: 1 }),
      );
      expect(error.details.fields).toEqual(['domain']);
      expectIssueAt(error, ['domain']);
      await h.a.companies.update(acme.id, { domain: 'acme.io' }, { version: 1 });
      await h.a.companies.update(globex.id, { domain: 'acme.com' }, { version: 1 });
      await h.a.companies.delete(globex.id);
      await h.a.companies.create({ name: 'Acme Corp', domain: 'acme.com' });
    });

    it('keeps the unique values of archived records taken', async ({ h }) => {
      const person = await h.a.people.create({ firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
      await h.a.people.archive(person.id);
      await failsCleanly(h, 'DUPLICATE', () =>
        h.a.people.create({ firstName: 'Ann', emails: [{ address: 'ann@example.com' }] }),
      );
    });

    it('lets many records leave a unique key empty', async ({ h }) => {
      await h.a.companies.createMany([{ name: 'A' }, { name: 'B', domain: null }]);
      const company = await makeCompany(h.a);
      await h.a.orders.createMany([
        { companyId: company.id, lines: [{ quantity: 1, unitPrice: 1 }] },
        { companyId: company.id, lines: [{ quantity: 1, unitPrice: 1 }] },
      ]);
      await h.a.people.createMany([{ firstName: 'A' }, { firstName: 'B' }]);
      expect(await h.a.companies.count()).toBe(3);
    });

    it('rejects a duplicate email when a person created in the same createMany takes it first', async ({
      h,
    }) => {
      const rows = Array.from({ length: 5 }, (_, index) => ({
        firstName: `P${index}`,
        emails: [{ address: `p${index}@example.com` }],
      }));
      rows.push({ firstName: 'Late', emails: [{ address: 'p2@example.com' }] });
      const error = await failsCleanly(h, 'DUPLICATE', () => h.a.people.createMany(rows));
      expectIssueAt(error, [5, 'emails', 0, 'address']);
    });

    describe('unique custom fields', () => {
      it('rejects a second record with the value, with DUPLICATE at custom.<key>, and changes nothing', async ({
        h,
      }) => {
        await h.a.customFields.define({
          entity: 'company',
          key: 'vatId',
          label: 'VAT id',
          type: 'text',
          unique: true,
        });
        await h.a.companies.create({ name: 'Acme', custom: { vatId: 'FR123' } });
        const error = await failsCleanly(h, 'DUPLICATE', () =>
          h.a.companies.create({ name: 'Other', custom: { vatId: ' FR123 ' } }),
        );
        expect(error.details.fields).toEqual(['custom.vatId']);
        expectIssueAt(error, ['custom', 'vatId']);
        const batch = await failsCleanly(h, 'DUPLICATE', () =>
          h.a.companies.createMany([
            { name: 'X', custom: { vatId: 'DE1' } },
            { name: 'Y', custom: { vatId: 'DE1' } },
          ]),
        );
        expectIssueAt(batch, [1, 'custom', 'vatId']);
      });

      it('frees the old value on update and takes the new one', async ({ h }) => {
        await h.a.customFields.define({
          entity: 'person',
          key: 'badge',
          label: 'Badge',
          type: 'number',
          unique: true,
        });
        const ann = await h.a.people.create({ firstName: 'Ann', custom: { badge: 1 } });
        const bob = await h.a.people.create({ firstName: 'Bob', custom: { badge: 2 } });
        await failsCleanly(h, 'DUPLICATE', () =>
          h.a.people.update(bob.id, { custom: { badge: 1 } }, { version: 1 }),
        );
        await h.a.people.update(ann.id, { custom: { badge: 3 } }, { version: 1 });
        await h.a.people.update(bob.id, { custom: { badge: 1 } }, { version: 1 });
        await failsCleanly(h, 'DUPLICATE', () =>
          h.a.people.create({ firstName: 'Cy', custom: { badge: 3 } }),
        );
        await h.a.people.update(ann.id, { custom: { badge: null } }, { version: 2 });
        await h.a.people.create({ firstName: 'Cy', custom: { badge: 3 } });
        await h.a.people.delete(bob.id);
        await h.a.people.create({ firstName: 'Di', custom: { badge: 1 } });
        expect(await h.a.people.count({ where: { field: 'custom.badge', op: 'isNotEmpty' } })).toBe(2);
      });

      it('lets exactly one of five concurrent creates with one unique custom value succeed', async ({
        h,
      }) => {
        await h.a.customFields.define({
          entity: 'company',
          key: 'vatId',
          label: 'VAT id',
          type: 'text',
          unique: true,
        });
        const results = await Promise.allSettled(
          [1, 2, 3, 4, 5].map((index) =>
            h.a.companies.create({ name: `C${index}`, custom: { vatId: 'FR1' } }),
          ),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        expect(await h.a.companies.count()).toBe(1);
        expect((await h.rows('unique_values')).map((row) => row.value)).toEqual(['FR1']);
      });

      it('allows the same unique custom value in another tenant', async ({ h }) => {
        for (const s of [h.a, h.b]) {
          await s.customFields.define({
            entity: 'company',
            key: 'vatId',
            label: 'VAT id',
            type: 'text',
            unique: true,
          });
          await s.companies.create({ name: 'Acme', custom: { vatId: 'FR123' } });
        }
        expect(await h.b.companies.count()).toBe(1);
      });
    });

    describe('upsert', () => {
      it('creates by email, then updates the same record', async ({ h }) => {
        const first = await h.a.people.upsert('email', {
          firstName: 'Ann',
          emails: [{ address: 'ann@example.com' }],
        });
        expect(first.created).toBe(true);
        const second = await h.a.people.upsert('email', {
          firstName: 'Ann',
          lastName: 'Lee',
          emails: [{ address: 'ANN@example.com' }],
        });
        expect(second).toMatchObject({
          created: false,
          record: { id: first.record.id, version: 2, lastName: 'Lee' },
        });
        expect(await h.a.people.count()).toBe(1);
        expect((await h.a.people.history(first.record.id)).map((entry) => entry.action)).toEqual([
          'create',
          'update',
        ]);
      });

      it('creates by domain, then updates', async ({ h }) => {
        const first = await h.a.companies.upsert('domain', { name: 'Acme', domain: 'acme.com' });
        const second = await h.a.companies.upsert('domain', { name: 'Acme Inc', domain: 'https://acme.com' });
        expect([first.created, second.created]).toEqual([true, false]);
        expect(second.record).toMatchObject({ id: first.record.id, name: 'Acme Inc' });
      });

      it('creates by externalId, then updates', async ({ h }) => {
        const first = await h.a.deals.upsert('externalId', {
          name: 'D',
          currency: 'USD',
          externalId: 'ext-1',
        });
        const second = await h.a.deals.upsert('externalId', {
          name: 'D',
          amount: 500,
          currency: 'USD',
          externalId: 'ext-1',
        });
        expect(second).toMatchObject({
          created: false,
          record: { id: first.record.id, amount: 500, version: 2 },
        });
      });

      it('changes nothing when the upserted values are the stored ones', async ({ h }) => {
        const input = { sku: 'W-1', name: 'Widget', unitPrice: 100 };
        const first = await h.a.products.upsert('sku', input);
        const before = await h.snapshot();
        const second = await h.a.products.upsert('sku', input);
        expect(second).toEqual({ created: false, record: first.record });
        expect(await h.snapshot()).toEqual(before);
      });

      it('refuses an upsert by a field that is not a unique key with MISUSE, and one without the key value', async ({
        h,
      }) => {
        await failsCleanly(h, 'MISUSE', () => h.a.people.upsert('firstName', { firstName: 'Ann' }));
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.people.upsert('email', { firstName: 'Ann' }),
        );
        expectIssueAt(error, ['email']);
        await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.people.upsert('email', { firstName: 'Ann', emails: [{ address: 'bad' }] }),
        );
      });

      it('leaves one record after five concurrent upserts of one key, each of which succeeds', async ({
        h,
      }) => {
        const titles = ['A', 'B', 'C', 'D', 'E'];
        const results = await Promise.allSettled(
          titles.map((title) =>
            h.a.people.upsert('email', { firstName: 'Ann', title, emails: [{ address: 'ann@example.com' }] }),
          ),
        );
        const rejected = results
          .filter((result) => result.status === 'rejected')
          .map((result) => String((result as PromiseRejectedResult).reason));
        expect(rejected).toEqual([]);
        const outcomes = results.map(
          (result) => (result as PromiseFulfilledResult<{ created: boolean; record: { id: string } }>).value,
        );
        expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1);
        expect(new Set(outcomes.map((outcome) => outcome.record.id)).size).toBe(1);
        expect((await h.rows('people')).filter((row) => row.email === 'ann@example.com')).toHaveLength(1);
      });

      it('upserts into its own tenant only', async ({ h }) => {
        const theirs = await h.a.people.create({
          firstName: 'Ann',
          emails: [{ address: 'ann@example.com' }],
        });
        const ours = await h.b.people.upsert('email', {
          firstName: 'Bea',
          emails: [{ address: 'ann@example.com' }],
        });
        expect(ours.created).toBe(true);
        expect(ours.record.id).not.toBe(theirs.id);
        expect(await h.a.people.get(theirs.id)).toEqual(theirs);
      });
    });

    it('lets exactly one of five concurrent creates with one email succeed', async ({ h }) => {
      const results = await Promise.allSettled(
        [1, 2, 3, 4, 5].map((index) =>
          h.a.people.create({ firstName: `P${index}`, emails: [{ address: 'same@example.com' }] }),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results)
        if (result.status === 'rejected') expect(isRapportError(result.reason, 'DUPLICATE')).toBe(true);
      expect(await h.a.people.count()).toBe(1);
    });
  });
}
