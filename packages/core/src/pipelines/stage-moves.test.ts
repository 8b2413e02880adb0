import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { StageConfig, StageKind } from './pipeline-config';
import { nextStageIndex, outside, refusedMove } from './stage-moves';

const stage = (id: string, kind: StageKind = 'open'): StageConfig => ({
  id,
  name: id,
  probability: kind === 'won' ? 1 : kind === 'lost' ? 0 : 0.5,
  kind,
  forecastCategory: 'pipeline',
  requiredFields: [],
  idleDays: null,
  allowedRoles: null,
});

// lead(0) qualified(1) proposal(2) won(3) lost(4)
const stages = [
  stage('lead'),
  stage('qualified'),
  stage('proposal'),
  stage('won', 'won'),
  stage('lost', 'lost'),
];

describe('refusedMove', () => {
  test('any allows every move, back and forth, out of closed stages too', () => {
    for (let from = outside; from < stages.length; from++)
      for (let to = 0; to < stages.length; to++) expect(refusedMove('any', stages, from, to)).toBeUndefined();
  });

  test('forward allows skipping ahead and refuses going back', () => {
    expect(refusedMove('forward', stages, 0, 2)).toBeUndefined();
    expect(refusedMove('forward', stages, 0, 3)).toBeUndefined();
    expect(refusedMove('forward', stages, 2, 1)).toMatch(/forward only: qualified comes before proposal/);
  });

  test('next allows only the next stage that is not a lost stage', () => {
    expect(refusedMove('next', stages, 0, 1)).toBeUndefined();
    expect(refusedMove('next', stages, 2, 3)).toBeUndefined();
    expect(refusedMove('next', stages, 0, 2)).toMatch(/next stage only: from lead that is qualified/);
    expect(refusedMove('next', stages, 1, 0)).toMatch(/next stage only/);
  });

  test('a lost stage is reachable from every open stage, under every rule', () => {
    for (const moves of ['forward', 'next'] as const)
      for (const from of [outside, 0, 1, 2]) expect(refusedMove(moves, stages, from, 4)).toBeUndefined();
  });

  test('a closed deal does not move under forward or next', () => {
    expect(refusedMove('forward', stages, 3, 4)).toMatch(/won deal does not move back/);
    expect(refusedMove('next', stages, 4, 0)).toMatch(/lost deal does not move back/);
  });

  test('entering a pipeline: forward anywhere, next only at the first stage', () => {
    expect(refusedMove('forward', stages, outside, 2)).toBeUndefined();
    expect(refusedMove('next', stages, outside, 0)).toBeUndefined();
    expect(refusedMove('next', stages, outside, 1)).toMatch(/first stage only: lead/);
  });

  test('a move to the same stage is no move', () => {
    expect(refusedMove('next', stages, 2, 2)).toBeUndefined();
  });

  test('every move next allows, forward allows too, and forward never goes back to a lower open stage', () => {
    const kinds = fc.constantFrom<StageKind>('open', 'open', 'won', 'lost');
    fc.assert(
      fc.property(fc.array(kinds, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (list, a, b) => {
        const config = list.map((kind, index) => stage(`s${index}`, kind));
        const from = (a % (config.length + 1)) - 1;
        const to = b % config.length;
        if (refusedMove('next', config, from, to) === undefined)
          expect(refusedMove('forward', config, from, to)).toBeUndefined();
        const target = config[to] as StageConfig;
        if (refusedMove('forward', config, from, to) === undefined && from !== to && target.kind !== 'lost')
          expect(to).toBeGreaterThan(from);
      }),
    );
  });
});

describe('nextStageIndex', () => {
  test('skips lost stages and says -1 past the end', () => {
    expect(nextStageIndex(stages, 2)).toBe(3);
    expect(nextStageIndex(stages, 3)).toBe(-1);
    expect(nextStageIndex([stage('a'), stage('x', 'lost'), stage('b')], 0)).toBe(2);
  });
});
