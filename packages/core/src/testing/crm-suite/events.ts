import { describe, expect, vi } from 'vitest';
import type { RecordEvent } from '../../events/crm-events';
import type { Row } from '../../storage/schema';
import { makeCompany, makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, failsCleanly, tenantA, tenantB } from './harness';

/** Collects every record event of the bus, and what a plain read saw of the record when each fired. */
function recordEvents(h: Harness) {
  const events: RecordEvent[] = [];
  const seen: Promise<Row | undefined>[] = [];
  h.crm.events.on('*', (type, event) => {
    const recordEvent = event as RecordEvent;
    events.push(recordEvent);
    // A read outside any transaction sees only committed rows: what it finds is what was committed.
    seen.push(
      h.storage.findById({
        table: tableOf(recordEvent.entity),
        tenantId: recordEvent.tenantId,
        id: recordEvent.record.id,
      }),
    );
    expect(type).toBe(recordEvent.type);
  });
  return { events, seen: () => Promise.all(seen) };
}

const tableOf = (entity: string) =>
  ({ person: 'people', company: 'companies', deal: 'deals' })[entity] ?? entity;

/** The in-process event bus: events after commit, with the record and its changes, never for a failed write. */
export function describeEvents(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('events', () => {
    it('publishes person.created after commit with the record and every field it set', async ({ h }) => {
      const { events, seen } = recordEvents(h);
      const person = await h.a.people.create({ firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event).toMatchObject({
        type: 'person.created',
        entity: 'person',
        action: 'created',
        tenantId: tenantA,
        actor: { id: 'user-a', kind: 'member' },
        at: h.clock.iso(),
        record: person,
      });
      expect(event?.changes.firstName).toEqual({ before: null, after: 'Ann' });
      expect(event?.changes.email).toEqual({ before: null, after: 'ann@example.com' });
      const [outbox] = await h.rows('outbox');
      expect(event?.eventId).toBe(outbox?.id);
      const [committed] = await seen();
      expect(committed?.id).toBe(person.id);
    });

    it('publishes person.updated with only the changed fields, before and after', async ({ h }) => {
      await h.a.customFields.define({ entity: 'person', key: 'tier', label: 'Tier', type: 'text' });
      const person = await makePerson(h.a, { firstName: 'Ann', title: 'CTO', custom: { tier: 'gold' } });
      const updates: RecordEvent<'person'>[] = [];
      h.crm.events.on('person.updated', (event) => updates.push(event));
      const updated = await h.a.people.update(
        person.id,
        { title: 'CEO', firstName: 'Ann', custom: { tier: 'silver' } },
        { version: 1 },
      );
      expect(updates).toHaveLength(1);
      expect(updates[0]?.record).toEqual(updated);
      expect(updates[0]?.changes).toEqual({
        title: { before: 'CTO', after: 'CEO' },
        'custom.tier': { before: 'gold', after: 'silver' },
      });
    });

    it('publishes archived, restored and deleted events, each after its commit', async ({ h }) => {
      const company = await makeCompany(h.a);
      const { events, seen } = recordEvents(h);
      await h.a.companies.archive(company.id);
      await h.a.companies.restore(company.id);
      await h.a.companies.delete(company.id);
      expect(events.map((event) => [event.type, event.record.version])).toEqual([
        ['company.archived', 2],
        ['company.restored', 3],
        ['company.deleted', 3],
      ]);
      expect(events[0]?.changes).toEqual({ archivedAt: { before: null, after: h.clock.iso() } });
      expect(events[2]?.record).toMatchObject({ id: company.id, name: company.name });
      const committed = await seen();
      expect(committed.map((row) => row?.archived_at ?? null)).toEqual([h.clock.iso(), null, null]);
      expect(committed[2]).toBeUndefined();
    });

    it('publishes one event per record of a createMany, once all of them are committed', async ({ h }) => {
      const { events, seen } = recordEvents(h);
      const people = await h.a.people.createMany([
        { firstName: 'A' },
        { firstName: 'B' },
        { firstName: 'C' },
      ]);
      expect(events.map((event) => event.record.id)).toEqual(people.map((person) => person.id));
      expect((await seen()).map((row) => row?.id)).toEqual(people.map((person) => person.id));
    });

    it('publishes nothing for a failed write', async ({ h }) => {
      const company = await makeCompany(h.a, { domain: 'acme.com' });
      const person = await makePerson(h.a, { companyId: company.id });
      const { events } = recordEvents(h);
      await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.people.create({ firstName: 'Ann', birthday: '2023-02-29' }),
      );
      await failsCleanly(h, 'DUPLICATE', () => h.a.companies.create({ name: 'Copy', domain: 'acme.com' }));
      await failsCleanly(h, 'DUPLICATE', () =>
        h.a.people.createMany([
          { firstName: 'X' },
          { firstName: 'Y', emails: [{ address: 'y@x.com' }] },
          { firstName: 'Z', emails: [{ address: 'y@x.com' }] },
        ]),
      );
      await failsCleanly(h, 'INVALID_REFERENCE', () =>
        h.a.people.update(person.id, { companyId: 'missing' }, { version: 1 }),
      );
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.people.update(person.id, { title: 'x' }, { version: 2 }),
      );
      await failsCleanly(h, 'REFERENCED', () => h.a.companies.delete(company.id));
      expect(events).toEqual([]);
    });

    it('keeps a write when a listener throws, and still calls the other listeners', async ({ h }) => {
      const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const calls: string[] = [];
        h.crm.events.on('company.created', () => {
          calls.push('first');
          throw new Error('listener bug');
        });
        h.crm.events.on('company.created', () => calls.push('second'));
        const company = await makeCompany(h.a);
        expect(await h.a.companies.get(company.id)).toEqual(company);
        expect(calls).toEqual(['first', 'second']);
        expect(report).toHaveBeenCalled();
      } finally {
        report.mockRestore();
      }
    });

    it("names each event's tenant and actor", async ({ h }) => {
      const { events } = recordEvents(h);
      await makeCompany(h.a);
      await makeCompany(h.crm.as({ tenantId: tenantB, actor: { id: 'sync', kind: 'system' } }));
      expect(events.map((event) => [event.tenantId, event.actor])).toEqual([
        [tenantA, { id: 'user-a', kind: 'member' }],
        [tenantB, { id: 'sync', kind: 'system' }],
      ]);
    });
  });
}
