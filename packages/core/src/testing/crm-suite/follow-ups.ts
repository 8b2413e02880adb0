import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { RecordEvent } from '../../events/crm-events';
import type { FollowUpCadenceInput } from '../../follow-ups/cadence';
import { makeCompany, makeDeal, makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA } from './harness';

const day = 86_400_000;

const afterASale: FollowUpCadenceInput = {
  name: 'After a sale',
  trigger: 'dealWon',
  steps: [
    { offsetDays: 7, title: 'Call: how is it going?', kind: 'call' },
    { offsetDays: 30, title: 'Check-in', kind: 'check-in', notes: 'Ask for a referral' },
  ],
};

const isoIn = (h: Harness, days: number) => new Date(h.clock.now().getTime() + days * day).toISOString();

/** The tasks of tenant A, by due time then title, as `[title, assignee, due]`. */
async function tasks(s: CrmSession) {
  const page = await s.tasks.list({ orderBy: ['dueAt', 'title'], limit: 100 });
  return page.items;
}

const line = [{ quantity: 1, unitPrice: 5_000 }];

/**
 * Follow-ups: cadences of tasks after a won deal or a fulfilled order, created through the write path in
 * the transaction of the win, once per transition, assigned down the owner chain, due by the tenant's
 * calendar; cadence configuration with typed errors, versions and an audit trail.
 */
