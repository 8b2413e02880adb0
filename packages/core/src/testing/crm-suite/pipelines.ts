import { describe, expect } from 'vitest';
import type { PipelineInput } from '../../entities/types';
import { makeDeal } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA } from './harness';

const day = 86_400_000;

/** Lead → Qualified → Proposal → Won, and Lost; moves `next` unless told. */
function salesInput(overrides: Partial<PipelineInput> = {}): PipelineInput {
  return {
    name: 'Sales',
    moves: 'next',
    lostReasons: ['Price', 'Timing'],
    stages: [
      { id: 'lead', name: 'Lead', probability: 0.1, idleDays: 3 },
      { id: 'qualified', name: 'Qualified', probability: 0.3 },
      {
        id: 'proposal',
        name: 'Proposal',
        probability: 0.6,
        requiredFields: ['expectedCloseDate', 'custom.budget'],
      },
      { id: 'won', name: 'Won', probability: 1, kind: 'won', allowedRoles: ['manager'] },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
    ...overrides,
  };
}

async function setUp(h: Harness, overrides: Partial<PipelineInput> = {}) {
  await h.a.customFields.define({ entity: 'deal', key: 'budget', label: 'Budget', type: 'text' });
  await h.a.members.createMany([
    { id: 'user-a', name: 'Alex', role: 'rep' },
    { id: 'boss', name: 'Bo', role: 'manager' },
  ]);
  const pipeline = await h.a.pipelines.create(salesInput(overrides));
  const deal = await makeDeal(h.a, { pipelineId: pipeline.id, stageId: 'lead', probability: 0.1 });
  return { pipeline, deal };
}

const asBoss = (h: Harness) => h.crm.as({ tenantId: tenantA, actor: { id: 'boss' } });

/**
 * Pipelines: stage configuration, moves by the rules through `dealStages.move`, the rules enforced on every
 * write path of deals, the audited bypass, stage history and time in stage by the test clock, idle deals.
 */
export function describePipelines(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('pipelines', () => {
    it('stores stage rules with their defaults: forecast category by kind, moves any', async ({ h }) => {
      const pipeline = await h.a.pipelines.create({
        name: 'Plain',
        stages: [
          { id: 'open', name: 'Open', probability: 0.2 },
          { id: 'commit', name: 'Commit', probability: 0.8, forecastCategory: 'commit' },
          { id: 'won', name: 'Won', probability: 1, kind: 'won' },
          { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
        ],
      });
      expect(pipeline.moves).toBe('any');
      expect(pipeline.lostReasons).toEqual([]);
      expect(pipeline.stages.map((stage) => stage.forecastCategory)).toEqual([
        'pipeline',
        'commit',
        'closed',
        'omitted',
      ]);
      expect(pipeline.stages[0]).toEqual({
        id: 'open',
        name: 'Open',
        probability: 0.2,
        kind: 'open',
        forecastCategory: 'pipeline',
        requiredFields: [],
        idleDays: null,
        allowedRoles: null,
      });
      const [row] = await h.tenantRows('pipelines', tenantA);
      expect(row).toMatchObject({ moves: 'any', lost_reasons: [] });
      expect(await h.a.dealStages.rules(pipeline.id)).toMatchObject({ moves: 'any', lostReasons: [] });
    });

    it('refuses a pipeline whose rules make no sense, naming each field', async ({ h }) => {
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.pipelines.create({
          name: 'Broken',
          moves: 'sideways' as never,
          lostReasons: ['Price', 'Price'],
          stages: [
            { id: 'open', name: 'Open', probability: 0.2, requiredFields: ['nope'], idleDays: 0 },
            { id: 'won', name: 'Won', probability: 0.9, kind: 'won', idleDays: 5 },
          ],
        }),
      );
      expectIssueAt(error, ['moves']);
      expectIssueAt(error, ['stages', 0, 'requiredFields', 0]);
      expectIssueAt(error, ['stages', 0, 'idleDays']);
      const refined = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.pipelines.create({
          name: 'Broken',
          lostReasons: ['Price', 'Price'],
          stages: [{ id: 'won', name: 'Won', probability: 0.9, kind: 'won', idleDays: 5 }],
        }),
      );
      expectIssueAt(refined, ['stages', 0, 'probability']);
      expectIssueAt(refined, ['stages', 0, 'idleDays']);
      expectIssueAt(refined, ['lostReasons', 1]);
    });

    it('moves a deal stage by stage; a won stage closes it at 100% with closedAt', async ({ h }) => {
      const { deal } = await setUp(h);
      const { deal: qualified, effects } = await h.a.dealStages.move(deal.id, {
        stageId: 'qualified',
        version: 1,
      });
      expect(qualified).toMatchObject({ stageId: 'qualified', status: 'open', probability: 0.3, version: 2 });
      expect(effects).toEqual([
        { type: 'stageLeft', pipelineId: deal.pipelineId, stageId: 'lead', at: h.clock.iso() },
        { type: 'stageEntered', pipelineId: deal.pipelineId, stageId: 'qualified', at: h.clock.iso() },
      ]);
      await h.a.deals.update(
        deal.id,
        { expectedCloseDate: '2025-03-01', custom: { budget: 'yes' } },
        { version: 2 },
      );
      await h.a.dealStages.move(deal.id, { stageId: 'proposal', version: 3 });
      h.clock.advance(day);
      const { deal: won, effects: wonEffects } = await asBoss(h).dealStages.move(deal.id, {
        stageId: 'won',
        version: 4,
      });
      expect(won).toMatchObject({ stageId: 'won', status: 'won', probability: 1, closedAt: h.clock.iso() });
      expect(wonEffects.map((effect) => effect.type)).toEqual(['stageLeft', 'stageEntered', 'dealWon']);
      const [stored] = await h.tenantRows('deals', tenantA);
      expect(stored).toMatchObject({
        stage_id: 'won',
        status: 'won',
        probability: 1,
        closed_at: h.clock.iso(),
      });
      const audit = await h.a.audit.list({ recordId: deal.id });
      expect(audit.at(-1)?.changes).toMatchObject({
        stageId: { before: 'proposal', after: 'won' },
        status: { before: 'open', after: 'won' },
      });
    });

    it('a lost stage takes a reason from the list only, and closes the deal lost at 0%', async ({ h }) => {
      const { deal } = await setUp(h);
      const missing = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'lost', version: 1 }),
      );
      expectIssueAt(missing, ['lostReason']);
      const unknown = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'lost', lostReason: 'Weather', version: 1 }),
      );
      expectIssueAt(unknown, ['lostReason']);
      const { deal: lost } = await h.a.dealStages.move(deal.id, {
        stageId: 'lost',
        lostReason: 'Price',
        version: 1,
      });
      expect(lost).toMatchObject({
        status: 'lost',
        probability: 0,
        lostReason: 'Price',
        closedAt: h.clock.iso(),
      });
    });

    it('refuses skipping, going back and reopening where the pipeline says so', async ({ h }) => {
      const { deal } = await setUp(h);
      const skip = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'proposal', version: 1 }),
      );
      expect(skip.issues).toContainEqual(
        expect.objectContaining({ code: 'move_not_allowed', path: ['stageId'] }),
      );
      await h.a.dealStages.move(deal.id, { stageId: 'qualified', version: 1 });
      const back = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'lead', version: 2 }),
      );
      expectIssueAt(back, ['stageId']);
      await h.a.dealStages.move(deal.id, { stageId: 'lost', lostReason: 'Timing', version: 2 });
      await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'qualified', version: 3 }),
      );
    });

    it('checks the required fields of a stage, custom fields by key', async ({ h }) => {
      const { deal } = await setUp(h);
      await h.a.dealStages.move(deal.id, { stageId: 'qualified', version: 1 });
      const error = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'proposal', version: 2 }),
      );
      expect(error.issues.map((issue) => issue.path)).toEqual([['expectedCloseDate'], ['custom', 'budget']]);
      await h.a.deals.update(deal.id, { custom: { budget: 'approved' } }, { version: 2 });
      const still = await rapportError(
        h.a.dealStages.move(deal.id, { stageId: 'proposal', version: 3 }),
        'INVALID_TRANSITION',
      );
      expect(still.issues.map((issue) => issue.path)).toEqual([['expectedCloseDate']]);
    });

    it('lets only the allowed roles move deals into a restricted stage; the system always may', async ({
      h,
    }) => {
      const { pipeline } = await setUp(h, { moves: 'any' });
      const deal = await makeDeal(h.a, { pipelineId: pipeline.id, stageId: 'lead' });
      const refused = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'won', version: 1 }),
      );
      expect(refused.issues).toEqual([
        expect.objectContaining({ code: 'role_not_allowed', path: ['stageId'] }),
      ]);
      const stranger = h.crm.as({ tenantId: tenantA, actor: { id: 'not-a-member' } });
      await failsCleanly(h, 'INVALID_TRANSITION', () =>
        stranger.dealStages.move(deal.id, { stageId: 'won', version: 1 }),
      );
      const system = h.crm.as({ tenantId: tenantA, actor: { id: 'rules', kind: 'system' } });
      expect((await system.dealStages.move(deal.id, { stageId: 'won', version: 1 })).deal.status).toBe('won');
      const other = await makeDeal(h.a, { pipelineId: pipeline.id, stageId: 'lead' });
      expect((await asBoss(h).dealStages.move(other.id, { stageId: 'won', version: 1 })).deal.status).toBe(
        'won',
      );
    });

    it('enforces the rules on create, createMany, update and upsert, changing nothing when refused', async ({
      h,
    }) => {
      const { pipeline, deal } = await setUp(h);
      const into = (stageId: string, extra: Record<string, unknown> = {}) => ({
        name: 'Skipper',
        pipelineId: pipeline.id,
        stageId,
        ...extra,
      });
      const created = await failsCleanly(h, 'INVALID_TRANSITION', () => h.a.deals.create(into('qualified')));
      expectIssueAt(created, ['stageId']);
      const many = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.deals.createMany([
          into('lead'),
          into('won', { status: 'won', probability: 1, closedAt: h.clock.iso() }),
        ]),
      );
      expectIssueAt(many, [1, 'stageId']);
      const updated = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.deals.update(deal.id, { stageId: 'proposal' }, { version: 1 }),
      );
      expectIssueAt(updated, ['stageId']);
      const upserted = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.deals.upsert('externalId', { ...into('qualified'), externalId: 'crm-1' }),
      );
      expectIssueAt(upserted, ['stageId']);
      await h.a.deals.update(deal.id, { externalId: 'crm-2' }, { version: 1 });
      await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.deals.upsert('externalId', {
          name: deal.name,
          externalId: 'crm-2',
          pipelineId: pipeline.id,
          stageId: 'proposal',
        }),
      );
    });

    it("refuses a write whose status, probability, closedAt or lost reason contradict the deal's stage", async ({
      h,
    }) => {
      const { pipeline, deal } = await setUp(h, { moves: 'any' });
      const won = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.deals.update(deal.id, { status: 'won' }, { version: 1 }),
      );
      expectIssueAt(won, ['status']);
      const inWon = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        asBoss(h).deals.update(deal.id, { stageId: 'won' }, { version: 1 }),
      );
      expect(inWon.issues.map((issue) => issue.path[0])).toEqual(['status', 'probability', 'closedAt']);
      const consistent = await asBoss(h).deals.update(
        deal.id,
        { stageId: 'won', status: 'won', probability: 1, closedAt: '2025-01-14T00:00:00.000Z' },
        { version: 1 },
      );
      expect(consistent.status).toBe('won');
      const loose = await h.a.deals.create({ name: 'Loose', status: 'won', closedAt: h.clock.iso() });
      expect(loose.status).toBe('won');
      const probability = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.deals.update(deal.id, { probability: 0.9 }, { version: 2 }),
      );
      expectIssueAt(probability, ['probability']);
      expect(pipeline.moves).toBe('any');
    });

    it('bypasses the rules only explicitly, with a reason kept in the audit entry and the history', async ({
      h,
    }) => {
      const { pipeline, deal } = await setUp(h);
      await rapportError(async () => h.a.dealStages.bypassRules({ reason: ' ' }), 'VALIDATION_FAILED');
      const imports = h.a.dealStages.bypassRules({ reason: 'import of 2019 deals' });
      const old = await imports.create({
        name: 'Old win',
        pipelineId: pipeline.id,
        stageId: 'won',
        status: 'won',
        probability: 1,
        closedAt: '2019-05-01T00:00:00.000Z',
      });
      const moved = await imports.update(
        deal.id,
        { stageId: 'proposal', probability: 0.6 },
        { version: 1, reason: 'fix' },
      );
      expect(moved.stageId).toBe('proposal');
      const audit = await h.a.audit.list({ entity: 'deal' });
      expect(audit.find((entry) => entry.recordId === old.id)?.reason).toBe(
        'Stage rules bypassed: import of 2019 deals',
      );
      expect(audit.at(-1)?.reason).toBe('fix; Stage rules bypassed: import of 2019 deals');
      expect(
        (await h.a.dealStages.history(deal.id)).map((visit) => [visit.stageId, visit.bypassReason]),
      ).toEqual([
        ['lead', null],
        ['proposal', 'import of 2019 deals'],
      ]);
      // The session itself still enforces the rules after a bypass was made from it.
      await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.deals.update(deal.id, { stageId: 'lead' }, { version: 2 }),
      );
    });

    it('keeps the stage history with entered and left times, and the time in each stage', async ({ h }) => {
      const { deal } = await setUp(h, { moves: 'any' });
      const start = h.clock.iso();
      h.clock.advance(2 * day);
      const second = h.clock.iso();
      await h.a.dealStages.move(deal.id, { stageId: 'qualified', version: 1 });
      h.clock.advance(day / 2);
      const third = h.clock.iso();
      await h.a.dealStages.move(deal.id, { stageId: 'lead', version: 2 });
      h.clock.advance(day);
      expect(await h.a.dealStages.history(deal.id)).toEqual([
        expect.objectContaining({
          stageId: 'lead',
          enteredAt: start,
          leftAt: second,
          enteredBy: 'user-a',
          leftBy: 'user-a',
        }),
        expect.objectContaining({ stageId: 'qualified', enteredAt: second, leftAt: third }),
        expect.objectContaining({ stageId: 'lead', enteredAt: third, leftAt: null, bypassReason: null }),
      ]);
      expect(await h.a.dealStages.timeInStages(deal.id)).toEqual([
        {
          pipelineId: deal.pipelineId,
          stageId: 'lead',
          visits: 2,
          milliseconds: 3 * day,
          days: 3,
          isCurrent: true,
        },
        {
          pipelineId: deal.pipelineId,
          stageId: 'qualified',
          visits: 1,
          milliseconds: day / 2,
          days: 0.5,
          isCurrent: false,
        },
      ]);
      expect(await h.tenantRows('deal_stage_history', tenantA)).toHaveLength(3);
      await rapportError(h.b.dealStages.history(deal.id), 'NOT_FOUND');
      await h.a.deals.delete(deal.id);
      expect(await h.tenantRows('deal_stage_history', tenantA)).toEqual([]);
    });

    it('flags deals idle in a stage beyond its limit, by the clock', async ({ h }) => {
      const { deal } = await setUp(h);
      const archived = await makeDeal(h.a, { pipelineId: deal.pipelineId, stageId: 'lead' });
      await h.a.deals.archive(archived.id);
      const entered = h.clock.iso();
      h.clock.advance(3 * day);
      expect(await h.a.dealStages.idle()).toEqual([]);
      h.clock.advance(day);
      const idle = await h.a.dealStages.idle();
      expect(idle).toEqual([
        {
          deal: expect.objectContaining({ id: deal.id }),
          pipelineId: deal.pipelineId,
          stageId: 'lead',
          enteredAt: entered,
          daysInStage: 4,
          idleDays: 3,
          idleSince: new Date(Date.parse(entered) + 3 * day).toISOString(),
        },
      ]);
      expect(await h.a.dealStages.idle({ now: entered })).toEqual([]);
      expect(await h.b.dealStages.idle()).toEqual([]);
      await h.a.dealStages.move(deal.id, { stageId: 'qualified', version: 1 });
      expect(await h.a.dealStages.idle()).toEqual([]);
    });

    it('moves between pipelines only out of a pipeline whose moves are any', async ({ h }) => {
      const { pipeline, deal } = await setUp(h);
      const renewals = await h.a.pipelines.create({
        name: 'Renewals',
        stages: [{ id: 'due', name: 'Due', probability: 0.5 }],
      });
      const error = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { pipelineId: renewals.id, stageId: 'due', version: 1 }),
      );
      expectIssueAt(error, ['pipelineId']);
      await h.a.pipelines.update(pipeline.id, { moves: 'any' }, { version: 1 });
      const { deal: moved } = await h.a.dealStages.move(deal.id, {
        pipelineId: renewals.id,
        stageId: 'due',
        version: 1,
      });
      expect(moved).toMatchObject({ pipelineId: renewals.id, stageId: 'due', probability: 0.5 });
      expect(
        (await h.a.dealStages.history(deal.id)).map((visit) => [visit.pipelineId, visit.leftAt]),
      ).toEqual([
        [pipeline.id, h.clock.iso()],
        [renewals.id, null],
      ]);
    });

    it('refuses bad move input, stale versions and unknown stages', async ({ h }) => {
      const { deal } = await setUp(h);
      await rapportError(h.a.dealStages.move(deal.id, { stageId: 'qualified' } as never), 'MISUSE');
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.dealStages.move(deal.id, { stageId: 'qualified', version: 7 }),
      );
      const unknown = await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.dealStages.move(deal.id, { stageId: 'nowhere', version: 1 }),
      );
      expectIssueAt(unknown, ['stageId']);
      const bad = await rapportError(
        h.a.dealStages.move(deal.id, { stageId: '', version: 1 }),
        'VALIDATION_FAILED',
      );
      expectIssueAt(bad, ['stageId']);
      const loose = await makeDeal(h.a);
      await rapportError(h.a.dealStages.move(loose.id, { stageId: 'lead', version: 1 }), 'VALIDATION_FAILED');
      await rapportError(h.b.dealStages.move(deal.id, { stageId: 'qualified', version: 1 }), 'NOT_FOUND');
    });
  });
}
