import { describe, expect, it } from 'vitest';
import type { Turn } from './strategies';
import { pickRoundRobin, pickWeighted } from './strategies';

const turns = (entries: Record<string, number | null>): Map<string, Turn> =>
  new Map(Object.entries(entries).map(([id, lastSequence]) => [id, { lastSequence, credit: 0 }]));

/** Runs round robin `count` times over fixed candidates, storing each pick's turn as the strategy's caller does. */
function rotate(candidates: readonly string[], count: number, state = new Map<string, Turn>()): string[] {
  const picked: string[] = [];
  for (let sequence = 1; sequence <= count; sequence++) {
    const pick = pickRoundRobin(candidates, state);
    if (pick === undefined) throw new Error('no pick');
    picked.push(pick.memberId);
    state.set(pick.memberId, { lastSequence: sequence, credit: 0 });
  }
  return picked;
}

/** Runs the weighted strategy `count` times, storing the credits each pick returns. */
function weighted(weights: Record<string, number>, count: number): string[] {
  const credits = new Map<string, number>();
  const candidates = Object.entries(weights).map(([memberId, weight]) => ({ memberId, weight }));
  const picked: string[] = [];
  for (let index = 0; index < count; index++) {
    const pick = pickWeighted(candidates, credits);
    if (pick === undefined) throw new Error('no pick');
    picked.push(pick.memberId);
    for (const [memberId, credit] of pick.credits) credits.set(memberId, credit);
  }
  return picked;
}

describe('round robin', () => {
  it('takes members in pool order, then rotates', () => {
    expect(rotate(['ann', 'bo', 'cy'], 7)).toEqual(['ann', 'bo', 'cy', 'ann', 'bo', 'cy', 'ann']);
  });

  it('gives the turn to the member assigned least recently', () => {
    expect(pickRoundRobin(['ann', 'bo', 'cy'], turns({ ann: 9, bo: 4, cy: 6 }))?.memberId).toBe('bo');
  });

  it('puts members never assigned first, in pool order', () => {
    expect(pickRoundRobin(['ann', 'bo', 'cy'], turns({ ann: 1, cy: null }))).toEqual({
      memberId: 'bo',
      lastSequence: null,
    });
  });

  it('gives a member back from a skip one turn, then puts them last in line', () => {
    // Ann, Bo, Cy took turns 1 to 3; Bo was away for turns 4 and 5.
    const state = turns({ ann: 4, bo: 2, cy: 5 });
    const back: string[] = [];
    for (let sequence = 6; sequence <= 9; sequence++) {
      const pick = pickRoundRobin(['ann', 'bo', 'cy'], state);
      back.push(pick?.memberId as string);
      state.set(pick?.memberId as string, { lastSequence: sequence, credit: 0 });
    }
    expect(back).toEqual(['bo', 'ann', 'cy', 'bo']);
  });

  it('never picks the same member twice in a row while another is eligible', () => {
    const picked = rotate(['ann', 'bo', 'cy', 'di'], 40);
    for (let index = 1; index < picked.length; index++) expect(picked[index]).not.toBe(picked[index - 1]);
  });

  it('picks no one from no candidates', () => {
    expect(pickRoundRobin([], turns({ ann: 1 }))).toBeUndefined();
  });
});

describe('weighted', () => {
  it('shares in proportion to the weights, spread out', () => {
    expect(weighted({ ann: 2, bo: 1 }, 6)).toEqual(['ann', 'bo', 'ann', 'ann', 'bo', 'ann']);
  });

  it('gives each member its exact share over a whole cycle', () => {
    const picked = weighted({ ann: 5, bo: 3, cy: 2 }, 100);
    const counts = Object.fromEntries(
      ['ann', 'bo', 'cy'].map((id) => [id, picked.filter((p) => p === id).length]),
    );
    expect(counts).toEqual({ ann: 50, bo: 30, cy: 20 });
  });

  it('rotates equal weights like round robin', () => {
    expect(weighted({ ann: 4, bo: 4, cy: 4 }, 6)).toEqual(['ann', 'bo', 'cy', 'ann', 'bo', 'cy']);
  });

  it('gives nothing to a member of weight 0 while another weighs more', () => {
    expect(weighted({ ann: 0, bo: 3 }, 4)).toEqual(['bo', 'bo', 'bo', 'bo']);
  });

  it('shares equally when every member weighs 0', () => {
    const pick = pickWeighted(
      [
        { memberId: 'ann', weight: 0 },
        { memberId: 'bo', weight: 0 },
      ],
      new Map([['bo', 1]]),
    );
    expect(pick?.memberId).toBe('bo');
    expect(pick?.weights).toEqual(
      new Map([
        ['ann', 1],
        ['bo', 1],
      ]),
    );
  });

  it('returns the credits a caller stores: the pick gives back the total weight', () => {
    const pick = pickWeighted(
      [
        { memberId: 'ann', weight: 2 },
        { memberId: 'bo', weight: 1 },
      ],
      new Map([['bo', 2]]),
    );
    expect(pick?.memberId).toBe('bo');
    expect(pick?.credits).toEqual(
      new Map([
        ['ann', 2],
        ['bo', 0],
      ]),
    );
  });

  it('keeps credits bounded over long runs with large weights', () => {
    const credits = new Map<string, number>();
    const candidates = [
      { memberId: 'ann', weight: 9_000_000_000 },
      { memberId: 'bo', weight: 1 },
    ];
    for (let index = 0; index < 1_000; index++) {
      const pick = pickWeighted(candidates, credits);
      for (const [memberId, credit] of pick?.credits ?? []) credits.set(memberId, credit);
    }
    for (const credit of credits.values()) expect(Math.abs(credit)).toBeLessThanOrEqual(9_000_000_001);
  });

  it('picks no one from no candidates', () => {
    expect(pickWeighted([], new Map())).toBeUndefined();
  });
});
