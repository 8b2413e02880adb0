import { describe, expect } from 'vitest';
import type { RuleInput } from '../../automation/rule';
import { triggerEntity } from '../../automation/rules/compile-rule';
import { rulesTableName, ruleToRow } from '../../automation/rules/rule-tables';
import { AutomationTriggers } from '../../automation/triggers/triggers-api';
import { createCrmRuntime } from '../../crm';
import { uuidv7 } from '../../ids/uuidv7';
import type { CrmContext } from '../../records/context';
import { makeDeal, makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, rapportError, tenantA } from './harness';

const day = 86_400_000;
const context: CrmContext = { tenantId: tenantA, actor: { id: 'user-a', kind: 'member' } };

/** A rule of tenant A, through the rules API (created at the harness clock's now). */
const defineRule = (h: Harness, input: RuleInput) => h.a.automation.createRule(input);

/**
 * Stores a rule as the rules module stores it but without its checks: a rule that met them once and no
 * longer does (its field since removed), or on a segment this test writes events for without creating.
 */
async function storeRule(h: Harness, input: RuleInput) {
  const at = h.clock.iso();
  const rule = {
    id: uuidv7(),
    version: 1,
    name: input.name,
    trigger: input.trigger,
    condition: input.condition ?? null,
    actions: input.actions,
    reenroll: false,
    active: true,
    createdAt: at,
    updatedAt: at,
    archivedAt: null,
  };
  const row = ruleToRow(tenantA, rule, triggerEntity(rule));
  await h.storage.transaction((tx) => tx.insert({ table: rulesTableName, rows: [row] }));
  return rule;
}

function triggersOf(h: Harness, options: ConstructorParameters<typeof AutomationTriggers>[2] = {}) {
  return new AutomationTriggers(createCrmRuntime({ storage: h.storage, now: h.clock.now }), context, options);
}

