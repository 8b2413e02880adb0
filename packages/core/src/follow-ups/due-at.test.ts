import { describe, expect, it } from 'vitest';
import { followUpDueAt } from './due-at';

describe('followUpDueAt', () => {
  it('is the trigger itself at an offset of 0 days', () => {
    expect(followUpDueAt('2025-01-15T09:30:00.000Z', 0, 'UTC')).toBe('2025-01-15T09:30:00.000Z');
  });

  it('counts whole days in UTC', () => {
    expect(followUpDueAt('2025-01-15T09:30:00.000Z', 7, 'UTC')).toBe('2025-01-22T09:30:00.000Z');
    expect(followUpDueAt('2025-01-31T23:59:59.999Z', 30, 'UTC')).toBe('2025-03-02T23:59:59.999Z');
  });

  it('keeps the local time of day across a daylight-saving change', () => {
    // 10:00 in Paris on 28 March (UTC+1) and on 4 April (UTC+2).
    expect(followUpDueAt('2025-03-28T09:00:00.000Z', 7, 'Europe/Paris')).toBe('2025-04-04T08:00:00.000Z');
  });

  it("counts days of the tenant's calendar, not of UTC", () => {
    // 23:30 UTC on 15 January is already 16 January in Tokyo: the task is due on 23 January there.
    expect(followUpDueAt('2025-01-15T23:30:00.000Z', 7, 'Asia/Tokyo')).toBe('2025-01-22T23:30:00.000Z');
    // In Los Angeles it is still 15 January, 15:30.
    expect(followUpDueAt('2025-01-15T23:30:00.000Z', 1, 'America/Los_Angeles')).toBe(
      '2025-01-16T23:30:00.000Z',
    );
  });
});
