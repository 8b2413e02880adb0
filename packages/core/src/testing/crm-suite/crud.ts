import { describe, expect } from 'vitest';
import { entityCases, makeCompany, makeDeal, makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, failsCleanly, rapportError, tenantA } from './harness';

/** Create, read, update, archive, restore, delete and history, for every entity. */
export function describeCrud(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('CRUD', () => {
    for (const c of entityCases) {
      describe(c.entity, () => {
        it('creates a record with an id, version 1, timestamps and the actor, stored as one row', async ({
          h,
        }) => {
          const input = await c.input(h.a);
          const record = await c.repository(h.a).create(input);
          expect(record).toMatchObject({
            version: 1,
            createdAt: h.clock.iso(),
            updatedAt: h.clock.iso(),
            createdBy: 'user-a',
            updatedBy: 'user-a',
            archivedAt: null,
          });
          expect(typeof record.id).toBe('string');
          const rows = (await h.rows(c.table)).filter((row) => row.id === record.id);
          expect(rows).toHaveLength(1);
          expect(rows[0]).toMatchObject({ tenant_id: tenantA, id: record.id, version: 1 });
          expect(await c.repository(h.a).get(record.id)).toEqual(record);
        });

        it('gets many by id in the order asked, leaving out ids that match nothing', async ({ h }) => {
          const repository = c.repository(h.a);
          const first = await repository.create(await c.input(h.a));
          const second = await repository.create(await c.input(h.a));
          const third = await repository.create(await c.input(h.a));
          const found = await repository.getMany([third.id, 'no-such-id', first.id, second.id]);
          expect(found.map((record: { id: string }) => record.id)).toEqual([third.id, first.id, second.id]);
          expect(await repository.getMany([])).toEqual([]);
          await rapportError(repository.get('no-such-id'), 'NOT_FOUND');
        });

        it('updates with the version read: one more version, new values, createdAt kept', async ({ h }) => {
          const repository = c.repository(h.a);
          const created = await repository.create(await c.input(h.a));
          h.clock.advance(60_000);
          const updated = await repository.update(created.id, c.change, { version: 1 });
          const [field, value] = c.changed;
          expect(updated).toMatchObject({
            id: created.id,
            version: 2,
            createdAt: created.createdAt,
            updatedAt: h.clock.iso(),
            [field]: value,
          });
          expect(await repository.get(created.id)).toEqual(updated);
          const [row] = (await h.rows(c.table)).filter((stored) => stored.id === created.id);
          expect(row?.version).toBe(2);
        });

        it('archives and restores: archived records leave lists and counts unless asked for', async ({
          h,
        }) => {
          const repository = c.repository(h.a);
          const kept = await repository.create(await c.input(h.a));
          const archived = await repository.create(await c.input(h.a));
          h.clock.advance(1_000);
          const result = await repository.archive(archived.id, { version: 1 });
          expect(result).toMatchObject({ version: 2, archivedAt: h.clock.iso() });
          const ids = async (mode?: 'include' | 'only') =>
            (await repository.list(mode ? { archived: mode } : {})).items
              .map((record: { id: string }) => record.id)
              .sort();
          const own = (list: string[]) => list.filter((id) => id === kept.id || id === archived.id);
          expect(own(await ids())).toEqual([kept.id]);
          expect(own(await ids('include'))).toEqual([kept.id, archived.id].sort());
          expect(own(await ids('only'))).toEqual([archived.id]);
          expect(await repository.count({ archived: 'only' })).toBe(1);
          expect((await repository.get(archived.id)).archivedAt).toBe(h.clock.iso());
          const restored = await repository.restore(archived.id);
          expect(restored).toMatchObject({ version: 3, archivedAt: null });
          expect(own(await ids())).toEqual([kept.id, archived.id].sort());
          expect(await repository.count({ archived: 'only' })).toBe(0);
        });

        it('deletes for good, and the audit log keeps the values it had', async ({ h }) => {
          const repository = c.repository(h.a);
          const record = await repository.create(await c.input(h.a));
          await repository.delete(record.id);
          await rapportError(repository.get(record.id), 'NOT_FOUND');
          expect((await h.rows(c.table)).some((row) => row.id === record.id)).toBe(false);
          const [entry] = (await repository.history(record.id)).filter((item) => item.action === 'delete');
          expect(entry).toMatchObject({
            entity: c.entity,
            recordId: record.id,
            version: 1,
            actor: { id: 'user-a', kind: 'member' },
          });
          expect(entry?.changes.id).toEqual({ before: record.id, after: null });
          const [field] = c.changed;
          const before = (record as Record<string, unknown>)[field];
          if (before !== null) expect(entry?.changes[field]).toEqual({ before, after: null });
          await rapportError(repository.delete(record.id), 'NOT_FOUND');
        });

        it('keeps a history of every change, oldest first', async ({ h }) => {
          const repository = c.repository(h.a);
          const record = await repository.create(await c.input(h.a));
          await repository.update(record.id, c.change, { version: 1 });
          await repository.archive(record.id);
          await repository.restore(record.id);
          await repository.delete(record.id);
          const history = await repository.history(record.id);
          expect(history.map((entry) => [entry.action, entry.version])).toEqual([
            ['create', 1],
            ['update', 2],
            ['archive', 3],
            ['restore', 4],
            ['delete', 4],
          ]);
          const [field, value] = c.changed;
          expect(history[1]?.changes[field]?.after).toEqual(value);
          expect(history[2]?.changes).toEqual({ archivedAt: { before: null, after: h.clock.iso() } });
          expect(history.every((entry) => entry.entity === c.entity && entry.recordId === record.id)).toBe(
            true,
          );
        });
      });
    }

    it('archiving an archived record or restoring a live one changes nothing', async ({ h }) => {
      const company = await makeCompany(h.a);
      await changesNothing(h, () => h.a.companies.restore(company.id));
      await h.a.companies.archive(company.id);
      const archived = await h.a.companies.get(company.id);
      await changesNothing(h, () => h.a.companies.archive(company.id));
      expect(await h.a.companies.get(company.id)).toEqual(archived);
    });

    it('refuses to delete a company people still point at, with REFERENCED, and changes nothing', async ({
      h,
    }) => {
      const company = await makeCompany(h.a);
      await makePerson(h.a, { companyId: company.id });
      await failsCleanly(h, 'REFERENCED', () => h.a.companies.delete(company.id));
    });

    it('refuses to delete a person a deal lists in personIds, with REFERENCED, and changes nothing', async ({
      h,
    }) => {
      const person = await makePerson(h.a);
      await makeDeal(h.a, { personIds: [person.id] });
      await failsCleanly(h, 'REFERENCED', () => h.a.people.delete(person.id));
    });

    it('refuses to delete a record a custom relation points at, with REFERENCED', async ({ h }) => {
      await h.a.customFields.define({
        entity: 'deal',
        key: 'partner',
        label: 'Partner',
        type: 'relation',
        relationEntity: 'company',
      });
      const partner = await makeCompany(h.a);
      await makeDeal(h.a, { custom: { partner: partner.id } });
      const error = await failsCleanly(h, 'REFERENCED', () => h.a.companies.delete(partner.id));
      expect(error.details.referencedBy).toBe('deal.custom.partner');
    });

    it('deletes a record once what pointed at it is unlinked', async ({ h }) => {
      const company = await makeCompany(h.a);
      const person = await makePerson(h.a, { companyId: company.id });
      await h.a.people.update(person.id, { companyId: null }, { version: person.version });
      await h.a.companies.delete(company.id);
      await rapportError(h.a.companies.get(company.id), 'NOT_FOUND');
    });

    it('reads an archived record by id and lists it with archived: include', async ({ h }) => {
      const person = await makePerson(h.a);
      await h.a.people.archive(person.id);
      expect((await h.a.people.get(person.id)).id).toBe(person.id);
      expect((await h.a.people.getMany([person.id])).map((record) => record.id)).toEqual([person.id]);
      expect((await h.a.people.list()).items).toEqual([]);
      expect(await h.a.people.count()).toBe(0);
      expect(await h.a.people.count({ archived: 'include' })).toBe(1);
    });

    it('creates members whose manager comes later in the same createMany', async ({ h }) => {
      const members = await h.a.members.createMany([
        { id: 'rep', name: 'Rep', managerId: 'lead' },
        { id: 'lead', name: 'Lead', managerId: 'boss' },
        { id: 'boss', name: 'Boss' },
      ]);
      expect(members.map((member) => member.managerId)).toEqual(['lead', 'boss', null]);
      expect((await h.a.members.get('rep', { include: ['manager'] })).manager?.name).toBe('Lead');
      await failsCleanly(h, 'REFERENCED', () => h.a.members.delete('boss'));
    });

    it('stores and returns values exactly: money extremes, reals, Unicode, quotes and JSON', async ({
      h,
    }) => {
      await h.a.customFields.define({
        entity: 'deal',
        key: 'ratio',
        label: 'Ratio',
        type: 'decimal',
        scale: 3,
      });
      await h.a.customFields.define({ entity: 'deal', key: 'budget', label: 'Budget', type: 'money' });
      const name = `Ünïcødé "quotes" 'single' \\ back\\slash; DROP TABLE deals; -- 😀 日本語 \n second line`;
      const deal = await h.a.deals.create({
        name,
        amount: Number.MAX_SAFE_INTEGER,
        currency: 'JPY',
        probability: 0.1,
        tags: ['a,b', '"c"', '😀'],
        custom: { ratio: 0.125, budget: { amount: Number.MIN_SAFE_INTEGER, currency: 'USD' } },
      });
      const read = await h.a.deals.get(deal.id);
      expect(read).toEqual(deal);
      expect(read).toMatchObject({
        name,
        amount: Number.MAX_SAFE_INTEGER,
        probability: 0.1,
        tags: ['a,b', '"c"', '😀'],
      });
      expect(read.custom).toEqual({
        ratio: 0.125,
        budget: { amount: Number.MIN_SAFE_INTEGER, currency: 'USD' },
      });
      expect(await h.a.deals.count({ where: { field: 'name', op: 'eq', value: name } })).toBe(1);
      const company = await h.a.companies.create({
        name: 'Acme',
        address: { line1: '1 "Main" St', city: 'Zürich', country: 'ch' },
      });
      expect((await h.a.companies.get(company.id)).address).toEqual(company.address);
      const product = await h.a.products.create({ sku: 'S', name: 'Off', unitPrice: 0, active: false });
      expect(await h.a.products.get(product.id)).toMatchObject({ active: false, unitPrice: 0 });
    });

    it('keeps the whole history of a record with more than a thousand changes, newest included', async ({
      h,
    }) => {
      const tag = await h.a.tags.create({ name: 'busy' });
      let version = tag.version;
      for (let index = 0; index < 1_005; index++) {
        version = (await h.a.tags.update(tag.id, { description: `v${index}` }, { version })).version;
      }
      const history = await h.a.tags.history(tag.id);
      expect(history).toHaveLength(1_006);
      expect(history.at(-1)).toMatchObject({
        action: 'update',
        version: 1_006,
        changes: { description: { before: 'v1003', after: 'v1004' } },
      });
      expect(history.map((entry) => entry.version)).toEqual(
        Array.from({ length: 1_006 }, (_, index) => index + 1),
      );
    });

    it('creates members who point at each other in one createMany, as one multi-row insert would', async ({
      h,
    }) => {
      const members = await h.a.members.createMany([
        { id: 'north', name: 'North lead', managerId: 'south' },
        { id: 'south', name: 'South lead', managerId: 'north' },
      ]);
      expect(members.map((member) => member.managerId)).toEqual(['south', 'north']);
      expect((await h.rows('members')).map((row) => [row.id, row.manager_id])).toEqual([
        ['north', 'south'],
        ['south', 'north'],
      ]);
    });

    it('refuses an unknown archived mode with MISUSE', async ({ h }) => {
      await rapportError(h.a.people.list({ archived: 'all' as never }), 'MISUSE');
    });
  });
}

/** A lifecycle call that must succeed without writing anything. */
async function changesNothing(
  h: { snapshot(): Promise<unknown> },
  action: () => Promise<unknown>,
): Promise<void> {
  const before = await h.snapshot();
  await action();
  expect(await h.snapshot()).toEqual(before);
}