/** Tenant A's jobs as `[rule id, record id, idempotency key, chain depth]`, by key. */
async function jobs(h: Harness) {
  const rows = await h.tenantRows('automation_jobs', tenantA);
  return rows
    .map((row) => ({
      ruleId: row.rule_id,
      recordId: row.record_id,
      key: row.idempotency_key as string,
      depth: row.chain_depth,
      event: row.event as { id: string; type: string; payload: Record<string, unknown> },
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

const note = [{ kind: 'createActivity', type: 'note', subject: 'ran' }] as const;

/**
 * Automation triggers: outbox events, the clock, manual starts and inbound events turned into exactly
 * one job per rule and record, however often a tick runs or replays.
 */
export function describeAutomationTriggers(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('automation triggers', () => {
    it('queues one job per created record and never again on the next tick or a replay', async ({ h }) => {
      const rule = await defineRule(h, {
        name: 'Welcome',
        trigger: { kind: 'recordCreated', entity: 'person' },
        actions: note,
      });
      await defineRule(h, {
        name: 'Deals',
        trigger: { kind: 'recordCreated', entity: 'deal' },
        actions: note,
      });
      const ann = await makePerson(h.a);
      await makePerson(h.b);
      // Through the session, as a host runs it.
      const triggers = h.a.automation;
      // The two rules' own events and the person's: only the person's starts a rule.
      expect(await triggers.tick({ now: h.clock.now() })).toMatchObject({
        events: 3,
        eventJobs: 1,
        timeJobs: 0,
      });
      const event = (await h.tenantRows('outbox', tenantA)).find((row) => row.type === 'person.created');
      expect(await jobs(h)).toEqual([
        {
          ruleId: rule.id,
          recordId: ann.id,
          key: `trigger:${event?.id}:${rule.id}:${ann.id}`,
          depth: 1,
          event: expect.objectContaining({ id: event?.id, type: 'person.created' }),
        },
      ]);
      expect(await triggers.tick({ now: h.clock.now() })).toMatchObject({ events: 0, eventJobs: 0 });
      // A replay from the start (the cursor lost) reads every event again and queues nothing twice.
      await h.storage.transaction((tx) =>
        tx.delete({ table: 'automation_cursors', tenantId: tenantA, where: { kind: 'and', conditions: [] } }),
      );
      expect(await triggers.tick({ now: h.clock.now() })).toMatchObject({ events: 3, eventJobs: 0 });
      expect(await jobs(h)).toHaveLength(1);
    });

    it('queues each job once when two workers tick at the same time', async ({ h }) => {
      await defineRule(h, {
        name: 'Welcome',
        trigger: { kind: 'recordCreated', entity: 'person' },
        actions: note,
      });
      for (let index = 0; index < 5; index++) await makePerson(h.a);
      const [one, two] = [triggersOf(h, { batchSize: 2 }), triggersOf(h, { batchSize: 2 })];
      await Promise.all([one.tick({ now: h.clock.now() }), two.tick({ now: h.clock.now() })]);
      await one.tick({ now: h.clock.now() });
      const keys = (await jobs(h)).map((job) => job.key);
      expect(keys).toHaveLength(5);
      expect(new Set(keys).size).toBe(5);
    });

    it('starts an update rule only when its fields changed and its change condition holds', async ({ h }) => {
      const rule = await defineRule(h, {
        name: 'Became customer',
        trigger: { kind: 'recordUpdated', entity: 'person', fields: ['lifecycleStage'] },
        condition: {
          all: [
            { field: 'lifecycleStage', op: 'changedTo', value: 'customer' },
            { field: 'firstName', op: 'eq', value: 'Ann' },
          ],
        },
        actions: note,
      });
      const ann = await makePerson(h.a, { lifecycleStage: 'lead' });
      const bob = await makePerson(h.a, { firstName: 'Bob', lifecycleStage: 'lead' });
      const renamed = await h.a.people.update(ann.id, { lastName: 'Other' }, { version: ann.version });
      await h.a.people.update(ann.id, { lifecycleStage: 'customer' }, { version: renamed.version });
      await h.a.people.update(bob.id, { lifecycleStage: 'customer' }, { version: bob.version });
      await triggersOf(h).tick({ now: h.clock.now() });
      expect((await jobs(h)).map((job) => [job.ruleId, job.recordId])).toEqual([[rule.id, ann.id]]);
    });

    it('starts a stage rule when a deal of its pipeline moves into one of its stages', async ({ h }) => {
      const stages = [
        { id: 'lead', name: 'Lead', probability: 0.1 },
        { id: 'qualified', name: 'Qualified', probability: 0.5 },
      ];
      const sales = await h.a.pipelines.create({ name: 'Sales', moves: 'any', stages });
      const other = await h.a.pipelines.create({ name: 'Other', moves: 'any', stages });
      const rule = await defineRule(h, {
        name: 'Qualified',
        trigger: { kind: 'dealStageChanged', pipelineId: sales.id, stageIds: ['qualified'] },
        actions: note,
      });
      const deal = await makeDeal(h.a, { pipelineId: sales.id, stageId: 'lead' });
      const elsewhere = await makeDeal(h.a, { pipelineId: other.id, stageId: 'lead' });
      await h.a.deals.update(deal.id, { stageId: 'qualified' }, { version: deal.version });
      await h.a.deals.update(elsewhere.id, { stageId: 'qualified' }, { version: elsewhere.version });
      await triggersOf(h).tick({ now: h.clock.now() });
      expect((await jobs(h)).map((job) => [job.ruleId, job.recordId])).toEqual([[rule.id, deal.id]]);
    });

    it('carries the chain depth of an automation write into the jobs it starts, through segments too', async ({
      h,
    }) => {
      await defineRule(h, {
        name: 'Chained',
        trigger: { kind: 'recordCreated', entity: 'person' },
        actions: note,
      });
      const segment = await h.a.segments.create({
        name: 'Chained people',
        entity: 'person',
        kind: 'dynamic',
        filter: { field: 'firstName', op: 'eq', value: 'Chained' },
      });
      await defineRule(h, {
        name: 'Entered',
        trigger: { kind: 'segmentEntered', segmentId: segment.id },
        actions: note,
      });
      const automation = createCrmRuntime({ storage: h.storage, now: h.clock.now });
      const { Repository } = await import('../../records/repository');
      const { entityDef } = await import('../../entities/registry');
      const people = new Repository({
        runtime: automation,
        context: { ...context, chainDepth: 2 },
        entity: entityDef('person'),
      });
      await people.create({ firstName: 'Chained' });
      await triggersOf(h).tick({ now: h.clock.now() });
      expect((await jobs(h)).map((job) => job.depth)).toEqual([3, 3]);
    });

    it('handles an event that commits late with an earlier id than one already handled', async ({ h }) => {
      const rule = await storeRule(h, {
        name: 'Entered',
        trigger: { kind: 'segmentEntered', segmentId: 'seg-1' },
        actions: note,
      });
      const triggers = triggersOf(h);
      const ann = await makePerson(h.a);
      const late = uuidv7(Date.now() - 5_000);
      await triggers.tick({ now: h.clock.now() });
      // The late writer's event: an id before the person's event, visible only now, inside the lag window.
      await h.storage.transaction((tx) =>
        tx.insert({
          table: 'outbox',
          rows: [
            {
              tenant_id: tenantA,
              id: late,
              at: h.clock.iso(),
              type: 'segment.entered',
              entity: 'person',
              record_id: ann.id,
              actor_id: 'user-a',
              payload: { segmentId: 'seg-1', segmentName: 'S', version: 1 },
            },
          ],
        }),
      );
      h.clock.advance(10_000);
      expect(await triggers.tick({ now: h.clock.now() })).toMatchObject({ events: 1, eventJobs: 1 });
      expect((await jobs(h)).map((job) => job.key)).toEqual([`trigger:${late}:${rule.id}:${ann.id}`]);
      h.clock.advance(day);
      expect(await triggers.tick({ now: h.clock.now() })).toMatchObject({ events: 0, eventJobs: 0 });
    });

    it('greets birthdays at the local time in the tenant zone, Feb 29 on Feb 28, once after a downtime', async ({
      h,
    }) => {
      await h.a.settings.update({ timeZone: 'Asia/Tokyo' }, { version: 0 });
      h.clock.set('2025-02-26T12:00:00.000Z');
      const rule = await defineRule(h, {
        name: 'Birthday',
        trigger: { kind: 'date', entity: 'person', field: 'birthday', recurring: true, localTime: '09:00' },
        actions: note,
      });
      const leap = await makePerson(h.a, { birthday: '1992-02-29' });
      const march = await makePerson(h.a, { birthday: '1980-03-01' });
      const triggers = triggersOf(h);
      // 09:00 in Tokyo on Feb 28 is 00:00 UTC.
      h.clock.set('2025-02-27T23:59:00.000Z');
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(0);
      h.clock.set('2025-02-28T00:00:00.000Z');
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(1);
      expect((await jobs(h)).map((job) => job.key)).toEqual([
        `trigger:date:2025-02-28:${rule.id}:${leap.id}`,
      ]);
      // Three years down: each birthday fires once for its latest date, not once a year.
      h.clock.set('2028-03-05T00:00:00.000Z');
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(2);
      expect((await jobs(h)).map((job) => job.key)).toEqual([
        `trigger:date:2025-02-28:${rule.id}:${leap.id}`,
        `trigger:date:2028-02-29:${rule.id}:${leap.id}`,
        `trigger:date:2028-03-01:${rule.id}:${march.id}`,
      ]);
    });

    it('reports a time rule that cannot run and runs the others', async ({ h }) => {
      const broken = await storeRule(h, {
        name: 'Broken',
        trigger: { kind: 'date', entity: 'person', field: 'nickname', recurring: true },
        actions: note,
      });
      await defineRule(h, {
        name: 'Daily',
        trigger: { kind: 'schedule', every: 1, unit: 'days', startAt: '2025-01-16T07:00:00.000Z' },
        actions: note,
      });
      h.clock.set('2025-01-17T12:00:00.000Z');
      const result = await triggersOf(h).tick({ now: h.clock.now() });
      expect(result.timeJobs).toBe(1);
      expect(result.failedRules.map((failure) => failure.ruleId)).toEqual([broken.id]);
    });

    it('fires a date field plus an offset once, with the rule condition', async ({ h }) => {
      const rule = await defineRule(h, {
        name: 'Before close',
        trigger: {
          kind: 'date',
          entity: 'deal',
          field: 'expectedCloseDate',
          offsetDays: -3,
          localTime: '08:00',
        },
        condition: { field: 'amount', op: 'gte', value: 5_000 },
        actions: note,
      });
      const big = await makeDeal(h.a, { expectedCloseDate: '2025-01-20' });
      await makeDeal(h.a, { expectedCloseDate: '2025-01-20', amount: 100 });
      await makeDeal(h.a, { expectedCloseDate: '2025-01-25' });
      const triggers = triggersOf(h);
      h.clock.set('2025-01-17T08:00:00.000Z');
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(1);
      expect((await jobs(h)).map((job) => job.key)).toEqual([`trigger:date:2025-01-17:${rule.id}:${big.id}`]);
      h.clock.advance(day / 2);
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(0);
    });

    it('starts an inactivity rule once per quiet spell', async ({ h }) => {
      const rule = await defineRule(h, {
        name: 'Quiet',
        trigger: { kind: 'inactivity', entity: 'person', days: 30 },
        actions: note,
      });
      const quiet = await makePerson(h.a);
      const busy = await makePerson(h.a);
      const triggers = triggersOf(h);
      h.clock.advance(20 * day);
      await h.a.activities.create({ type: 'call', personIds: [busy.id] });
      h.clock.advance(11 * day);
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(1);
      expect((await jobs(h)).map((job) => [job.ruleId, job.recordId])).toEqual([[rule.id, quiet.id]]);
      h.clock.advance(20 * day);
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(1);
      expect((await jobs(h)).map((job) => job.recordId).sort()).toEqual([quiet.id, busy.id].sort());
    });

    it('runs a schedule once for its latest slot after a downtime', async ({ h }) => {
      const rule = await defineRule(h, {
        name: 'Daily',
        trigger: { kind: 'schedule', every: 1, unit: 'days', startAt: '2025-01-16T07:00:00.000Z' },
        actions: note,
      });
      const triggers = triggersOf(h);
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(0);
      h.clock.set('2025-01-20T12:00:00.000Z');
      expect((await triggers.tick({ now: h.clock.now() })).timeJobs).toBe(1);
      expect(await triggers.tick({ now: h.clock.now() })).toMatchObject({ timeJobs: 0 });
      expect((await jobs(h)).map((job) => job.key)).toEqual([
        `trigger:schedule:2025-01-20T07:00:00.000Z:${rule.id}:-`,
      ]);
    });

    it('starts a manual rule for a record and takes inbound events, once per key', async ({ h }) => {
      const manual = await defineRule(h, {
        name: 'Run',
        trigger: { kind: 'manual', entity: 'person' },
        actions: note,
      });
      const inbound = await defineRule(h, {
        name: 'Cart',
        trigger: { kind: 'inbound', channel: 'shop', type: 'cart.abandoned' },
        actions: note,
      });
      const ann = await makePerson(h.a);
      const triggers = triggersOf(h);
      expect(
        (await triggers.start(manual.id, { entity: 'person', id: ann.id, key: 'click-1' })).ruleIds,
      ).toEqual([manual.id]);
      expect(
        (await triggers.start(manual.id, { entity: 'person', id: ann.id, key: 'click-1' })).ruleIds,
      ).toEqual([]);
      const event = { channel: 'shop', type: 'cart.abandoned', payload: { cart: 'c1' }, id: 'evt-1' };
      expect((await triggers.receive(event)).ruleIds).toEqual([inbound.id]);
      expect((await triggers.receive(event)).ruleIds).toEqual([]);
      expect((await triggers.receive({ ...event, type: 'other', id: 'evt-2' })).ruleIds).toEqual([]);
      expect((await jobs(h)).map((job) => job.key)).toEqual([
        `trigger:inbound:shop:evt-1:${inbound.id}:-`,
        `trigger:manual:click-1:${manual.id}:${ann.id}`,
      ]);
      await rapportError(triggers.start(manual.id, { entity: 'person', id: 'nobody' }), 'NOT_FOUND');
      await rapportError(triggers.start('no-rule', { entity: 'person', id: ann.id }), 'NOT_FOUND');
      expectIssueAt(
        await rapportError(triggers.start(inbound.id, { entity: 'person', id: ann.id }), 'VALIDATION_FAILED'),
        ['entity'],
      );
      expectIssueAt(await rapportError(triggers.receive({ channel: '', type: 'x' }), 'VALIDATION_FAILED'), [
        'channel',
      ]);
      expect(await jobs(h)).toHaveLength(2);
    });
  });
}
