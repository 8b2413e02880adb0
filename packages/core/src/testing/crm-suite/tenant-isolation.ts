import { describe, expect } from 'vitest';
import { makeCompany, makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA, tenantB } from './harness';

/** No call made as one tenant reads or changes another tenant's rows. */
export function describeTenantIsolation(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('tenant isolation', () => {
    it("keeps another tenant's records out of get, getMany, list, count and history", async ({ h }) => {
      const theirs = await makePerson(h.a, { emails: [{ address: 'ann@example.com' }] });
      await rapportError(h.b.people.get(theirs.id), 'NOT_FOUND');
      expect(await h.b.people.getMany([theirs.id])).toEqual([]);
      expect((await h.b.people.list({ archived: 'include', withTotal: true })).items).toEqual([]);
      expect(await h.b.people.count({ archived: 'include' })).toBe(0);
      expect(await h.b.people.count({ where: { field: 'id', op: 'eq', value: theirs.id } })).toBe(0);
      expect(await h.b.people.history(theirs.id)).toEqual([]);
      expect(await h.b.audit.list()).toEqual([]);
      expect(await h.b.audit.list({ recordId: theirs.id })).toEqual([]);
    });

    it("refuses to update, archive, restore or delete another tenant's record with NOT_FOUND, changing nothing", async ({
      h,
    }) => {
      const theirs = await makeCompany(h.a);
      await failsCleanly(h, 'NOT_FOUND', () =>
        h.b.companies.update(theirs.id, { name: 'Hijacked' }, { version: 1 }),
      );
      await failsCleanly(h, 'NOT_FOUND', () => h.b.companies.archive(theirs.id));
      await failsCleanly(h, 'NOT_FOUND', () => h.b.companies.restore(theirs.id));
      await failsCleanly(h, 'NOT_FOUND', () => h.b.companies.delete(theirs.id));
      expect(await h.a.companies.get(theirs.id)).toEqual(theirs);
    });

    it("upserts into its own tenant even when the key matches another tenant's record", async ({ h }) => {
      const theirs = await h.a.companies.create({ name: 'Acme', domain: 'acme.com' });
      const ours = await h.b.companies.upsert('domain', { name: 'Acme B', domain: 'acme.com' });
      expect(ours.created).toBe(true);
      expect(await h.a.companies.get(theirs.id)).toEqual(theirs);
      expect((await h.tenantRows('companies', tenantB)).map((row) => row.id)).toEqual([ours.record.id]);
    });

    it("refuses references to another tenant's records with INVALID_REFERENCE", async ({ h }) => {
      const company = await makeCompany(h.a);
      const person = await makePerson(h.a);
      const ours = await makePerson(h.b);
      expectIssueAt(
        await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.b.people.create({ firstName: 'X', companyId: company.id }),
        ),
        ['companyId'],
      );
      expectIssueAt(
        await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.b.people.update(ours.id, { companyId: company.id }, { version: 1 }),
        ),
        ['companyId'],
      );
      expectIssueAt(
        await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.b.activities.create({ type: 'call', personIds: [ours.id, person.id] }),
        ),
        ['personIds', 1],
      );
      await h.b.customFields.define({
        entity: 'deal',
        key: 'partner',
        label: 'Partner',
        type: 'relation',
        relationEntity: 'company',
      });
      expectIssueAt(
        await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.b.deals.create({ name: 'D', currency: 'USD', custom: { partner: company.id } }),
        ),
        ['custom', 'partner'],
      );
    });

    it("does not see or use another tenant's custom fields", async ({ h }) => {
      const field = await h.a.customFields.define({
        entity: 'person',
        key: 'tier',
        label: 'Tier',
        type: 'text',
      });
      expect(await h.b.customFields.list({ includeArchived: true })).toEqual([]);
      await rapportError(h.b.customFields.get(field.id), 'NOT_FOUND');
      await failsCleanly(h, 'NOT_FOUND', () =>
        h.b.customFields.update(field.id, { label: 'Mine' }, { version: 1 }),
      );
      await failsCleanly(h, 'NOT_FOUND', () => h.b.customFields.archive(field.id));
      expectIssueAt(
        await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.b.people.create({ firstName: 'X', custom: { tier: 'gold' } }),
        ),
        ['custom', 'tier'],
      );
      expectIssueAt(
        await rapportError(
          h.b.people.list({ where: { field: 'custom.tier', op: 'eq', value: 'gold' } }),
          'INVALID_FILTER',
        ),
        ['field'],
      );
      const own = await h.b.customFields.define({
        entity: 'person',
        key: 'tier',
        label: 'Tier B',
        type: 'number',
      });
      expect(await h.b.people.create({ firstName: 'Y', custom: { tier: 3 } })).toMatchObject({
        custom: { tier: 3 },
      });
      expect((await h.a.customFields.get(field.id)).type).toBe('text');
      expect(own.id).not.toBe(field.id);
    });

    it("does not see or change another tenant's settings", async ({ h }) => {
      await h.a.settings.update(
        { timeZone: 'Europe/Paris', defaultCurrency: 'EUR', defaultCountry: 'FR' },
        { version: 0 },
      );
      expect(await h.b.settings.get()).toEqual({
        version: 0,
        timeZone: 'UTC',
        defaultCurrency: 'USD',
        defaultCountry: null,
        fiscalYearStartMonth: 1,
      });
      await h.b.settings.update({ fiscalYearStartMonth: 4 }, { version: 0 });
      expect(await h.a.settings.get()).toMatchObject({
        version: 1,
        timeZone: 'Europe/Paris',
        fiscalYearStartMonth: 1,
      });
      expect((await h.b.deals.create({ name: 'D' })).currency).toBe('USD');
    });

    it('lets both tenants hold the same ids, emails, domains and names', async ({ h }) => {
      for (const s of [h.a, h.b]) {
        await s.members.create({ id: 'user-1', name: 'Mia' });
        await s.people.create({
          firstName: 'Ann',
          emails: [{ address: 'ann@example.com' }],
          ownerId: 'user-1',
        });
        await s.companies.create({ name: 'Acme', domain: 'acme.com', ownerId: 'user-1' });
        await s.tags.create({ name: 'vip' });
        await s.products.create({ sku: 'W-1', name: 'Widget', unitPrice: 1 });
      }
      const members = await h.rows('members');
      expect(members.map((row) => [row.tenant_id, row.id])).toEqual([
        [tenantA, 'user-1'],
        [tenantB, 'user-1'],
      ]);
      await h.a.members.update('user-1', { name: 'Mia A' }, { version: 1 });
      expect((await h.b.members.get('user-1')).name).toBe('Mia');
      expect((await h.a.members.get('user-1')).name).toBe('Mia A');
      const [ourTag] = (await h.b.tags.list()).items;
      await h.b.tags.delete(ourTag?.id as string);
      expect((await h.a.tags.list()).items.map((tag) => tag.name)).toEqual(['vip']);
    });

    it('keeps tenants apart whatever their ids look like', async ({ h }) => {
      const tricky = ["tenant-a' OR '1'='1", 'TENANT-A', 'tenant-a ', '%', 'tenant-%'];
      await makePerson(h.a, { firstName: 'Secret' });
      for (const tenantId of tricky) {
        const session = h.crm.as({ tenantId, actor: { id: 'u' } });
        expect(await session.people.count({ archived: 'include' }), tenantId).toBe(0);
        const person = await makePerson(session, { firstName: tenantId });
        expect((await session.people.list()).items.map((item) => item.id)).toEqual([person.id]);
      }
      expect((await h.a.people.list()).items.map((person) => person.firstName)).toEqual(['Secret']);
    });
  });
}
