import { describe, expect } from 'vitest';
import type {
  ActionOutcome,
  ExecuteAction,
  ExecuteActionArgs,
} from '../../automation/actions/execute-action';
import { executeAction } from '../../automation/actions/execute-action';
import { claimDueJobs } from '../../automation/jobs/claim-jobs';
import { enqueueJobs } from '../../automation/jobs/enqueue-jobs';
import type { JobInput } from '../../automation/jobs/job';
import { AutomationJobsApi } from '../../automation/jobs/jobs-api';
import type { JobsOptions } from '../../automation/jobs/jobs-options';
import type { Rule, RuleAction } from '../../automation/rule';
import { createCrmRuntime } from '../../crm';
import type { CrmRuntime } from '../../records/runtime';
import { makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, rapportError, tenantA } from './harness';

const second = 1_000;

function rule(id: string, actions: readonly RuleAction[]): Rule {
  return {
    id,
    name: `Rule ${id}`,
    trigger: { kind: 'recordCreated', entity: 'person' },
    condition: null,
    actions,
    reenroll: false,
    active: true,
    version: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    archivedAt: null,
  };
}

const tag = (name: string): RuleAction => ({ kind: 'addTags', tags: [name] });

/** A job queue over the harness's store and clock, with rules given here and an executor to watch. */
function queue(
  h: Harness,
  rules: readonly Rule[],
  options: JobsOptions = {},
  execute: ExecuteAction = executeAction,
) {
  const runtime: CrmRuntime = createCrmRuntime({ storage: h.storage, now: h.clock.now });
  const byId = new Map(rules.map((each) => [each.id, each]));
  const jobs = new AutomationJobsApi(
    runtime,
    h.a.context,
    { backoffMs: 10 * second, ...options },
    {
      execute,
      loadRule: async (ruleId) => byId.get(ruleId),
    },
  );
  const enqueue = (inputs: readonly JobInput[], runAt?: string) =>
    h.storage.transaction((tx) =>
      enqueueJobs(
        tx,
        h.a.context,
        inputs.map((input) => ({ ...input, runAt })),
        { at: h.clock.iso(), maxChainDepth: options.maxChainDepth },
      ),
    );
  return { runtime, jobs, enqueue };
}

const input = (ruleId: string, recordId: string, key = `key:${ruleId}:${recordId}`, depth = 0): JobInput => ({
  ruleId,
  entity: 'person',
  recordId,
  event: { id: `event-${recordId}`, type: 'person.created' },
  idempotencyKey: key,
  eventChainDepth: depth,
});

/** An executor that records the actions it ran and fails the ones `fails` says, then runs the real one. */
function watched(fails: (args: ExecuteActionArgs, call: number) => boolean = () => false) {
  const calls: ExecuteActionArgs[] = [];
  const execute: ExecuteAction = async (args): Promise<ActionOutcome> => {
    calls.push(args);
    if (fails(args, calls.length)) throw new Error(`channel down (call ${calls.length})`);
    return executeAction(args);
  };
  return { calls, execute };
}

async function tagsOf(h: Harness, id: string) {
  return (await h.a.people.get(id))?.tags ?? [];
}

/**
 * Automation jobs: the durable queue (enqueued in the caller's transaction, idempotent per tenant), claims
 * by several workers without overlap, retries with backoff, dead letters, leases, waits and branches, and
 * the chain depth that stops rules triggering each other forever.
 */
