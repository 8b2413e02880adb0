import { describe, expect } from 'vitest';
import type { CrmEvents, RecordsImportedEvent } from '../../events/crm-events';
import { makeCompany } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, tenantA } from './harness';

/** More inputs than one load of an import takes, so that a bad input can sit in a later load. */
const acrossLoads = 5_200;

const person = (index: number) => ({
  firstName: `First${index}`,
  lastName: `Last${index}`,
  emails: [{ address: `person${index}@example.com` }],
  region: index % 2 === 0 ? 'North' : 'South',
});

/** Every event of the bus, in order. */
function heard(h: Harness) {
  const events: { type: keyof CrmEvents; event: unknown }[] = [];
  h.crm.events.on('*', (type, event) => events.push({ type, event }));
  return events;
}

/**
 * Bulk imports (`importMany`): all or nothing like `createMany`, an audit entry per record, one
 * `<entity>.imported` event per import instead of a `created` event per record, and which write hooks run.
 */
export function describeImports(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('imports', () => {
    it('writes every record with its own audit entry and one imported event, in the outbox and on the bus', async ({
      h,
    }) => {
      const events = heard(h);
      const { importId, records } = await h.a.people.importMany([person(1), person(2), person(3)], {
        source: 'contacts.csv',
      });
      expect(records.map((record) => record.firstName)).toEqual(['First1', 'First2', 'First3']);
      expect(await h.a.people.count()).toBe(3);
      expect((await h.a.people.get(records[1]?.id as string)).email).toBe('person2@example.com');

      const audit = await h.tenantRows('audit_log', tenantA);
      expect(audit).toHaveLength(3);
      for (const row of audit) {
        expect(row).toMatchObject({ action: 'create', record_version: 1, actor_id: 'user-a' });
        expect(row.reason).toBe(`import ${importId}: contacts.csv`);
      }
      const [created] = await h.a.people.history(records[0]?.id as string);
      expect(created?.changes.firstName).toEqual({ before: null, after: 'First1' });
      expect(created?.changes.email).toEqual({ before: null, after: 'person1@example.com' });

      const outbox = await h.tenantRows('outbox', tenantA);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ type: 'person.imported', entity: 'person', record_id: importId });
      const ids = records.map((record) => record.id);
      expect(outbox[0]?.payload).toEqual({ recordIds: ids, source: 'contacts.csv' });

      expect(events.map((event) => event.type)).toEqual(['person.imported']);
      const event = events[0]?.event as RecordsImportedEvent<'person'>;
      expect(event).toMatchObject({
        type: 'person.imported',
        eventId: outbox[0]?.id,
        entity: 'person',
        importId,
        recordIds: ids,
        source: 'contacts.csv',
        tenantId: tenantA,
        actor: { id: 'user-a', kind: 'member' },
        at: h.clock.iso(),
      });
    });

    it('validates every input, in every load, and writes nothing when one is bad', async ({ h }) => {
      const inputs: unknown[] = Array.from({ length: acrossLoads }, (_, index) => person(index));
      inputs[3] = { ...person(3), birthday: 'someday' };
      inputs[acrossLoads - 1] = { lastName: 'Nobody', emails: [{ address: 'not an email' }] };
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.people.importMany(inputs as never));
      expectIssueAt(error, [3, 'birthday']);
      expectIssueAt(error, [acrossLoads - 1, 'emails', 0, 'address']);
    });

    it('rolls back the loads already written when a later one is refused', async ({ h }) => {
      await h.a.customFields.define({
        entity: 'person',
        key: 'badge',
        label: 'Badge',
        type: 'number',
        unique: true,
      });
      const inputs = Array.from({ length: acrossLoads }, (_, index) => ({
        ...person(index),
        custom: { badge: index },
      }));
      inputs[acrossLoads - 1] = { ...person(acrossLoads), custom: { badge: 7 } };
      const error = await failsCleanly(h, 'DUPLICATE', () => h.a.people.importMany(inputs));
      expectIssueAt(error, [acrossLoads - 1, 'custom', 'badge']);
      expect(await h.a.people.count()).toBe(0);
    });

    it('refuses a reference to a missing record, at the input that holds it', async ({ h }) => {
      const acme = await makeCompany(h.a);
      const missing = '01890000-0000-7000-8000-000000000000';
      const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
        h.a.people.importMany([
          { ...person(1), companyId: acme.id },
          { ...person(2), companyId: missing },
        ]),
      );
      expectIssueAt(error, [1, 'companyId']);
      const { records } = await h.a.people.importMany([{ ...person(1), companyId: acme.id }]);
      expect(records[0]?.companyId).toBe(acme.id);
    });

    it('refuses a bad source or a non-array with a typed error', async ({ h }) => {
      const bad = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.people.importMany([person(1)], { source: '' }),
      );
      expectIssueAt(bad, ['source']);
      await failsCleanly(h, 'MISUSE', () => h.a.people.importMany('rows' as never));
      const empty = await h.a.people.importMany([]);
      expect(empty.records).toEqual([]);
      expect(await h.tenantRows('outbox', tenantA)).toEqual([]);
    });

    it('leaves duplicate checks and match keys to duplicates.reindex()', async ({ h }) => {
      const jon = await h.a.people.create({ firstName: 'Jon', lastName: 'Smith' });
      const { records } = await h.a.people.importMany([{ firstName: 'John', lastName: 'Smith' }]);
      const john = records[0]?.id as string;
      // A create would have written a duplicate.suspected event; the import checks nothing.
      const outbox = await h.tenantRows('outbox', tenantA);
      expect(outbox.map((row) => row.type).sort()).toEqual(['person.created', 'person.imported']);
      expect((await h.a.duplicates.check({ entity: 'person', id: jon.id })).matches).toEqual([]);
      expect(await h.a.duplicates.reindex()).toEqual({ people: 2, companies: 0 });
      expect(await h.a.duplicates.check({ entity: 'person', id: jon.id })).toMatchObject({
        matches: [{ rule: 'person-name', records: [{ id: john }] }],
      });
    });

    it('keeps segment membership current, and starts no rule on created records', async ({ h }) => {
      const north = await makeCompany(h.a, { region: 'North' });
      const segment = await h.a.segments.create({
        name: 'North',
        entity: 'person',
        kind: 'dynamic',
        filter: { field: 'company.region', op: 'eq', value: 'North' },
      });
      await h.a.automation.createRule({
        name: 'Welcome',
        trigger: { kind: 'recordCreated', entity: 'person' },
        actions: [{ kind: 'createActivity', type: 'note', subject: 'Welcome' }],
      });
      const { records } = await h.a.people.importMany([
        { ...person(1), companyId: north.id },
        { ...person(2) },
      ]);
      expect(await h.a.segments.count(segment.id)).toBe(1);
      const entered = (await h.tenantRows('outbox', tenantA)).filter((row) => row.type === 'segment.entered');
      expect(entered.map((row) => row.record_id)).toEqual([records[0]?.id]);
      const tick = await h.a.automation.tick({ now: h.clock.now() });
      expect(tick.eventJobs).toBe(0);
    });

    it('creates no follow-up tasks for deals imported as won', async ({ h }) => {
      await h.a.followUps.define({
        name: 'After a sale',
        trigger: 'dealWon',
        steps: [{ offsetDays: 7, title: 'Call', kind: 'call' }],
      });
      const { records } = await h.a.deals.importMany([
        { name: 'Old win', amount: 5_000, currency: 'USD', status: 'won' },
      ]);
      expect(records[0]?.status).toBe('won');
      expect(await h.a.tasks.count()).toBe(0);
      await h.a.deals.create({ name: 'New win', amount: 5_000, currency: 'USD', status: 'won' });
      expect(await h.a.tasks.count()).toBe(1);
    });
  });
}
