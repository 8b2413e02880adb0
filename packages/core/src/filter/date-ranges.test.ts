import { describe, expect, it } from 'vitest';
import { lastWindow, nextWindow, periodRange } from './date-ranges';

const range = (start: string, end: string) => ({ start, end });

describe('rolling windows', () => {
  it('covers the N days ending today with inLast, and the N days starting today with inNext', () => {
    expect(lastWindow('2025-01-15', 1, 'days')).toEqual(range('2025-01-15', '2025-01-16'));
    expect(lastWindow('2025-01-15', 7, 'days')).toEqual(range('2025-01-09', '2025-01-16'));
    expect(nextWindow('2025-01-15', 1, 'days')).toEqual(range('2025-01-15', '2025-01-16'));
    expect(nextWindow('2025-01-15', 7, 'days')).toEqual(range('2025-01-15', '2025-01-22'));
  });

  it('crosses year ends and leap days', () => {
    expect(lastWindow('2025-01-02', 5, 'days')).toEqual(range('2024-12-29', '2025-01-03'));
    expect(nextWindow('2024-12-30', 3, 'days')).toEqual(range('2024-12-30', '2025-01-02'));
    expect(lastWindow('2024-03-01', 2, 'days')).toEqual(range('2024-02-29', '2024-03-02'));
    expect(lastWindow('2025-01-15', 365, 'days')).toEqual(range('2024-01-17', '2025-01-16'));
  });

  it('counts weeks as seven days', () => {
    expect(lastWindow('2025-01-15', 2, 'weeks')).toEqual(range('2025-01-02', '2025-01-16'));
    expect(nextWindow('2025-01-15', 2, 'weeks')).toEqual(range('2025-01-15', '2025-01-29'));
  });

  it('counts months from the same day of the month, clamped to shorter months', () => {
    expect(lastWindow('2025-03-15', 1, 'months')).toEqual(range('2025-02-16', '2025-03-16'));
    expect(lastWindow('2025-03-31', 1, 'months')).toEqual(range('2025-03-01', '2025-04-01'));
    expect(lastWindow('2025-01-31', 3, 'months')).toEqual(range('2024-11-01', '2025-02-01'));
    expect(nextWindow('2025-01-31', 1, 'months')).toEqual(range('2025-01-31', '2025-02-28'));
    expect(nextWindow('2024-01-31', 1, 'months')).toEqual(range('2024-01-31', '2024-02-29'));
  });

  it('counts years from the same date, 29 February taking 28 February', () => {
    expect(lastWindow('2025-06-10', 1, 'years')).toEqual(range('2024-06-11', '2025-06-11'));
    expect(lastWindow('2024-02-29', 1, 'years')).toEqual(range('2023-03-01', '2024-03-01'));
    expect(nextWindow('2024-02-29', 1, 'years')).toEqual(range('2024-02-29', '2025-02-28'));
  });
});

describe('named periods', () => {
  it('is a day for today and yesterday', () => {
    expect(periodRange('2025-01-01', 'today', 1)).toEqual(range('2025-01-01', '2025-01-02'));
    expect(periodRange('2025-01-01', 'yesterday', 1)).toEqual(range('2024-12-31', '2025-01-01'));
  });

  it('starts weeks on Monday, across the year end', () => {
    // 2025-01-19 is a Sunday, 2025-01-13 a Monday, 2025-01-01 a Wednesday.
    expect(periodRange('2025-01-19', 'thisWeek', 1)).toEqual(range('2025-01-13', '2025-01-20'));
    expect(periodRange('2025-01-13', 'thisWeek', 1)).toEqual(range('2025-01-13', '2025-01-20'));
    expect(periodRange('2025-01-01', 'thisWeek', 1)).toEqual(range('2024-12-30', '2025-01-06'));
    expect(periodRange('2025-01-01', 'lastWeek', 1)).toEqual(range('2024-12-23', '2024-12-30'));
  });

  it('takes calendar months, the whole month for this month', () => {
    expect(periodRange('2024-02-10', 'thisMonth', 1)).toEqual(range('2024-02-01', '2024-03-01'));
    expect(periodRange('2025-01-31', 'lastMonth', 1)).toEqual(range('2024-12-01', '2025-01-01'));
    expect(periodRange('2025-03-31', 'lastMonth', 1)).toEqual(range('2025-02-01', '2025-03-01'));
  });

  it('takes calendar quarters', () => {
    expect(periodRange('2025-03-31', 'thisQuarter', 1)).toEqual(range('2025-01-01', '2025-04-01'));
    expect(periodRange('2025-04-01', 'thisQuarter', 1)).toEqual(range('2025-04-01', '2025-07-01'));
    expect(periodRange('2025-12-31', 'thisQuarter', 1)).toEqual(range('2025-10-01', '2026-01-01'));
    expect(periodRange('2025-01-15', 'lastQuarter', 1)).toEqual(range('2024-10-01', '2025-01-01'));
    expect(periodRange('2025-08-15', 'lastQuarter', 1)).toEqual(range('2025-04-01', '2025-07-01'));
  });

  it('takes calendar years', () => {
    expect(periodRange('2024-12-31', 'thisYear', 1)).toEqual(range('2024-01-01', '2025-01-01'));
    expect(periodRange('2025-01-01', 'lastYear', 1)).toEqual(range('2024-01-01', '2025-01-01'));
  });

  it('takes fiscal years from the start month, the one today falls in', () => {
    expect(periodRange('2025-06-10', 'thisFiscalYear', 1)).toEqual(range('2025-01-01', '2026-01-01'));
    expect(periodRange('2025-03-31', 'thisFiscalYear', 4)).toEqual(range('2024-04-01', '2025-04-01'));
    expect(periodRange('2025-04-01', 'thisFiscalYear', 4)).toEqual(range('2025-04-01', '2026-04-01'));
    expect(periodRange('2025-04-01', 'lastFiscalYear', 4)).toEqual(range('2024-04-01', '2025-04-01'));
    expect(periodRange('2025-11-30', 'thisFiscalYear', 12)).toEqual(range('2024-12-01', '2025-12-01'));
    expect(periodRange('2025-12-01', 'thisFiscalYear', 12)).toEqual(range('2025-12-01', '2026-12-01'));
    expect(periodRange('2025-01-10', 'lastFiscalYear', 7)).toEqual(range('2023-07-01', '2024-07-01'));
  });
});
