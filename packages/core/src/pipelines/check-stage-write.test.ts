import { describe, expect, test } from 'vitest';
import { checkStageWrite } from './check-stage-write';
import { pipelineConfig } from './pipeline-config';
import type { StageActor } from './stage-transition';

const at = '2025-02-01T10:00:00.000Z';
const actor: StageActor = { id: 'u1', kind: 'member', role: 'rep' };
const sales = pipelineConfig({
  id: 'p1',
  name: 'Sales',
  moves: 'forward',
  lostReasons: ['Price'],
  stages: [
    { id: 'lead', name: 'Lead', probability: 0.1 },
    { id: 'won', name: 'Won', probability: 1, kind: 'won' },
    { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
  ],
});
const pipelines = new Map([[sales.id, sales]]);
const open = {
  id: 'd1',
  pipelineId: 'p1',
  stageId: 'lead',
  status: 'open',
  probability: 0.1,
  closedAt: null,
  lostReason: null,
};

const check = (before: Record<string, unknown> | undefined, after: Record<string, unknown>) =>
  checkStageWrite({ before, after, pipelines, actor, at });

function paths(result: ReturnType<typeof checkStageWrite>): string[] {
  if (result.ok) throw new Error('expected the write to be refused');
  expect(result.error.code).toBe('INVALID_TRANSITION');
  return result.error.issues.map((issue) => issue.path.join('.'));
}

describe('checkStageWrite', () => {
  test('takes a write that states the state its stage gives, and returns the effects', () => {
    const after = {
      ...open,
      stageId: 'won',
      status: 'won',
      probability: 1,
      closedAt: '2025-01-31T00:00:00.000Z',
    };
    expect(check(open, after)).toMatchObject({
      ok: true,
      effects: [{ type: 'stageLeft' }, { type: 'stageEntered', stageId: 'won' }, { type: 'dealWon' }],
    });
  });

  test('names each field that does not match the stage', () => {
    expect(paths(check(open, { ...open, stageId: 'won' }))).toEqual(['status', 'probability', 'closedAt']);
    expect(paths(check(open, { ...open, status: 'won' }))).toEqual(['status']);
    expect(paths(check(open, { ...open, closedAt: at }))).toEqual(['closedAt']);
    expect(paths(check(open, { ...open, lostReason: 'Price' }))).toEqual(['lostReason']);
  });

  test("lets an open deal's probability differ from its stage's", () => {
    expect(check(open, { ...open, probability: 0.35 })).toMatchObject({ ok: true, effects: [] });
  });

  test('checks the rules of the move before the state: going back under forward', () => {
    const won = { ...open, stageId: 'won', status: 'won', probability: 1, closedAt: at };
    expect(paths(check(won, open))).toEqual(['stageId']);
  });

  test('a lost reason outside the list is refused', () => {
    const lost = { ...open, stageId: 'lost', status: 'lost', probability: 0, closedAt: at };
    expect(paths(check(open, { ...lost, lostReason: 'Mood' }))).toEqual(['lostReason']);
    expect(check(open, { ...lost, lostReason: 'Price' }).ok).toBe(true);
  });

  test('a deal outside every pipeline is free; leaving the stages needs a pipeline whose moves are any', () => {
    const loose = { ...open, pipelineId: null, stageId: null };
    expect(check(undefined, { ...loose, status: 'won', closedAt: at })).toEqual({
      ok: true,
      next: expect.anything(),
      effects: [],
    });
    expect(paths(check(open, loose))).toEqual(['stageId']);
    const any = new Map([[sales.id, { ...sales, moves: 'any' as const }]]);
    expect(checkStageWrite({ before: open, after: loose, pipelines: any, actor, at })).toMatchObject({
      ok: true,
      effects: [{ type: 'stageLeft', stageId: 'lead' }],
    });
  });

  test('a pipeline it cannot find is refused at pipelineId', () => {
    expect(paths(check(undefined, { ...open, pipelineId: 'p9' }))).toEqual(['pipelineId']);
  });
});
