import { describe, expect, it } from 'vitest';
import { anniversaryMonthDays } from './anniversary';

describe('anniversary month-days', () => {
  it('starts today and spans the given number of days', () => {
    expect(anniversaryMonthDays('2025-06-10', 1)).toEqual(['06-10']);
    expect(anniversaryMonthDays('2025-06-10', 3)).toEqual(['06-10', '06-11', '06-12']);
  });

  it('crosses the new year', () => {
    expect(anniversaryMonthDays('2025-12-30', 4)).toEqual(['12-30', '12-31', '01-01', '01-02']);
  });

  it('celebrates 29 February on 28 February in a year without it', () => {
    expect(anniversaryMonthDays('2025-02-27', 2)).toEqual(['02-27', '02-28', '02-29']);
    expect(anniversaryMonthDays('2025-02-28', 1)).toEqual(['02-28', '02-29']);
    expect(anniversaryMonthDays('2025-03-01', 1)).toEqual(['03-01']);
  });

  it('celebrates 29 February on the day in a leap year, and not on 28 February', () => {
    expect(anniversaryMonthDays('2028-02-28', 1)).toEqual(['02-28']);
    expect(anniversaryMonthDays('2028-02-28', 2)).toEqual(['02-28', '02-29']);
    expect(anniversaryMonthDays('2028-02-29', 2)).toEqual(['02-29', '03-01']);
  });

  it('holds every day of the year, once each, for a window of 366 days', () => {
    for (const today of ['2025-03-01', '2024-01-01', '2027-03-01']) {
      const days = anniversaryMonthDays(today, 366);
      expect(days, today).toHaveLength(366);
      expect(new Set(days).size, today).toBe(366);
    }
  });
});
