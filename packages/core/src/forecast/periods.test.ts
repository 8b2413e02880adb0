import { describe, expect, it } from 'vitest';
import { addToDate } from '../filter/local-calendar';
import { forecastPeriodOf } from './periods';

describe('forecastPeriodOf', () => {
  it('takes calendar months whatever the fiscal year', () => {
    expect(forecastPeriodOf('2025-12-31', 'month', 1)).toEqual({
      key: '2025-12',
      start: '2025-12-01',
      end: '2026-01-01',
    });
    expect(forecastPeriodOf('2024-02-29', 'month', 7)).toEqual({
      key: '2024-02',
      start: '2024-02-01',
      end: '2024-03-01',
    });
  });

  it('takes calendar quarters when the fiscal year starts in January', () => {
    expect(forecastPeriodOf('2025-01-01', 'quarter', 1)).toEqual({
      key: '2025-Q1',
      start: '2025-01-01',
      end: '2025-04-01',
    });
    expect(forecastPeriodOf('2025-12-31', 'quarter', 1)).toEqual({
      key: '2025-Q4',
      start: '2025-10-01',
      end: '2026-01-01',
    });
  });

  it('names a fiscal year by the year it ends in', () => {
    expect(forecastPeriodOf('2025-04-01', 'quarter', 4)).toEqual({
      key: '2026-Q1',
      start: '2025-04-01',
      end: '2025-07-01',
    });
    expect(forecastPeriodOf('2025-03-31', 'quarter', 4)).toEqual({
      key: '2025-Q4',
      start: '2025-01-01',
      end: '2025-04-01',
    });
    expect(forecastPeriodOf('2025-11-15', 'quarter', 10)).toEqual({
      key: '2026-Q1',
      start: '2025-10-01',
      end: '2026-01-01',
    });
  });

  it('puts every day of a quarter in the same period, and the next day in the next', () => {
    for (const start of [1, 2, 3, 6, 11, 12]) {
      const first = forecastPeriodOf('2025-06-15', 'quarter', start);
      expect(forecastPeriodOf(first.start, 'quarter', start)).toEqual(first);
      expect(forecastPeriodOf(addToDate(first.end, -1, 'day'), 'quarter', start)).toEqual(first);
      expect(forecastPeriodOf(first.end, 'quarter', start).start).toBe(first.end);
    }
  });
});
