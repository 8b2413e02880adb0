import type { CalendarDate } from './local-calendar';
import { addToDate, isLeapYear } from './local-calendar';

/**
 * The `MM-DD` days on which an anniversary falls within `days` days starting today (today included), in
 * window order and without repeats. A 29 February date has its anniversary on 28 February in years without
 * 29 February, so a window that holds 28 February of such a year also holds `02-29`.
 *
 * @example
 * ```ts
 * anniversaryMonthDays('2025-12-30', 4); // ['12-30', '12-31', '01-01', '01-02']
 * anniversaryMonthDays('2025-02-27', 2); // ['02-27', '02-28', '02-29']
 * ```
 */
export function anniversaryMonthDays(today: CalendarDate, days: number): string[] {
  const found = new Set<string>();
  for (let offset = 0; offset < days; offset++) {
    const date = addToDate(today, offset, 'day');
    const monthDay = date.slice(5);
    found.add(monthDay);
    if (monthDay === '02-28' && !isLeapYear(Number(date.slice(0, 4)))) found.add('02-29');
  }
  return [...found];
}
