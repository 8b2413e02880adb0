import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect } from 'vitest';
import type {
  AutomationHostOptions,
  AutomationMessage,
  Coupon,
  ExecuteActionArgs,
} from '../../automation/actions/execute-action';
import { executeAction } from '../../automation/actions/execute-action';
import { verifyWebhook } from '../../automation/actions/webhook-signature';
import type { RuleAction } from '../../automation/rule';
import { createCrmRuntime } from '../../crm';
import { makeCompany, makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, rapportError, tenantA } from './harness';

const day = 86_400_000;
const rule = { id: 'rule-1', name: 'Welcome' };
const reason = 'automation rule "Welcome" (rule-1)';

/** Runs one action of `rule` for a record of tenant A, as a job would, over the harness's store and clock. */
function runner(h: Harness, host: AutomationHostOptions = {}) {
  const runtime = createCrmRuntime({ storage: h.storage, now: h.clock.now, automation: host });
  return (action: RuleAction, record: ExecuteActionArgs['record'], idempotencyKey = 'job-1:0') =>
    executeAction({ runtime, context: h.a.context, rule, action, record, idempotencyKey, at: h.clock.now() });
}

/** A real HTTP server on a free local port that records requests and answers with `statuses` in turn. */
async function webhookServer(statuses: number[]) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Automation actions: each action kind executed for one record as a job runs it, its writes through the
 * write path with the rule in the audit reason, its outside effects (messages, coupons, webhooks) called
 * once per idempotency key however often the job is retried, and wait and branch outcomes.
 */
