import { describe, expect, it } from 'vitest';
import { dueDates, latestSlot, localInstant, yearlyMonthDays, yearlySlot } from './local-slots';

describe('local slots', () => {
  it('reads a local time in the tenant zone', () => {
    expect(localInstant('2025-03-14', '09:00', 'Europe/Paris')).toBe('2025-03-14T08:00:00.000Z');
    expect(localInstant('2025-07-14', '09:00', 'Europe/Paris')).toBe('2025-07-14T07:00:00.000Z');
  });

  it('finds the dates whose local time falls in the window', () => {
    expect(dueDates('2025-01-14T09:30:00.000Z', '2025-01-15T09:30:00.000Z', '09:00', 'UTC')).toEqual([
      '2025-01-15',
    ]);
    expect(dueDates('2025-01-15T09:30:00.000Z', '2025-01-16T08:59:00.000Z', '09:00', 'UTC')).toEqual([]);
    // 09:00 in Tokyo is 00:00 UTC.
    expect(dueDates('2025-01-14T12:00:00.000Z', '2025-01-16T12:00:00.000Z', '09:00', 'Asia/Tokyo')).toEqual([
      '2025-01-15',
      '2025-01-16',
    ]);
  });

  it('looks at a year at most after a long downtime', () => {
    const dates = dueDates('2020-01-01T00:00:00.000Z', '2025-01-15T12:00:00.000Z', '09:00', 'UTC');
    expect(dates.length).toBeLessThanOrEqual(366);
    expect(new Set(yearlyMonthDays(dates)).size).toBe(366);
  });

  it('fires Feb 29 dates on Feb 28 in a year with no Feb 29, and on Feb 29 in a leap year', () => {
    expect(yearlyMonthDays(['2025-02-28'])).toEqual(['02-28', '02-29']);
    expect(yearlyMonthDays(['2024-02-28'])).toEqual(['02-28']);
    expect(yearlySlot('1992-02-29', ['2025-02-27', '2025-02-28'])).toBe('2025-02-28');
    expect(yearlySlot('1992-02-29', ['2024-02-28'])).toBeUndefined();
    expect(yearlySlot('1990-06-01', ['2024-06-01', '2025-06-01'])).toBe('2025-06-01');
  });

  it('runs a schedule once for the latest slot, however many passed', () => {
    const daily = { every: 1, unit: 'days', startAt: '2025-01-01T09:00' } as const;
    expect(latestSlot(daily, '2025-01-10T00:00:00.000Z', '2025-01-15T12:00:00.000Z', 'UTC')).toBe(
      '2025-01-15T09:00:00.000Z',
    );
    expect(latestSlot(daily, '2025-01-15T09:00:00.000Z', '2025-01-15T12:00:00.000Z', 'UTC')).toBeUndefined();
    expect(latestSlot(daily, '2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', 'UTC')).toBeUndefined();
  });

  it('keeps a daily schedule at its local time across a clock change', () => {
    const daily = { every: 1, unit: 'days', startAt: '2025-03-01T09:00' } as const;
    expect(latestSlot(daily, '2025-03-29T12:00:00.000Z', '2025-03-31T12:00:00.000Z', 'Europe/Paris')).toBe(
      '2025-03-31T07:00:00.000Z',
    );
    const hourly = { every: 2, unit: 'hours', startAt: '2025-01-01T00:00:00.000Z' } as const;
    expect(latestSlot(hourly, '2025-01-01T00:00:00.000Z', '2025-01-01T05:00:00.000Z', 'UTC')).toBe(
      '2025-01-01T04:00:00.000Z',
    );
  });
});
