import { describe, expect, it } from 'vitest';
import { advanceCursor } from './outbox-window';

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds)).toISOString();
const now = Date.UTC(2025, 0, 1, 0, 2, 0);

describe('advanceCursor', () => {
  it('handles new events at once and moves the position only over settled ones', () => {
    const read = [
      { id: 'a', at: at(0) },
      { id: 'b', at: at(110) },
      { id: 'c', at: at(10) },
    ];
    expect(advanceCursor({ position: null, seen: [] }, read, now, 60_000)).toEqual({
      fresh: ['a', 'b', 'c'],
      position: 'a',
      seen: ['b', 'c'],
    });
  });

  it('does not handle twice what it saw inside the window', () => {
    const read = [
      { id: 'b', at: at(110) },
      { id: 'c', at: at(10) },
      { id: 'd', at: at(115) },
    ];
    expect(advanceCursor({ position: 'a', seen: ['b', 'c'] }, read, now, 60_000)).toEqual({
      fresh: ['d'],
      position: 'a',
      seen: ['b', 'c', 'd'],
    });
  });

  it('picks up an event that committed late with an earlier id than one already handled', () => {
    // 'b2' sorts before 'c' but was not visible when 'c' was handled.
    const read = [
      { id: 'b', at: at(110) },
      { id: 'b2', at: at(100) },
      { id: 'c', at: at(115) },
    ];
    const next = advanceCursor({ position: 'a', seen: ['b', 'c'] }, read, now + 120_000, 60_000);
    expect(next).toEqual({ fresh: ['b2'], position: 'c', seen: [] });
  });

  it('keeps the cursor where it was when nothing was read', () => {
    expect(advanceCursor({ position: 'a', seen: ['b'] }, [], now, 60_000)).toEqual({
      fresh: [],
      position: 'a',
      seen: ['b'],
    });
  });
});
