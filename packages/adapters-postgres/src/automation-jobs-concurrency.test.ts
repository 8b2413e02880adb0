import type { ActionOutcome, AutomationJobsSeams, ExecuteAction, StorageAdapter } from '@rapport/core';
import { AutomationJobsApi, createCrm, createCrmRuntime, enqueueJobs } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';
import { serverSchemas } from './test-stores';

const url = process.env.RAPPORT_PG_URL ?? '';
const WORKERS = 6;
const JOBS = 120;
const tenantId = 'acme';
const context = { tenantId, actor: { id: 'host', kind: 'system' as const } };

/** The rule type, as the job runner's rule loader returns it. */
type Rule = NonNullable<Awaited<ReturnType<NonNullable<AutomationJobsSeams['loadRule']>>>>;

const rule: Rule = {
  id: 'rule-1',
  name: 'Count',
  trigger: { kind: 'manual', entity: 'person' },
  condition: null,
  actions: [{ kind: 'addTags', tags: ['counted'] }],
  reenroll: false,
  active: true,
  version: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  archivedAt: null,
};

// Each worker has an adapter with a pool of its own, as separate processes would: the claims race on
// real connections of one server, where `for update skip locked` is what keeps them apart.
describe.skipIf(!url)('Postgres server: automation job workers', () => {
  const schemas = serverSchemas(url);
  const opened: StorageAdapter[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((adapter) => adapter.close()));
  });

  it('six workers with pools of their own claim and run every job exactly once', async () => {
    const schema = await schemas.create();
    const adapters = Array.from({ length: WORKERS }, () =>
      postgresAdapter({ connectionString: url, schema }),
    );
    opened.push(...adapters);
    // Each store learns its tables from migrate: the first applies them, the others find them applied.
    for (const storage of adapters) await createCrm({ storage });
    const now = () => new Date('2025-03-01T09:00:00.000Z');
    const runs = new Map<string, number>();
    const execute: ExecuteAction = async (args): Promise<ActionOutcome> => {
      runs.set(args.idempotencyKey, (runs.get(args.idempotencyKey) ?? 0) + 1);
      // A round trip to the server inside the job, so workers interleave while they hold their claims.
      await args.runtime.storage.count({ table: 'automation_jobs', tenantId });
      return { kind: 'done' };
    };
    const runtimes = adapters.map((storage) => createCrmRuntime({ storage, now }));
    await adapters[0]?.transaction((tx) =>
      enqueueJobs(
        tx,
        context,
        Array.from({ length: JOBS }, (_, index) => ({
          ruleId: rule.id,
          entity: 'person' as const,
          recordId: `person-${index}`,
          event: { type: 'manual' },
          idempotencyKey: `job-${index}`,
          eventChainDepth: 0,
        })),
        { at: now().toISOString() },
      ),
    );

    const claimedPerWorker = await Promise.all(
      runtimes.map(async (runtime, worker) => {
        const jobs = new AutomationJobsApi(runtime, context, {}, { execute, loadRule: async () => rule });
        let claimed = 0;
        for (;;) {
          const run = await jobs.runDue({ now: now(), limit: 5, workerId: `worker-${worker}` });
          if (run.claimed === 0) return claimed;
          claimed += run.claimed;
        }
      }),
    );

    expect(claimedPerWorker.reduce((sum, claimed) => sum + claimed, 0)).toBe(JOBS);
    expect(claimedPerWorker.filter((claimed) => claimed > 0).length).toBeGreaterThan(1);
    expect(runs.size).toBe(JOBS);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    const rows = await (adapters[0] as StorageAdapter).findMany({ table: 'automation_jobs', tenantId });
    expect(rows.every((row) => row.status === 'done' && row.attempts === 1)).toBe(true);
  });

  it('concurrent raw claims on separate pools never return the same row', async () => {
    const schema = await schemas.create();
    const adapters = Array.from({ length: WORKERS }, () =>
      postgresAdapter({ connectionString: url, schema }),
    );
    opened.push(...adapters);
    for (const storage of adapters) await createCrm({ storage });
    const at = '2025-03-01T09:00:00.000Z';
    await adapters[0]?.transaction((tx) =>
      enqueueJobs(
        tx,
        context,
        Array.from({ length: 60 }, (_, index) => ({
          ruleId: rule.id,
          entity: null,
          recordId: null,
          event: { type: 'manual' },
          idempotencyKey: `raw-${index}`,
          eventChainDepth: 0,
        })),
        { at },
      ),
    );
    const pending = {
      kind: 'compare' as const,
      field: { operand: { kind: 'column' as const, column: 'status' }, type: 'text' as const },
      op: 'eq' as const,
      value: 'pending',
      caseInsensitive: false,
    };
    const claims = await Promise.all(
      adapters.flatMap((adapter, worker) =>
        [0, 1, 2].map(() =>
          adapter.claim({
            table: 'automation_jobs',
            tenantId,
            where: pending,
            limit: 4,
            set: { status: 'running', claimed_by: `worker-${worker}` },
            increment: ['version'],
          }),
        ),
      ),
    );
    const ids = claims.flat().map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(60);
  });
});