export function describeAutomationJobs(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('automation jobs', () => {
    it("enqueues inside the caller's transaction and skips a key already queued", async ({ h }) => {
      const { enqueue } = queue(h, []);
      const first = await enqueue([input('r1', 'p1'), input('r1', 'p1'), input('r1', 'p2')]);
      expect(first.queued.map((job) => job.recordId)).toEqual(['p1', 'p2']);
      expect(first.skipped).toBe(1);
      const again = await enqueue([input('r1', 'p1')]);
      expect(again).toEqual({ queued: [], stopped: [], skipped: 1 });

      await expect(
        h.storage.transaction(async (tx) => {
          await enqueueJobs(tx, h.a.context, [input('r1', 'p3')], { at: h.clock.iso() });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const rows = await h.tenantRows('automation_jobs', tenantA);
      expect(rows.map((row) => row.record_id).sort()).toEqual(['p1', 'p2']);
      expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, chain_depth: 1, step: 0 });
      expect(await h.tenantRows('automation_jobs', 'tenant-b')).toEqual([]);
      const bad = await rapportError(
        enqueue([input('r1', 'p4'), { ...input('r1', 'p5'), eventChainDepth: -1 }]),
      );
      expect(bad).toMatchObject({ code: 'MISUSE', details: { index: 1 } });
      expect(await h.tenantRows('automation_jobs', tenantA)).toHaveLength(2);
    });

    it('runs due jobs through executeAction as the automation, with the chain depth on their events', async ({
      h,
    }) => {
      const person = await makePerson(h.a);
      const { jobs, enqueue } = queue(h, [rule('r1', [tag('welcomed'), tag('new')])]);
      await enqueue([input('r1', person.id)]);
      await enqueue(
        [input('r1', person.id, 'later')],
        new Date(h.clock.now().getTime() + 60 * second).toISOString(),
      );

      const run = await jobs.runDue({ now: h.clock.now() });
      expect(run.results.map((each) => each.result)).toEqual(['done']);
      expect(await tagsOf(h, person.id)).toEqual(['welcomed', 'new']);
      const audit = (await h.tenantRows('audit_log', tenantA)).filter((row) => row.record_id === person.id);
      expect(audit.at(-1)).toMatchObject({
        actor_id: 'automation',
        reason: 'automation rule "Rule r1" (r1)',
      });
      const events = (await h.tenantRows('outbox', tenantA)).filter((row) => row.record_id === person.id);
      expect(events.at(-1)?.payload).toMatchObject({ chainDepth: 1 });

      expect((await jobs.runDue({ now: h.clock.now() })).claimed).toBe(0);
      h.clock.advance(60 * second);
      expect((await jobs.runDue()).results.map((each) => each.result)).toEqual(['done']);
    });

    it('retries a failing action with exponential backoff, resuming where it failed, then dead-letters it', async ({
      h,
    }) => {
      const person = await makePerson(h.a);
      const { calls, execute } = watched(
        (args) => (args.action as { tags?: string[] }).tags?.[0] === 'second',
      );
      const { jobs, enqueue } = queue(
        h,
        [rule('r1', [tag('first'), tag('second')])],
        { maxAttempts: 3 },
        execute,
      );
      const [job] = (await enqueue([input('r1', person.id)])).queued;

      expect((await jobs.runDue()).results[0]?.result).toBe('retrying');
      const retried = await jobs.get(job?.id as string);
      expect(retried).toMatchObject({ status: 'pending', attempts: 1, step: 1, actionsDone: 1 });
      expect(retried?.lastError).toContain('channel down');
      expect(retried?.runAt).toBe(new Date(h.clock.now().getTime() + 10 * second).toISOString());

      h.clock.advance(9 * second);
      expect((await jobs.runDue()).claimed).toBe(0);
      h.clock.advance(1 * second);
      expect((await jobs.runDue()).results[0]?.result).toBe('retrying');
      // The second retry waits twice as long.
      expect((await jobs.get(job?.id as string))?.runAt).toBe(
        new Date(h.clock.now().getTime() + 20 * second).toISOString(),
      );
      h.clock.advance(20 * second);
      expect((await jobs.runDue()).results[0]?.result).toBe('dead');

      // 'first' ran once; 'second' ran on each of the three attempts, always under the same key.
      expect(calls.map((call) => call.idempotencyKey)).toEqual([
        `${job?.idempotencyKey}:0`,
        `${job?.idempotencyKey}:1`,
        `${job?.idempotencyKey}:1`,
        `${job?.idempotencyKey}:1`,
      ]);
      const [dead] = await jobs.listDead();
      expect(dead).toMatchObject({ id: job?.id, status: 'dead', stopReason: 'failed', attempts: 3 });
      expect(dead?.lastError).toContain('channel down (call 4)');

      h.clock.advance(second);
      const again = await jobs.retry(job?.id as string);
      expect(again).toMatchObject({ status: 'pending', attempts: 0 });
      expect((await rapportError(jobs.retry(job?.id as string), 'INVALID_TRANSITION')).code).toBe(
        'INVALID_TRANSITION',
      );
      expect((await rapportError(jobs.retry('nope'), 'NOT_FOUND')).code).toBe('NOT_FOUND');
    });

    it('several workers at once never run a job twice', async ({ h }) => {
      const people = [];
      for (let index = 0; index < 12; index++) people.push(await makePerson(h.a));
      const { calls, execute } = watched();
      const { jobs, enqueue } = queue(h, [rule('r1', [tag('seen')])], {}, execute);
      await enqueue(people.map((person) => input('r1', person.id)));
      const runs = await Promise.all(
        [1, 2, 3, 4].map((worker) => jobs.runDue({ limit: 4, workerId: `worker-${worker}` })),
      );
      expect(runs.reduce((sum, run) => sum + run.claimed, 0)).toBe(12);
      expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(12);
      expect(calls).toHaveLength(12);
      const rows = await h.tenantRows('automation_jobs', tenantA);
      expect(rows.every((row) => row.status === 'done' && row.attempts === 1)).toBe(true);
    });

    it("claims a crashed worker's job again once its lease ends, and fences the late worker", async ({
      h,
    }) => {
      const person = await makePerson(h.a);
      const { runtime, jobs, enqueue } = queue(h, [rule('r1', [tag('once')])], { leaseMs: 60 * second });
      await enqueue([input('r1', person.id)]);
      const [crashed] = await claimDueJobs(runtime.storage, {
        tenantId: tenantA,
        now: h.clock.now(),
        limit: 10,
        workerId: 'crashed',
        leaseMs: 60 * second,
      });
      expect(crashed).toMatchObject({ status: 'running', claimedBy: 'crashed', attempts: 1 });
      h.clock.advance(59 * second);
      expect((await jobs.runDue()).claimed).toBe(0);
      h.clock.advance(second);
      expect((await jobs.runDue()).results.map((each) => each.result)).toEqual(['done']);
      expect(await jobs.get(crashed?.id as string)).toMatchObject({
        status: 'done',
        attempts: 2,
        claimedBy: null,
      });
    });

    it('a wait action puts the job back until the wait ends; a branch runs its actions in place', async ({
      h,
    }) => {
      const person = await makePerson(h.a, { tags: ['vip'] });
      const { jobs, enqueue } = queue(h, [
        rule('r1', [
          { kind: 'wait', hours: 2 },
          {
            kind: 'branch',
            condition: { field: 'tags', op: 'hasAny', value: ['vip'] },
            // biome-ignore lint/suspicious/noThenProperty: the rule contract names a branch's actions `then`
            then: [tag('gold')],
            else: [tag('plain')],
          },
          tag('after'),
        ]),
      ]);
      await enqueue([input('r1', person.id)]);
      expect((await jobs.runDue()).results[0]?.result).toBe('waiting');
      const waiting = (await h.tenantRows('automation_jobs', tenantA))[0];
      expect(waiting).toMatchObject({ status: 'pending', step: 1, attempts: 0 });
      h.clock.advance(2 * 3_600 * second - 1);
      expect((await jobs.runDue()).claimed).toBe(0);
      h.clock.advance(1);
      expect((await jobs.runDue()).results[0]?.result).toBe('done');
      expect(await tagsOf(h, person.id)).toEqual(['vip', 'gold', 'after']);
    });

    it('stops a chain of rules at the configured depth and says so in the dead letters', async ({ h }) => {
      const { calls, execute } = watched();
      const { jobs, enqueue } = queue(h, [rule('r1', [tag('x')])], { maxChainDepth: 3 }, execute);
      const result = await enqueue([input('r1', 'p1', 'deep', 3), input('r1', 'p2', 'ok', 2)]);
      expect(result.queued.map((job) => job.chainDepth)).toEqual([3]);
      expect(result.stopped).toHaveLength(1);
      const [stopped] = await jobs.listDead();
      expect(stopped).toMatchObject({ idempotencyKey: 'deep', stopReason: 'chainDepth', chainDepth: 4 });
      expect(stopped?.lastError).toContain('past the limit of 3');
      await jobs.runDue();
      expect(calls.map((call) => call.record.id)).toEqual(['p2']);
      expect(calls[0]?.context.chainDepth).toBe(3);
    });

    it('a started worker runs due jobs at once and stop waits for its run', async ({ h }) => {
      const person = await makePerson(h.a);
      const { jobs, enqueue } = queue(h, [rule('r1', [tag('worked')])]);
      await enqueue([input('r1', person.id)]);
      const worker = jobs.startWorker({ intervalMs: 60_000 });
      await worker.stop();
      expect(await tagsOf(h, person.id)).toEqual(['worked']);
      expect((await rapportError(async () => jobs.startWorker({ intervalMs: 0 }), 'MISUSE')).code).toBe(
        'MISUSE',
      );
    });
  });
}
