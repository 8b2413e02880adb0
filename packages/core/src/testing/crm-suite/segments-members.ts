import { describe, expect } from 'vitest';
import { makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, tenantA } from './harness';
import { inTheNorth, seedRegions } from './segments';

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);

/** Members of dynamic, static and snapshot segments, counted, paged and tested through the store. */
export function describeSegmentMembers(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('segment members', () => {
    it('counts and pages the members of a dynamic segment, live', async ({ h }) => {
      const { ann, bob, cid } = await seedRegions(h.a);
      const segment = await h.a.segments.create({
        name: 'N',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      expect(await h.a.segments.count(segment.id)).toBe(2);
      const first = await h.a.segments.members(segment.id, {
        orderBy: '-lastName',
        limit: 1,
        withTotal: true,
      });
      expect(ids(first.items)).toEqual([cid.id]);
      expect(first.total).toBe(2);
      const second = await h.a.segments.members(segment.id, {
        orderBy: '-lastName',
        limit: 1,
        cursor: first.nextCursor,
      });
      expect(ids(second.items)).toEqual([ann.id]);
      expect(second.nextCursor).toBeNull();
      await h.a.people.update(bob.id, { companyId: ann.companyId }, { version: bob.version });
      await h.a.people.archive(cid.id);
      expect(await h.a.segments.count(segment.id)).toBe(2);
      expect(ids((await h.a.segments.members(segment.id, { orderBy: 'lastName' })).items)).toEqual([
        ann.id,
        bob.id,
      ]);
      expect(await h.a.segments.isMember(segment.id, bob.id)).toBe(true);
      expect(await h.a.segments.isMember(segment.id, cid.id)).toBe(false);
    });

    it('combines segments with other conditions in any list or count', async ({ h }) => {
      const { cid } = await seedRegions(h.a);
      const north = await h.a.segments.create({
        name: 'N',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      const ceos = await h.a.segments.create({
        name: 'Northern CEOs',
        entity: 'person',
        kind: 'dynamic',
        filter: { all: [{ segment: north.id }, { field: 'title', op: 'eq', value: 'CEO' }] },
      });
      expect(ids((await h.a.people.list({ where: { segment: ceos.id } })).items)).toEqual([cid.id]);
      expect(await h.a.people.count({ where: { not: { segment: ceos.id } } })).toBe(2);
      const company = await h.a.companies.list({
        where: { related: 'people', aggregate: 'exists', where: { segment: ceos.id } },
      });
      expect(company.items.map((item) => item.name)).toEqual(['Northwind']);
    });

    it('adds to and removes from a static segment, skipping repeats', async ({ h }) => {
      const { ann, bob, cid } = await seedRegions(h.a);
      const vip = await h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
      expect(await h.a.segments.add(vip.id, [ann.id, bob.id, ann.id])).toEqual([ann.id, bob.id]);
      expect(await h.a.segments.add(vip.id, [bob.id, cid.id])).toEqual([cid.id]);
      expect(await h.a.segments.count(vip.id)).toBe(3);
      expect(await h.a.segments.remove(vip.id, [bob.id, 'not-listed'])).toEqual([bob.id]);
      expect(ids((await h.a.segments.members(vip.id, { orderBy: 'firstName' })).items)).toEqual([
        ann.id,
        cid.id,
      ]);
      const rows = await h.tenantRows('segment_members', tenantA);
      expect(rows.map((row) => row.record_id).sort()).toEqual([ann.id, cid.id].sort());
      expect(await h.a.segments.isMember(vip.id, bob.id)).toBe(false);
      const audit = (await h.rows('audit_log')).filter((row) => row.record_id === vip.id);
      expect(audit.map((row) => Object.keys(row.changes as object))).toEqual([
        ['$created'],
        ['addedMembers'],
        ['addedMembers'],
        ['removedMembers'],
      ]);
    });

    it('refuses ids that are not records of the entity, adding none of the others', async ({ h }) => {
      const { ann, north } = await seedRegions(h.a);
      const vip = await h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
      const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
        h.a.segments.add(vip.id, [ann.id, north.id]),
      );
      expectIssueAt(error, [1]);
      const badIds = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.segments.add(vip.id, [ann.id, 7 as never]),
      );
      expectIssueAt(badIds, [1]);
      const otherTenant = await makePerson(h.b);
      await failsCleanly(h, 'INVALID_REFERENCE', () => h.a.segments.add(vip.id, [otherTenant.id]));
    });

    it('leaves archived records out of a static segment until restored, and deleted ones for good', async ({
      h,
    }) => {
      const { ann, bob } = await seedRegions(h.a);
      const vip = await h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
      await h.a.segments.add(vip.id, [ann.id, bob.id]);
      await h.a.people.archive(ann.id);
      expect(await h.a.segments.count(vip.id)).toBe(1);
      await h.a.people.restore(ann.id);
      expect(await h.a.segments.count(vip.id)).toBe(2);
      await h.a.people.delete(bob.id);
      expect((await h.tenantRows('segment_members', tenantA)).map((row) => row.record_id)).toEqual([ann.id]);
    });

    it('freezes the members of a snapshot segment until it is refreshed', async ({ h }) => {
      const { ann, bob, cid } = await seedRegions(h.a);
      const snapshot = await h.a.segments.create({
        name: 'North on 15 January',
        entity: 'person',
        kind: 'snapshot',
        filter: inTheNorth,
      });
      expect(snapshot.refreshedAt).toBe(h.clock.iso());
      expect(ids((await h.a.segments.members(snapshot.id, { orderBy: 'firstName' })).items)).toEqual([
        ann.id,
        cid.id,
      ]);
      await h.a.people.update(bob.id, { companyId: ann.companyId }, { version: bob.version });
      await h.a.people.update(cid.id, { companyId: null }, { version: cid.version });
      expect(await h.a.segments.isMember(snapshot.id, cid.id)).toBe(true);
      expect(await h.a.segments.isMember(snapshot.id, bob.id)).toBe(false);
      h.clock.advance(60_000);
      const refreshed = await h.a.segments.refresh(snapshot.id);
      expect(refreshed).toMatchObject({ version: 2, refreshedAt: h.clock.iso() });
      expect(ids((await h.a.segments.members(snapshot.id, { orderBy: 'firstName' })).items)).toEqual([
        ann.id,
        bob.id,
      ]);
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.segments.update(snapshot.id, { name: 'Stale' }, { version: 1 }),
      );
    });

    it('uses static and snapshot segments inside a dynamic one', async ({ h }) => {
      const { ann, bob, cid } = await seedRegions(h.a);
      const vip = await h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
      await h.a.segments.add(vip.id, [ann.id, bob.id]);
      const snapshot = await h.a.segments.create({
        name: 'S',
        entity: 'person',
        kind: 'snapshot',
        filter: inTheNorth,
      });
      const both = await h.a.segments.create({
        name: 'VIP in the north',
        entity: 'person',
        kind: 'dynamic',
        filter: { all: [{ segment: vip.id }, { segment: snapshot.id }] },
      });
      expect(ids((await h.a.segments.members(both.id)).items)).toEqual([ann.id]);
      const either = { any: [{ segment: vip.id }, { segment: snapshot.id }] };
      expect(await h.a.people.count({ where: either })).toBe(3);
      expect(await h.a.segments.isMember(both.id, cid.id)).toBe(false);
    });

    it('answers isMember for values not saved, in memory, with their related records', async ({ h }) => {
      const { ann, bob, north } = await seedRegions(h.a);
      const segment = await h.a.segments.create({
        name: 'N',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      expect(await h.a.segments.isMember(segment.id, { ...bob, companyId: north.id })).toBe(true);
      expect(await h.a.segments.isMember(segment.id, { ...ann, companyId: null })).toBe(false);
      expect(await h.a.segments.isMember(segment.id, { ...ann, archivedAt: h.clock.iso() })).toBe(false);
      expect(await h.a.segments.isMember(segment.id, 'no-such-person')).toBe(false);
    });

    it('segments people by their orders, through the store', async ({ h }) => {
      const { ann, bob } = await seedRegions(h.a);
      const order = (personId: string, unitPrice: number, orderedAt: string) =>
        h.a.orders.create({ personId, currency: 'USD', orderedAt, lines: [{ quantity: 1, unitPrice }] });
      await order(ann.id, 40_000, '2024-11-01T10:00:00.000Z');
      await order(ann.id, 20_000, '2024-12-01T10:00:00.000Z');
      await order(bob.id, 90_000, '2023-01-01T10:00:00.000Z');
      const spenders = await h.a.segments.create({
        name: 'Spent over 500 in a year',
        entity: 'person',
        kind: 'dynamic',
        filter: {
          related: 'orders',
          aggregate: 'sum',
          of: 'total',
          op: 'gt',
          value: 50_000,
          where: { field: 'orderedAt', op: 'inLast', value: 365, unit: 'days' },
        },
      });
      expect(ids((await h.a.segments.members(spenders.id)).items)).toEqual([ann.id]);
      expect(await h.a.segments.isMember(spenders.id, bob.id)).toBe(false);
    });
  });
}
