import { describe, expect } from 'vitest';
import type { SegmentMembershipEvent } from '../../events/crm-events';
import type { Row } from '../../storage/schema';
import { makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, failsCleanly } from './harness';
import { inTheNorth, seedRegions } from './segments';

/** Collects the membership events of the bus as `[type, segment name, record id]`. */
function membershipEvents(h: Harness) {
  const events: SegmentMembershipEvent[] = [];
  h.crm.events.on('segment.entered', (event) => events.push(event));
  h.crm.events.on('segment.left', (event) => events.push(event));
  return {
    events,
    seen: () => events.map((event) => [event.type, event.segmentName, event.recordId]),
  };
}

/** The membership events of the outbox as `[type, segment name, record id]`. */
async function outboxMembership(h: Harness): Promise<(string | unknown)[][]> {
  const rows: Row[] = await h.rows('outbox');
  return rows
    .filter((row) => row.type === 'segment.entered' || row.type === 'segment.left')
    .map((row) => [row.type, (row.payload as { segmentName: string }).segmentName, row.record_id]);
}

/** Membership events: a record entering or leaving a segment through the write path, in its transaction. */
export function describeSegmentEvents(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('segment membership events', () => {
    it('emits entered and left when an update moves a person in or out, in the outbox too', async ({ h }) => {
      const { ann, bob, north } = await seedRegions(h.a);
      await h.a.segments.create({ name: 'North', entity: 'person', kind: 'dynamic', filter: inTheNorth });
      const { events, seen } = membershipEvents(h);
      const moved = await h.a.people.update(bob.id, { companyId: north.id }, { version: bob.version });
      await h.a.people.update(ann.id, { companyId: null }, { version: ann.version });
      await h.a.people.update(moved.id, { title: 'CFO' }, { version: moved.version });
      expect(seen()).toEqual([
        ['segment.entered', 'North', bob.id],
        ['segment.left', 'North', ann.id],
      ]);
      expect(events[0]).toMatchObject({
        entity: 'person',
        recordVersion: 2,
        tenantId: 'tenant-a',
        at: h.clock.iso(),
      });
      expect(await outboxMembership(h)).toEqual(seen());
      const outboxIds = (await h.rows('outbox')).map((row) => row.id);
      expect(outboxIds).toEqual(expect.arrayContaining(events.map((event) => event.eventId)));
    });

    it('emits on create, archive, restore and delete', async ({ h }) => {
      const { north } = await seedRegions(h.a);
      await h.a.segments.create({ name: 'North', entity: 'person', kind: 'dynamic', filter: inTheNorth });
      const { seen } = membershipEvents(h);
      const dan = await makePerson(h.a, { companyId: north.id });
      await h.a.people.archive(dan.id);
      await h.a.people.restore(dan.id);
      await h.a.people.delete(dan.id);
      expect(seen().map(([type]) => type)).toEqual([
        'segment.entered',
        'segment.left',
        'segment.entered',
        'segment.left',
      ]);
    });

    it('re-evaluates a person when an order of theirs is written', async ({ h }) => {
      const { ann } = await seedRegions(h.a);
      await h.a.segments.create({
        name: 'Big spenders',
        entity: 'person',
        kind: 'dynamic',
        filter: { related: 'orders', aggregate: 'sum', of: 'total', op: 'gte', value: 1_000 },
      });
      const { seen } = membershipEvents(h);
      const line = (unitPrice: number) => [{ quantity: 1, unitPrice }];
      await h.a.orders.create({ personId: ann.id, currency: 'USD', lines: line(600) });
      expect(seen()).toEqual([]);
      const second = await h.a.orders.create({ personId: ann.id, currency: 'USD', lines: line(500) });
      expect(seen()).toEqual([['segment.entered', 'Big spenders', ann.id]]);
      await h.a.orders.update(second.id, { lines: line(100) }, { version: 1 });
      await h.a.orders.update(second.id, { lines: line(900) }, { version: 2 });
      await h.a.orders.delete(second.id);
      expect(seen().map(([type]) => type)).toEqual([
        'segment.entered',
        'segment.left',
        'segment.entered',
        'segment.left',
      ]);
    });

    it("re-evaluates people named in an activity's list of people", async ({ h }) => {
      const { ann, bob } = await seedRegions(h.a);
      await h.a.segments.create({
        name: 'Called',
        entity: 'person',
        kind: 'dynamic',
        filter: {
          related: 'activities',
          aggregate: 'exists',
          where: { field: 'type', op: 'eq', value: 'call' },
        },
      });
      const { seen } = membershipEvents(h);
      const call = await h.a.activities.create({ type: 'call', personIds: [ann.id, bob.id] });
      await h.a.activities.update(call.id, { personIds: [bob.id] }, { version: 1 });
      expect(seen()).toEqual([
        ['segment.entered', 'Called', ann.id],
        ['segment.entered', 'Called', bob.id],
        ['segment.left', 'Called', ann.id],
      ]);
    });

    it('emits for records added to and removed from a static segment, and segments that name it', async ({
      h,
    }) => {
      const { ann, bob } = await seedRegions(h.a);
      const vip = await h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
      await h.a.segments.create({
        name: 'Northern VIP',
        entity: 'person',
        kind: 'dynamic',
        filter: { all: [{ segment: vip.id }, inTheNorth] },
      });
      const { seen } = membershipEvents(h);
      await h.a.segments.add(vip.id, [ann.id, bob.id]);
      await h.a.segments.add(vip.id, [ann.id]);
      await h.a.segments.remove(vip.id, [ann.id]);
      // Records in id order, and for each record its segments by name.
      expect(seen()).toEqual([
        ['segment.entered', 'Northern VIP', ann.id],
        ['segment.entered', 'VIP', ann.id],
        ['segment.entered', 'VIP', bob.id],
        ['segment.left', 'Northern VIP', ann.id],
        ['segment.left', 'VIP', ann.id],
      ]);
      expect(await outboxMembership(h)).toEqual(seen());
    });

    it('emits the differences when a snapshot is refreshed', async ({ h }) => {
      const { ann, bob } = await seedRegions(h.a);
      const snapshot = await h.a.segments.create({
        name: 'Snap',
        entity: 'person',
        kind: 'snapshot',
        filter: inTheNorth,
      });
      const { seen } = membershipEvents(h);
      await h.a.people.update(bob.id, { companyId: ann.companyId }, { version: bob.version });
      await h.a.people.update(ann.id, { companyId: null }, { version: ann.version });
      expect(seen()).toEqual([]);
      await h.a.segments.refresh(snapshot.id);
      expect(seen()).toEqual([
        ['segment.left', 'Snap', ann.id],
        ['segment.entered', 'Snap', bob.id],
      ]);
    });

    it('resolves relative filters on the day of the write, both before and after it', async ({ h }) => {
      await h.a.segments.create({
        name: 'Touched today',
        entity: 'person',
        kind: 'dynamic',
        filter: { field: 'updatedAt', op: 'inPeriod', value: 'today' },
      });
      const { seen } = membershipEvents(h);
      const eve = await makePerson(h.a);
      await h.a.people.update(eve.id, { title: 'CTO' }, { version: 1 });
      // Eve left at midnight without a write (time passing emits nothing); this write brings her back.
      h.clock.set('2025-01-20T09:30:00.000Z');
      await h.a.people.update(eve.id, { title: 'CEO' }, { version: 2 });
      expect(seen()).toEqual([
        ['segment.entered', 'Touched today', eve.id],
        ['segment.entered', 'Touched today', eve.id],
      ]);
    });

    it('emits nothing for a failed write, an archived segment, or a segment whose field was archived', async ({
      h,
    }) => {
      const tier = await h.a.customFields.define({
        entity: 'person',
        key: 'tier',
        label: 'Tier',
        type: 'text',
      });
      const { bob, north } = await seedRegions(h.a);
      const segment = await h.a.segments.create({
        name: 'North',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      await h.a.segments.create({
        name: 'Gold',
        entity: 'person',
        kind: 'dynamic',
        filter: { field: 'custom.tier', op: 'eq', value: 'gold' },
      });
      const { seen } = membershipEvents(h);
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.people.update(bob.id, { companyId: north.id }, { version: 9 }),
      );
      await h.a.segments.archive(segment.id);
      await h.a.customFields.archive(tier.id);
      const moved = await h.a.people.update(bob.id, { companyId: north.id }, { version: bob.version });
      expect(moved.companyId).toBe(north.id);
      expect(seen()).toEqual([]);
    });
  });
}