export function describeAutomationActions(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('automation actions', () => {
    it('updates fields and tags through the write path, audited with the rule, and a rerun changes nothing', async ({
      h,
    }) => {
      const ann = await makePerson(h.a, { tags: ['new'] });
      const run = runner(h);
      const record = { entity: 'person' as const, id: ann.id };
      expect(await run({ kind: 'updateFields', values: { lifecycleStage: 'customer' } }, record)).toEqual({
        kind: 'done',
      });
      await run({ kind: 'addTags', tags: ['vip', 'new'] }, record);
      await run({ kind: 'removeTags', tags: ['new'] }, record);
      const after = await h.a.people.get(ann.id);
      expect([after.lifecycleStage, after.tags, after.version]).toEqual(['customer', ['vip'], 4]);
      await run({ kind: 'updateFields', values: { lifecycleStage: 'customer' } }, record);
      await run({ kind: 'addTags', tags: ['vip'] }, record);
      expect((await h.a.people.get(ann.id)).version).toBe(4);
      const history = await h.a.people.history(ann.id);
      expect(history.slice(1).map((entry) => entry.reason)).toEqual([reason, reason, reason]);
    });

    it('creates a task for the owner due by the CRM clock, and an activity, once per idempotency key', async ({
      h,
    }) => {
      await h.a.members.create({ id: 'rep-1', name: 'Rep One' });
      const acme = await makeCompany(h.a, { name: 'Acme' });
      const ann = await makePerson(h.a, { ownerId: 'rep-1', companyId: acme.id });
      const run = runner(h);
      const record = { entity: 'person' as const, id: ann.id };
      const task: RuleAction = {
        kind: 'createTask',
        title: 'Call {{person.firstName}} of {{company.name}}',
        dueInDays: 2,
      };
      await run(task, record, 'job-1:0');
      await run(task, record, 'job-1:0');
      await run(
        { kind: 'createTask', title: 'Check', assignTo: { memberId: 'rep-1' } },
        { entity: 'company', id: acme.id },
        'job-2:0',
      );
      const tasks = (await h.a.tasks.list({ orderBy: ['title'] })).items;
      expect(tasks.map((t) => [t.title, t.assigneeId, t.dueAt, t.personId, t.companyId])).toEqual([
        [
          'Call Ann of Acme',
          'rep-1',
          new Date(h.clock.now().getTime() + 2 * day).toISOString(),
          ann.id,
          acme.id,
        ],
        ['Check', 'rep-1', null, null, acme.id],
      ]);
      expect((await h.a.tasks.history(tasks[0]?.id ?? ''))[0]?.reason).toBe(reason);

      const note: RuleAction = {
        kind: 'createActivity',
        type: 'note',
        subject: 'Welcomed {{person.firstName}}',
      };
      await run(note, record, 'job-3:0');
      await run(note, record, 'job-3:0');
      const activities = (await h.a.activities.list()).items;
      expect(activities.map((a) => [a.type, a.subject, a.personIds, a.occurredAt])).toEqual([
        ['note', 'Welcomed Ann', [ann.id], h.clock.iso()],
      ]);
    });

    it('assigns an owner through the assignment rules once, however often the job is retried', async ({
      h,
    }) => {
      for (const id of ['ann', 'bo']) await h.a.members.create({ id, name: id });
      await h.a.assignment.createRule({
        name: 'Leads',
        entity: 'person',
        strategy: 'roundRobin',
        pool: { memberIds: ['ann', 'bo'] },
      });
      const lead = await makePerson(h.a);
      const run = runner(h);
      await run({ kind: 'assign' }, { entity: 'person', id: lead.id });
      await run({ kind: 'assign' }, { entity: 'person', id: lead.id });
      expect((await h.a.people.get(lead.id)).ownerId).toBe('ann');
      expect(await h.a.assignment.decisions({ recordId: lead.id })).toHaveLength(1);
    });

    it('sends a rendered message through the registered channel once per idempotency key', async ({ h }) => {
      const sent: AutomationMessage[] = [];
      let failures = 1;
      const run = runner(h, {
        channels: {
          email: async (message) => {
            if (failures-- > 0) throw new Error('SMTP is down');
            sent.push(message);
          },
        },
      });
      const ann = await makePerson(h.a, { firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
      const action: RuleAction = {
        kind: 'sendMessage',
        channel: 'email',
        subject: 'Welcome {{person.firstName}}',
        body: 'Hi {{ person.firstName }} of {{company.name}}{{person.constructor}}!',
      };
      const record = { entity: 'person' as const, id: ann.id };
      // The sender threw: nothing is recorded, so the retry sends.
      await expect(run(action, record)).rejects.toThrow('SMTP is down');
      await run(action, record);
      await run(action, record);
      expect(sent).toEqual([
        {
          channel: 'email',
          tenantId: tenantA,
          ruleId: 'rule-1',
          record,
          to: { email: 'ann@example.com', phone: null },
          owner: null,
          subject: 'Welcome Ann',
          body: 'Hi Ann of !',
          idempotencyKey: 'job-1:0',
        },
      ]);
      const effects = await h.tenantRows('automation_effects', tenantA);
      expect(effects.map((row) => [row.id, row.kind, row.status])).toEqual([
        ['job-1:0', 'sendMessage', 'done'],
      ]);
      await rapportError(run({ ...action, channel: 'sms' }, record, 'job-2:0'), 'MISUSE');
    });

    it('issues a stored coupon with a unique code, calls the host once, and messages can name it', async ({
      h,
    }) => {
      const coupons: Coupon[] = [];
      const sent: AutomationMessage[] = [];
      const run = runner(h, {
        onCoupon: async (coupon) => {
          coupons.push(coupon);
        },
        channels: { email: async (message) => void sent.push(message) },
      });
      const ann = await makePerson(h.a);
      const record = { entity: 'person' as const, id: ann.id };
      const coupon: RuleAction = { kind: 'issueCoupon', percentOff: 15, validDays: 30 };
      await run(coupon, record, 'job-1:0');
      await run(coupon, record, 'job-1:0');
      await run(coupon, record, 'job-2:0');
      expect(coupons).toHaveLength(2);
      expect(coupons[0]).toMatchObject({
        tenantId: tenantA,
        ruleId: 'rule-1',
        entity: 'person',
        recordId: ann.id,
        percentOff: 15,
        amountOff: null,
        validUntil: new Date(h.clock.now().getTime() + 30 * day).toISOString(),
      });
      expect(coupons[0]?.code).toMatch(/^[A-Z2-9]{10}$/);
      expect(coupons[0]?.code).not.toBe(coupons[1]?.code);
      const rows = await h.tenantRows('coupons', tenantA);
      expect(rows.map((row) => row.code).sort()).toEqual(coupons.map((c) => c.code).sort());
      h.clock.advance(1_000);
      await run(coupon, record, 'job-3:0');
      await run(
        { kind: 'sendMessage', channel: 'email', body: 'Your code: {{coupon.code}}' },
        record,
        'job-3:1',
      );
      expect(sent[0]?.body).toBe(`Your code: ${coupons[2]?.code}`);
      await rapportError(run({ kind: 'issueCoupon', validDays: 0 }, record, 'job-4:0'), 'VALIDATION_FAILED');
    });

    it('calls a webhook signed with HMAC-SHA256, retries a failed answer and never calls twice after success', async ({
      h,
    }) => {
      const server = await webhookServer([500]);
      try {
        const run = runner(h, { secrets: { hub: 's3cret' } });
        const ann = await makePerson(h.a, { firstName: 'Ann' });
        const record = { entity: 'person' as const, id: ann.id };
        const action: RuleAction = { kind: 'callWebhook', url: server.url, secretName: 'hub' };
        await expect(run(action, record)).rejects.toThrow('answered 500');
        await run(action, record);
        await run(action, record);
        expect(server.received).toHaveLength(2);
        const last = server.received[1];
        const body = JSON.parse(last?.body ?? '{}');
        expect(body).toMatchObject({
          id: 'job-1:0',
          tenantId: tenantA,
          rule,
          record: { entity: 'person', id: ann.id, values: { firstName: 'Ann' } },
        });
        expect(last?.headers['x-rapport-idempotency-key']).toBe('job-1:0');
        const check = (secret: string, raw: string) =>
          verifyWebhook({
            secret,
            body: raw,
            signature: last?.headers['x-rapport-signature'] as string,
            timestamp: last?.headers['x-rapport-timestamp'] as string,
            now: h.clock.now(),
          });
        expect(await check('s3cret', last?.body ?? '')).toBe(true);
        expect(await check('wrong', last?.body ?? '')).toBe(false);
        await rapportError(run({ ...action, secretName: 'nope' }, record, 'job-2:0'), 'MISUSE');
      } finally {
        await server.close();
      }
    });

    it('waits a duration or until a date field, and goes on at once when that moment has passed', async ({
      h,
    }) => {
      const run = runner(h);
      const ann = await makePerson(h.a, { birthday: '2025-03-01', custom: {} });
      const record = { entity: 'person' as const, id: ann.id };
      expect(await run({ kind: 'wait', days: 2, hours: 3 }, record)).toEqual({
        kind: 'wait',
        until: new Date(h.clock.now().getTime() + 51 * 3_600_000).toISOString(),
      });
      expect(await run({ kind: 'wait', untilField: 'birthday' }, record)).toEqual({
        kind: 'wait',
        until: '2025-03-01T00:00:00.000Z',
      });
      h.clock.set('2025-04-01T00:00:00.000Z');
      expect(await run({ kind: 'wait', untilField: 'birthday' }, record)).toEqual({ kind: 'done' });
      expect(await run({ kind: 'wait', untilField: 'lastName' }, record)).toEqual({ kind: 'done' });
    });

    it('branches on the condition as it holds on the record now', async ({ h }) => {
      const run = runner(h);
      const acme = await makeCompany(h.a, { region: 'North' });
      const ann = await makePerson(h.a, { companyId: acme.id, lifecycleStage: 'customer' });
      const record = { entity: 'person' as const, id: ann.id };
      const then: RuleAction[] = [{ kind: 'addTags', tags: ['north'] }];
      const otherwise: RuleAction[] = [{ kind: 'addTags', tags: ['elsewhere'] }];
      const branch = (condition: object): RuleAction => ({
        kind: 'branch',
        condition: condition as never,
        then,
        else: otherwise,
      });
      expect(await run(branch({ field: 'company.region', op: 'eq', value: 'North' }), record)).toEqual({
        kind: 'continue',
        actions: then,
      });
      expect(
        await run(
          branch({
            all: [
              { field: 'lifecycleStage', op: 'eq', value: 'customer' },
              { not: { field: 'company.region', op: 'eq', value: 'North' } },
            ],
          }),
          record,
        ),
      ).toEqual({ kind: 'continue', actions: otherwise });
      const error = await rapportError(
        run(branch({ any: [{ field: 'region', op: 'changed' }] }), record),
        'VALIDATION_FAILED',
      );
      expect(error.issues[0]?.path).toEqual(['condition', 'any', 0, 'op']);
    });
  });
}
