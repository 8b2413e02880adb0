import { describe, expect } from 'vitest';
import type { RuleInput } from '../../automation/rule';
import { ruleMatchesEvent } from '../../automation/rules/compile-rule';
import { recordEnrollment } from '../../automation/rules/enrollment';
import { loadRuleIndex } from '../../automation/rules/load-rules';
import { createCrm } from '../../crm';
import { makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA } from './harness';

const welcome: RuleInput = {
  name: 'Welcome customers',
  trigger: { kind: 'recordUpdated', entity: 'person', fields: ['lifecycleStage'] },
  condition: {
    all: [
      { field: 'lifecycleStage', op: 'changedTo', value: 'customer' },
      { field: 'region', op: 'eq', value: 'North' },
    ],
  },
  actions: [{ kind: 'sendMessage', channel: 'email', body: 'Welcome, {{person.firstName}}!' }],
};

const toCustomer = { lifecycleStage: { before: 'lead', after: 'customer' } };

/**
 * Automation rules: the schema with typed errors and paths, filters checked against the entity's fields,
 * CRUD with versions and an audit trail, the compiled index, enrollment only when newly matching,
 * explain and dry runs that change nothing.
 */
export function describeAutomationRules(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('automation rules', () => {
    it('creates, updates with a version, archives and lists rules, audited', async ({ h }) => {
      const rule = await h.a.automation.createRule(welcome);
      expect(rule).toMatchObject({
        name: welcome.name,
        version: 1,
        active: true,
        reenroll: false,
        archivedAt: null,
      });
      expect(await h.a.automation.getRule(rule.id)).toEqual(rule);
      const paused = await h.a.automation.updateRule(rule.id, { active: false }, { version: 1 });
      expect(paused).toMatchObject({ active: false, version: 2 });
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.automation.updateRule(rule.id, { active: true }, { version: 1 }),
      );
      const archived = await h.a.automation.archiveRule(rule.id);
      expect(archived.archivedAt).toBe(h.clock.iso());
      expect(await h.a.automation.listRules()).toEqual([]);
      expect((await h.a.automation.listRules({ includeArchived: true })).map((r) => r.id)).toEqual([rule.id]);
      expect(await h.b.automation.listRules({ includeArchived: true })).toEqual([]);
      await rapportError(h.b.automation.getRule(rule.id), 'NOT_FOUND');
      const audit = (await h.tenantRows('audit_log', tenantA)).filter(
        (row) => row.entity === 'automationRule',
      );
      expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'archive']);
      const outbox = (await h.tenantRows('outbox', tenantA)).filter((row) => row.entity === 'automationRule');
      expect(outbox.map((row) => row.type)).toEqual([
        'automationRule.created',
        'automationRule.updated',
        'automationRule.archived',
      ]);
    });

    it('refuses bad input with VALIDATION_FAILED at its paths and unknown filter fields with INVALID_FILTER', async ({
      h,
    }) => {
      const bad = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.automation.createRule({
          name: '',
          trigger: { kind: 'recordUpdated', entity: 'person', fields: [] },
          actions: [{ kind: 'issueCoupon', validDays: 0 }],
        } as unknown as RuleInput),
      );
      expectIssueAt(bad, ['name']);
      expectIssueAt(bad, ['trigger', 'fields']);
      expectIssueAt(bad, ['actions', 0, 'validDays']);
      const filter = await failsCleanly(h, 'INVALID_FILTER', () =>
        h.a.automation.createRule({
          ...welcome,
          condition: {
            all: [
              { field: 'lifecycleStage', op: 'changed' },
              { field: 'regoin', op: 'eq', value: 'North' },
            ],
          },
        }),
      );
      expectIssueAt(filter, ['condition', 'all', 1, 'field']);
      const fields = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.automation.createRule({
          ...welcome,
          trigger: { kind: 'recordUpdated', entity: 'person', fields: ['nope'] },
          condition: { field: 'nope', op: 'changed' },
        }),
      );
      expectIssueAt(fields, ['trigger', 'fields', 0]);
      expectIssueAt(fields, ['condition', 'field']);
      const noChange = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.automation.createRule({ ...welcome, trigger: { kind: 'manual', entity: 'person' } }),
      );
      expectIssueAt(noChange, ['condition', 'all', 0, 'op']);
      await h.a.automation.createRule(welcome);
      const duplicate = await rapportError(h.a.automation.createRule(welcome), 'DUPLICATE');
      expectIssueAt(duplicate, ['name']);
    });

    it('indexes rules so an event meets only those that care, and matches change operators', async ({
      h,
    }) => {
      const rule = await h.a.automation.createRule(welcome);
      await h.a.automation.createRule({
        name: 'Deals',
        trigger: { kind: 'recordCreated', entity: 'deal' },
        actions: [{ kind: 'addTags', tags: ['new'] }],
      });
      const ann = await makePerson(h.a, { region: 'North', lifecycleStage: 'customer' });
      const row = (await h.storage.findById({ table: 'people', tenantId: tenantA, id: ann.id })) ?? {};
      const index = await loadRuleIndex(h.storage, tenantA, h.clock.now());
      expect(index.size).toBe(2);
      expect(index.candidates({ kind: 'recordUpdated', entity: 'person', changedFields: ['phone'] })).toEqual(
        [],
      );
      const [candidate] = index.candidates({
        kind: 'recordUpdated',
        entity: 'person',
        changedFields: ['lifecycleStage'],
      });
      expect(candidate?.rule.id).toBe(rule.id);
      const event = { kind: 'recordUpdated', entity: 'person', changedFields: ['lifecycleStage'] } as const;
      expect(candidate && ruleMatchesEvent(candidate, event, { row, changes: toCustomer })).toBe(true);
      const back = { lifecycleStage: { before: 'customer', after: 'lead' } };
      expect(candidate && ruleMatchesEvent(candidate, event, { row, changes: back })).toBe(false);
    });

    it('enrolls a record only when it newly matches, unless the rule re-enrolls', async ({ h }) => {
      const rule = await h.a.automation.createRule(welcome);
      const again = await h.a.automation.createRule({ ...welcome, name: 'Again', reenroll: true });
      const at = h.clock.iso();
      const enroll = (r: typeof rule, matches: boolean) =>
        h.storage.transaction((tx) => recordEnrollment(tx, tenantA, r, 'p-1', matches, at));
      expect([await enroll(rule, true), await enroll(rule, true)]).toEqual([true, false]);
      expect([await enroll(rule, false), await enroll(rule, true)]).toEqual([false, true]);
      expect([await enroll(again, true), await enroll(again, true)]).toEqual([true, true]);
    });

    it('explains which trigger and which condition held, and dry-runs without writing', async ({ h }) => {
      const rule = await h.a.automation.createRule(welcome);
      const ann = await makePerson(h.a, { region: 'North', lifecycleStage: 'lead' });
      await makePerson(h.a, { region: 'South', lifecycleStage: 'lead' });
      const updated = await h.a.people.update(
        ann.id,
        { lifecycleStage: 'customer' },
        { version: ann.version },
      );

      const why = await h.a.automation.explain(rule.id, { entity: 'person', id: ann.id, change: toCustomer });
      expect(why.trigger.held).toBe(true);
      expect(why.matched).toBe(true);
      expect(why.enrollment.wouldEnroll).toBe(true);
      expect(why.condition).toMatchObject({
        kind: 'all',
        held: true,
        children: [
          { kind: 'change', field: 'lifecycleStage', before: 'lead', after: 'customer', held: true },
          { kind: 'filter', held: true, filter: { kind: 'comparison', field: 'region', actual: 'North' } },
        ],
      });
      const phone = await h.a.automation.explain(rule.id, {
        entity: 'person',
        id: ann.id,
        change: { phone: { before: null, after: '+15550100' } },
      });
      expect(phone.trigger).toMatchObject({ held: false, reason: 'None of lifecycleStage changed' });
      expect(phone.matched).toBe(false);

      const before = await h.snapshot();
      const overEvents = await h.a.automation.dryRun(rule.id, { over: 'events' });
      expect(overEvents.items.map((item) => [item.recordId, item.matched, item.enrolls])).toEqual([
        [updated.id, true, true],
      ]);
      expect(overEvents.items[0]?.actions).toEqual(welcome.actions);
      const overRecords = await h.a.automation.dryRun(rule.id, {
        over: 'records',
        where: { field: 'region', op: 'eq', value: 'North' },
      });
      // No change over current records: a change operator holds for none.
      expect(overRecords).toMatchObject({ examined: 1, wouldRun: 0 });
      expect(await h.snapshot()).toEqual(before);
    });

    it('dry-runs past events on each record as that event left it, deleted records too', async ({ h }) => {
      await h.a.customFields.define({
        entity: 'person',
        key: 'tier',
        label: 'Tier',
        type: 'select',
        options: [
          { value: 'gold', label: 'Gold' },
          { value: 'silver', label: 'Silver' },
        ],
      });
      const rule = await h.a.automation.createRule({
        name: 'Gold customers in the North',
        trigger: { kind: 'recordUpdated', entity: 'person' },
        condition: {
          all: [
            { field: 'region', op: 'eq', value: 'North' },
            { field: 'custom.tier', op: 'eq', value: 'gold' },
          ],
        },
        actions: [{ kind: 'addTags', tags: ['gold-north'] }],
      });
      const ann = await makePerson(h.a, { region: 'South' });
      const gold = await h.a.people.update(
        ann.id,
        { region: 'North', custom: { tier: 'gold' } },
        { version: ann.version },
      );
      const silver = await h.a.people.update(
        ann.id,
        { custom: { tier: 'silver' } },
        { version: gold.version },
      );
      await h.a.people.update(ann.id, { region: 'West' }, { version: silver.version });
      const bob = await makePerson(h.a, { region: 'North' });
      const bobGold = await h.a.people.update(bob.id, { custom: { tier: 'gold' } }, { version: bob.version });
      await h.a.people.delete(bob.id);

      const report = await h.a.automation.dryRun(rule.id, { over: 'events' });
      // Ann matched only while North and gold; Bob's gold update matched before he was deleted.
      expect(report.items.map((item) => [item.recordId, item.matched])).toEqual([
        [ann.id, true],
        [ann.id, false],
        [ann.id, false],
        [bob.id, true],
      ]);
      expect(report.items.map((item) => item.enrolls)).toEqual([true, false, false, true]);
      expect(bobGold.version).toBeGreaterThan(bob.version);
    });

    it('runs end to end through the session: a rule, a write, tick, runDue', async ({ h }) => {
      await h.a.automation.createRule({
        name: 'Tag new people',
        trigger: { kind: 'recordCreated', entity: 'person' },
        condition: { field: 'region', op: 'eq', value: 'North' },
        actions: [{ kind: 'addTags', tags: ['welcome'] }],
      });
      const ann = await makePerson(h.a, { region: 'North' });
      const bob = await makePerson(h.a, { region: 'South' });
      expect((await h.a.automation.tick({ now: h.clock.now() })).eventJobs).toBe(1);
      await h.a.automation.runDue({ now: h.clock.now() });
      expect((await h.a.people.get(ann.id)).tags).toEqual(['welcome']);
      expect((await h.a.people.get(bob.id)).tags).toEqual([]);
      expect(h.a.automation.recipes.welcomeMessage).toBeTypeOf('function');
    });

    it('greets birthdays with a coupon, only people who consented to email, checked again at sending', async ({
      h,
    }) => {
      const sent: string[] = [];
      const coupons: string[] = [];
      const crm = await createCrm({
        storage: h.storage,
        now: h.clock.now,
        migrate: false,
        automation: {
          channels: { email: async (message) => void sent.push(`${message.to.email}: ${message.body}`) },
          onCoupon: async (coupon) => void coupons.push(coupon.recordId),
        },
      });
      const session = crm.as({ tenantId: tenantA, actor: { id: 'admin' } });
      h.clock.set('2025-05-01T12:00:00.000Z');
      await session.automation.createRule(
        session.automation.recipes.birthdayGreeting({ coupon: { percentOff: 15 } }),
      );
      const customer = (firstName: string, email: boolean) =>
        makePerson(session, {
          firstName,
          lifecycleStage: 'customer',
          birthday: '1990-05-02',
          emails: [{ address: `${firstName.toLowerCase()}@example.com` }],
          consent: { email, sms: false, phone: false },
        });
      const ann = await customer('Ann', true);
      await customer('Bob', false);
      const cy = await customer('Cy', true);

      // 09:00 UTC on the birthday: Ann and Cy enroll (Bob gave no consent); Cy withdraws before the send.
      h.clock.set('2025-05-02T09:00:00.000Z');
      expect((await session.automation.tick()).timeJobs).toBe(2);
      await session.people.update(
        cy.id,
        { consent: { email: false, sms: false, phone: false } },
        { version: cy.version },
      );
      await session.automation.runDue();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(
        /^ann@example\.com: Happy birthday, Ann! Here is a present: use the code [A-Z2-9]{10}\.$/,
      );
      // Cy's coupon was issued before the greeting that would have named it; Bob never enrolled.
      expect([...coupons].sort()).toEqual([ann.id, cy.id].sort());
    });

    it("takes the jobs' retry options from createCrm", async ({ h }) => {
      let sends = 0;
      const crm = await createCrm({
        storage: h.storage,
        now: h.clock.now,
        migrate: false,
        automation: {
          channels: {
            email: async () => {
              sends++;
              throw new Error('mail server down');
            },
          },
          jobs: { maxAttempts: 2, backoffMs: 1_000 },
        },
      });
      const session = crm.as({ tenantId: tenantA, actor: { id: 'admin' } });
      await session.automation.createRule({
        name: 'Welcome',
        trigger: { kind: 'recordCreated', entity: 'person' },
        actions: [{ kind: 'sendMessage', channel: 'email', body: 'Welcome' }],
      });
      await makePerson(session, { emails: [{ address: 'ann@example.com' }] });
      await session.automation.tick({ now: h.clock.now() });
      expect((await session.automation.runDue()).results.map((each) => each.result)).toEqual(['retrying']);
      h.clock.advance(999);
      expect((await session.automation.runDue()).claimed).toBe(0);
      h.clock.advance(1);
      expect((await session.automation.runDue()).results.map((each) => each.result)).toEqual(['dead']);
      expect(sends).toBe(2);
    });
  });
}