export function describeFollowUps(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('follow-ups', () => {
    it('creates the cadence tasks for the owner when a deal is won, audited, in the outbox and on the bus', async ({
      h,
    }) => {
      await h.a.members.create({ id: 'rep-1', name: 'Rep One' });
      const company = await makeCompany(h.a);
      const [ann, bob] = [await makePerson(h.a), await makePerson(h.a)];
      const deal = await makeDeal(h.a, {
        ownerId: 'rep-1',
        companyId: company.id,
        personIds: [ann.id, bob.id],
      });
      await h.a.followUps.define(afterASale);
      const created: RecordEvent<'task'>[] = [];
      h.crm.events.on('task.created', (event) => created.push(event));
      h.clock.advance(3_600_000);
      await h.a.deals.update(deal.id, { status: 'won' }, { version: deal.version });

      const made = await tasks(h.a);
      expect(made.map((task) => [task.title, task.dueAt, task.assigneeId])).toEqual([
        ['Call: how is it going?', isoIn(h, 7), 'rep-1'],
        ['Check-in', isoIn(h, 30), 'rep-1'],
      ]);
      for (const task of made) {
        expect(task).toMatchObject({
          status: 'open',
          dealId: deal.id,
          personId: ann.id,
          companyId: company.id,
          createdBy: 'user-a',
          createdAt: h.clock.iso(),
        });
      }
      expect(made.map((task) => task.tags)).toEqual([
        ['follow-up', 'call'],
        ['follow-up', 'check-in'],
      ]);
      expect(made[1]?.notes).toBe('Ask for a referral');

      const audit = (await h.tenantRows('audit_log', tenantA)).filter((row) => row.entity === 'task');
      expect(audit.map((row) => [row.record_id, row.action, row.at])).toEqual(
        expect.arrayContaining(made.map((task) => [task.id, 'create', h.clock.iso()])),
      );
      expect(audit).toHaveLength(2);
      for (const row of audit) expect(row.reason).toMatch(/^follow-up cadence "After a sale"/);
      const outbox = (await h.tenantRows('outbox', tenantA)).filter((row) => row.type === 'task.created');
      expect(outbox.map((row) => row.record_id).sort()).toEqual(made.map((task) => task.id).sort());
      expect(created.map((event) => event.record.id).sort()).toEqual(made.map((task) => task.id).sort());
      expect(outbox.map((row) => row.id).sort()).toEqual(created.map((event) => event.eventId).sort());
    });

    it('fires once per transition: saving a won deal makes no more, reopening and winning again does', async ({
      h,
    }) => {
      await h.a.followUps.define(afterASale);
      const deal = await makeDeal(h.a);
      const won = await h.a.deals.update(deal.id, { status: 'won' }, { version: deal.version });
      expect(await tasks(h.a)).toHaveLength(2);
      const renamed = await h.a.deals.update(deal.id, { name: 'Renamed' }, { version: won.version });
      const again = await h.a.deals.update(deal.id, { status: 'won' }, { version: renamed.version });
      expect(again.version).toBe(renamed.version);
      expect(await tasks(h.a)).toHaveLength(2);

      const reopened = await h.a.deals.update(deal.id, { status: 'open' }, { version: renamed.version });
      expect(await tasks(h.a)).toHaveLength(2);
      h.clock.advance(2 * day);
      await h.a.deals.update(deal.id, { status: 'won' }, { version: reopened.version });
      const all = await tasks(h.a);
      expect(all).toHaveLength(4);
      expect(all.map((task) => task.dueAt)).toContain(isoIn(h, 7));
      expect(all.every((task) => task.assigneeId === null)).toBe(true);
    });

    it('creates them when a stage move wins the deal, and again after a move back and a second win', async ({
      h,
    }) => {
      await h.a.followUps.define(afterASale);
      const pipeline = await h.a.pipelines.create({
        name: 'Sales',
        stages: [
          { id: 'talk', name: 'Talking', probability: 0.3 },
          { id: 'won', name: 'Won', probability: 1, kind: 'won' },
        ],
      } as never);
      const deal = await makeDeal(h.a, { pipelineId: pipeline.id, stageId: 'talk' });
      await h.a.dealStages.move(deal.id, { stageId: 'won', version: deal.version });
      expect((await tasks(h.a)).map((task) => task.dealId)).toEqual([deal.id, deal.id]);
      const current = await h.a.deals.get(deal.id);
      expect(current.status).toBe('won');
      await h.a.dealStages.move(deal.id, { stageId: 'talk', version: current.version });
      expect(await tasks(h.a)).toHaveLength(2);
      await h.a.dealStages.move(deal.id, { stageId: 'won', version: (await h.a.deals.get(deal.id)).version });
      expect(await tasks(h.a)).toHaveLength(4);
    });

    it('follows up deals created won, one set each, and none for lost deals', async ({ h }) => {
      await h.a.followUps.define(afterASale);
      const deals = await h.a.deals.createMany([
        { name: 'A', amount: 1, currency: 'USD', status: 'won' },
        { name: 'B', amount: 1, currency: 'USD', status: 'won' },
        { name: 'C', amount: 1, currency: 'USD', status: 'lost', lostReason: 'Price' },
      ]);
      const made = await tasks(h.a);
      expect(made).toHaveLength(4);
      expect(new Set(made.map((task) => task.dealId))).toEqual(new Set([deals[0]?.id, deals[1]?.id]));
    });

    it('rolls the win back when its follow-up tasks cannot be created', async ({ h }) => {
      await h.a.followUps.define(afterASale);
      const deal = await makeDeal(h.a);
      await h.a.customFields.define({
        entity: 'task',
        key: 'region',
        label: 'Region',
        type: 'text',
        required: true,
      });
      await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.deals.update(deal.id, { status: 'won' }, { version: deal.version }),
      );
      expect((await h.a.deals.get(deal.id)).status).toBe('open');
    });

    it('follows up fulfilled orders of the counted types, assigned down the owner chain', async ({ h }) => {
      await h.a.members.createMany([
        { id: 'rep-order', name: 'Order owner' },
        { id: 'rep-person', name: 'Person owner' },
        { id: 'rep-company', name: 'Company owner' },
        { id: 'gone', name: 'Former rep', active: false },
        { id: 'desk', name: 'Account desk' },
      ]);
      const company = await makeCompany(h.a, { ownerId: 'rep-company' });
      const owned = await makePerson(h.a, { ownerId: 'rep-person' });
      const unowned = await makePerson(h.a);
      const leftBehind = await makePerson(h.a, { ownerId: 'gone' });
      await h.a.followUps.define({
        name: 'After delivery',
        trigger: 'orderFulfilled',
        orderTypes: ['sale'],
        fallbackAssigneeId: 'desk',
        steps: [{ offsetDays: 3, title: 'Did it arrive well?', kind: 'call' }],
      });
      const order = (input: Record<string, unknown>) =>
        h.a.orders.create({ lines: line, currency: 'USD', status: 'fulfilled', ...input });
      await order({ personId: owned.id, ownerId: 'rep-order' });
      await order({ personId: owned.id, companyId: company.id });
      await order({ personId: unowned.id, companyId: company.id });
      await order({ personId: leftBehind.id });
      await order({ personId: owned.id, type: 'sample' });
      const confirmed = await order({ personId: unowned.id, status: 'confirmed' });
      expect(await tasks(h.a)).toHaveLength(4);
      await h.a.orders.update(confirmed.id, { status: 'fulfilled' }, { version: confirmed.version });

      const made = await tasks(h.a);
      const assigneeOf = (personId: string, companyId: string | null = null) =>
        made
          .filter((task) => task.personId === personId && task.companyId === companyId)
          .map((task) => task.assigneeId);
      expect(made).toHaveLength(5);
      expect(made.every((task) => task.dealId === null && task.dueAt === isoIn(h, 3))).toBe(true);
      expect(assigneeOf(owned.id)).toEqual(['rep-order']);
      expect(assigneeOf(owned.id, company.id)).toEqual(['rep-person']);
      expect(assigneeOf(unowned.id, company.id)).toEqual(['rep-company']);
      expect(assigneeOf(leftBehind.id)).toEqual(['desk']);
      // Neither the order, its person nor a company has an owner: the fallback takes it.
      expect(assigneeOf(unowned.id)).toEqual(['desk']);
    });

    it('leaves the tasks unassigned when nobody in the chain is an active member', async ({ h }) => {
      await h.a.members.create({ id: 'gone', name: 'Former rep', active: false });
      await h.a.followUps.define(afterASale);
      await makeDeal(h.a, { ownerId: 'gone', status: 'won' });
      expect((await tasks(h.a)).map((task) => task.assigneeId)).toEqual([null, null]);
    });

    it("counts due days in the tenant's calendar, across a daylight-saving change", async ({ h }) => {
      await h.a.settings.update({ timeZone: 'Europe/Paris' }, { version: 0 });
      await h.a.followUps.define({
        name: 'Weekly',
        trigger: 'dealWon',
        steps: [{ offsetDays: 7, title: 'Call' }],
      });
      h.clock.set('2025-03-28T09:00:00.000Z');
      await makeDeal(h.a, { status: 'won' });
      // 10:00 in Paris on 28 March (UTC+1) and on 4 April (UTC+2).
      expect((await tasks(h.a)).map((task) => [task.dueAt, task.tags])).toEqual([
        ['2025-04-04T08:00:00.000Z', ['follow-up']],
      ]);
    });

    it('refuses bad cadences with typed errors and changes nothing', async ({ h }) => {
      const bad = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.followUps.define({
          name: ' ',
          trigger: 'dealWon',
          orderTypes: ['sale'],
          steps: [
            { offsetDays: -1, title: 'Call' },
            { offsetDays: 7, title: 'Call', kind: 'call', extra: 1 } as never,
          ],
        }),
      );
      expectIssueAt(bad, ['name']);
      expectIssueAt(bad, ['orderTypes']);
      expectIssueAt(bad, ['steps', 0, 'offsetDays']);
      expectIssueAt(bad, ['steps', 1, 'extra']);
      expectIssueAt(
        await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.followUps.define({ name: 'None', trigger: 'orderShipped' as never, steps: [] }),
        ),
        ['steps'],
      );
      expectIssueAt(
        await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.a.followUps.define({ ...afterASale, fallbackAssigneeId: 'nobody' }),
        ),
        ['fallbackAssigneeId'],
      );
      await h.a.followUps.define(afterASale);
      expectIssueAt(await failsCleanly(h, 'DUPLICATE', () => h.a.followUps.define(afterASale)), ['name']);
    });

    it('updates, pauses, lists and deletes cadences with versions and an audit trail', async ({ h }) => {
      await h.a.members.create({ id: 'desk', name: 'Account desk' });
      const cadence = await h.a.followUps.define(afterASale);
      expect(cadence).toMatchObject({ version: 1, active: true, orderTypes: null, fallbackAssigneeId: null });
      expect(cadence.steps[0]).toEqual({
        offsetDays: 7,
        title: 'Call: how is it going?',
        kind: 'call',
        notes: null,
      });
      const later = await h.a.followUps.define({ ...afterASale, name: 'Another' });
      expect((await h.a.followUps.list()).map((item) => item.name)).toEqual(['After a sale', 'Another']);

      const paused = await h.a.followUps.update(
        cadence.id,
        { active: false, fallbackAssigneeId: 'desk' },
        { version: 1 },
      );
      expect(paused).toMatchObject({ version: 2, active: false, fallbackAssigneeId: 'desk' });
      expect(await h.a.followUps.update(cadence.id, { active: false }, { version: 2 })).toEqual(paused);
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.followUps.update(cadence.id, { name: 'X' }, { version: 1 }),
      );
      await failsCleanly(h, 'REFERENCED', () => h.a.members.delete('desk'));
      await h.a.followUps.delete(later.id);
      await rapportError(h.a.followUps.get(later.id), 'NOT_FOUND');
      await makeDeal(h.a, { status: 'won' });
      expect(await tasks(h.a)).toEqual([]);

      const audit = (await h.tenantRows('audit_log', tenantA)).filter(
        (row) => row.entity === 'followUpCadence',
      );
      expect(audit.map((row) => [row.record_id, row.action, row.record_version])).toEqual([
        [cadence.id, 'create', 1],
        [later.id, 'create', 1],
        [cadence.id, 'update', 2],
        [later.id, 'delete', 1],
      ]);
      expect((await h.a.followUps.get(cadence.id)).version).toBe(2);
      expect(await h.b.followUps.list()).toEqual([]);
      await rapportError(h.b.followUps.get(cadence.id), 'NOT_FOUND');
    });

    it("never fires one tenant's cadences on another tenant's deals", async ({ h }) => {
      await h.b.followUps.define(afterASale);
      await makeDeal(h.a, { status: 'won' });
      expect(await tasks(h.a)).toEqual([]);
      await makeDeal(h.b, { status: 'won' });
      expect(await tasks(h.b)).toHaveLength(2);
    });
  });
}
