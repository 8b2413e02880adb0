import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PipelineConfig, StageConfig } from './pipeline-config';
import { pipelineConfig } from './pipeline-config';
import type { StageActor, TransitionArgs } from './stage-transition';
import { transitionDeal } from './stage-transition';

const at = '2025-02-01T10:00:00.000Z';
const rep: StageActor = { id: 'u1', kind: 'member', role: 'rep' };
const system: StageActor = { id: 'importer', kind: 'system', role: null };

const sales: PipelineConfig = pipelineConfig({
  id: 'p1',
  name: 'Sales',
  moves: 'next',
  lostReasons: ['Price', 'Timing'],
  stages: [
    { id: 'lead', name: 'Lead', probability: 0.1 },
    { id: 'proposal', name: 'Proposal', probability: 0.5, requiredFields: ['amount', 'custom.budget'] },
    { id: 'won', name: 'Won', probability: 1, kind: 'won', allowedRoles: ['manager'] },
    { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
  ],
});

const inLead = {
  id: 'd1',
  pipelineId: 'p1',
  stageId: 'lead',
  status: 'open',
  probability: 0.1,
  closedAt: null,
  lostReason: null,
  amount: 5000,
  custom: { budget: 'approved' },
};

function move(overrides: Partial<TransitionArgs> & Pick<TransitionArgs, 'move'>) {
  return transitionDeal({ deal: inLead, to: sales, actor: rep, at, ...overrides });
}

function issues(result: ReturnType<typeof transitionDeal>) {
  if (result.ok) throw new Error('expected the move to be refused');
  expect(result.error.code).toBe('INVALID_TRANSITION');
  return result.error.issues.map((issue) => ({ code: issue.code, path: issue.path }));
}

describe('transitionDeal', () => {
  test('an open stage keeps the deal open at the stage probability, and says which stages it left and entered', () => {
    const result = move({ move: { stageId: 'proposal' } });
    expect(result).toEqual({
      ok: true,
      next: {
        pipelineId: 'p1',
        stageId: 'proposal',
        status: 'open',
        probability: 0.5,
        closedAt: null,
        lostReason: null,
      },
      effects: [
        { type: 'stageLeft', pipelineId: 'p1', stageId: 'lead', at },
        { type: 'stageEntered', pipelineId: 'p1', stageId: 'proposal', at },
      ],
    });
  });

  test('a won stage closes the deal won at probability 1 with closedAt', () => {
    const deal = { ...inLead, stageId: 'proposal', probability: 0.5 };
    const result = move({ deal, move: { stageId: 'won' }, actor: { ...rep, role: 'manager' } });
    expect(result.ok && result.next).toEqual({
      pipelineId: 'p1',
      stageId: 'won',
      status: 'won',
      probability: 1,
      closedAt: at,
      lostReason: null,
    });
    expect(result.ok && result.effects.map((effect) => effect.type)).toEqual([
      'stageLeft',
      'stageEntered',
      'dealWon',
    ]);
  });

  test('a lost stage needs a reason from the list, and closes the deal lost at probability 0', () => {
    expect(issues(move({ move: { stageId: 'lost' } }))).toEqual([
      { code: 'lost_reason_required', path: ['lostReason'] },
    ]);
    expect(issues(move({ move: { stageId: 'lost', lostReason: 'Weather' } }))).toEqual([
      { code: 'unknown_lost_reason', path: ['lostReason'] },
    ]);
    const result = move({ move: { stageId: 'lost', lostReason: 'Price' } });
    expect(result.ok && result.next).toMatchObject({
      status: 'lost',
      probability: 0,
      closedAt: at,
      lostReason: 'Price',
    });
    expect(result.ok && result.effects.at(-1)).toEqual({ type: 'dealLost', reason: 'Price', at });
  });

  test('a pipeline without a list of lost reasons takes any reason', () => {
    const open = { ...sales, lostReasons: [] };
    expect(move({ to: open, move: { stageId: 'lost', lostReason: 'Anything' } }).ok).toBe(true);
  });

  test('refuses a stage the pipeline does not have, at stageId', () => {
    expect(issues(move({ move: { stageId: 'nowhere' } }))).toEqual([
      { code: 'unknown_stage', path: ['stageId'] },
    ]);
  });

  test('refuses the moves the pipeline does not allow: skipping and going back under next', () => {
    expect(issues(move({ move: { stageId: 'won' }, actor: system }))).toEqual([
      { code: 'move_not_allowed', path: ['stageId'] },
    ]);
    const deal = { ...inLead, stageId: 'proposal' };
    expect(issues(move({ deal, move: { stageId: 'lead' } }))).toEqual([
      { code: 'move_not_allowed', path: ['stageId'] },
    ]);
    expect(move({ deal, to: { ...sales, moves: 'any' }, move: { stageId: 'lead' } }).ok).toBe(true);
  });

  test('names every required field that is not set, custom fields by their key', () => {
    const deal = { ...inLead, amount: 5000, custom: { budget: '  ' } };
    expect(issues(move({ deal, move: { stageId: 'proposal' } }))).toEqual([
      { code: 'required_for_stage', path: ['custom', 'budget'] },
    ]);
    const fields = { ...inLead, amount: null, custom: {} };
    expect(issues(move({ fields, move: { stageId: 'proposal' } }))).toEqual([
      { code: 'required_for_stage', path: ['amount'] },
      { code: 'required_for_stage', path: ['custom', 'budget'] },
    ]);
  });

  test('only the allowed roles move deals into a restricted stage; system actors always may', () => {
    const deal = { ...inLead, stageId: 'proposal' };
    expect(issues(move({ deal, move: { stageId: 'won' } }))).toEqual([
      { code: 'role_not_allowed', path: ['stageId'] },
    ]);
    expect(issues(move({ deal, move: { stageId: 'won' }, actor: { ...rep, role: null } }))).toEqual([
      { code: 'role_not_allowed', path: ['stageId'] },
    ]);
    expect(move({ deal, move: { stageId: 'won' }, actor: { ...rep, role: 'manager' } }).ok).toBe(true);
    expect(move({ deal, move: { stageId: 'won' }, actor: system }).ok).toBe(true);
  });

  test('reports every broken rule at once', () => {
    const deal = { ...inLead, stageId: 'lead', amount: null, custom: {} };
    const result = move({ deal, to: { ...sales, moves: 'any' }, move: { stageId: 'proposal' } });
    expect(issues(result).map((issue) => issue.path.join('.'))).toEqual(['amount', 'custom.budget']);
  });

  test('a new deal enters a next-only pipeline at its first stage', () => {
    expect(move({ deal: undefined, fields: {}, move: { stageId: 'lead' } })).toMatchObject({
      ok: true,
      effects: [{ type: 'stageEntered', pipelineId: 'p1', stageId: 'lead', at }],
    });
    expect(issues(move({ deal: undefined, fields: inLead, move: { stageId: 'proposal' } }))).toEqual([
      { code: 'move_not_allowed', path: ['stageId'] },
    ]);
  });

  test('leaves a pipeline only when its moves are any', () => {
    const other = pipelineConfig({
      id: 'p2',
      name: 'Renewals',
      stages: [{ id: 'open', name: 'Open', probability: 0.3 }],
    });
    expect(issues(move({ from: sales, to: other, move: { pipelineId: 'p2', stageId: 'open' } }))).toEqual([
      { code: 'move_not_allowed', path: ['pipelineId'] },
    ]);
    const result = move({
      from: { ...sales, moves: 'any' },
      to: other,
      move: { pipelineId: 'p2', stageId: 'open' },
    });
    expect(result.ok && result.effects).toEqual([
      { type: 'stageLeft', pipelineId: 'p1', stageId: 'lead', at },
      { type: 'stageEntered', pipelineId: 'p2', stageId: 'open', at },
    ]);
  });

  test('reopening a lost deal clears its reason and closedAt, under any', () => {
    const lost = {
      ...inLead,
      stageId: 'lost',
      status: 'lost',
      probability: 0,
      closedAt: at,
      lostReason: 'Price',
    };
    const result = move({ deal: lost, to: { ...sales, moves: 'any' }, move: { stageId: 'lead' } });
    expect(result.ok && result.next).toMatchObject({
      status: 'open',
      closedAt: null,
      lostReason: null,
      probability: 0.1,
    });
    expect(result.ok && result.effects.at(-1)).toEqual({ type: 'dealReopened', at });
  });

  test('a move to the stage the deal is in changes nothing and keeps its closedAt', () => {
    const won = {
      ...inLead,
      stageId: 'won',
      status: 'won',
      probability: 1,
      closedAt: '2025-01-01T00:00:00.000Z',
    };
    expect(move({ deal: won, move: { stageId: 'won' } })).toEqual({
      ok: true,
      next: {
        pipelineId: 'p1',
        stageId: 'won',
        status: 'won',
        probability: 1,
        closedAt: won.closedAt,
        lostReason: null,
      },
      effects: [],
    });
  });

  test('is pure: the same arguments give the same result, and the deal is left untouched', () => {
    const stageIds = sales.stages.map((entry: StageConfig) => entry.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...stageIds),
        fc.constantFrom(...stageIds),
        fc.constantFrom<PipelineConfig['moves']>('any', 'forward', 'next'),
        fc.option(fc.constantFrom('Price', 'Other'), { nil: undefined }),
        (from, to, moves, lostReason) => {
          const deal = Object.freeze({ ...inLead, stageId: from });
          const args = {
            deal,
            to: { ...sales, moves },
            actor: system,
            at,
            move: { stageId: to, lostReason },
          };
          const first = transitionDeal(args);
          expect(transitionDeal(args)).toEqual(first);
          if (first.ok) {
            const kind = sales.stages.find((entry) => entry.id === to)?.kind;
            expect(first.next.status).toBe(kind);
            expect(first.next.closedAt === null).toBe(kind === 'open');
          }
        },
      ),
    );
  });
});
