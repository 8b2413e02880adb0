import type { PeriodName, TimeUnit } from './filter-types';
import type { CalendarDate } from './local-calendar';
import { addToDate, isoWeekdayIndex } from './local-calendar';

/** A half-open range of calendar dates: `start` is in it, `end` is the first date after it. */
export interface DateRange {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

function shift(date: CalendarDate, amount: number, unit: TimeUnit): CalendarDate {
  switch (unit) {
    case 'days':
      return addToDate(date, amount, 'day');
    case 'weeks':
      return addToDate(date, amount * 7, 'day');
    case 'months':
      return addToDate(date, amount, 'month');
    case 'years':
      return addToDate(date, amount, 'year');
  }
}

/**
 * `inLast N units`: the dates after today minus N units, up to and including today. `inLast 7 days` is
 * the seven days ending today; `inLast 1 months` on 15 March runs from 16 February to 15 March.
 *
 * @example
 * ```ts
 * lastWindow('2025-01-15', 7, 'days'); // { start: '2025-01-09', end: '2025-01-16' }
 * ```
 */
export function lastWindow(today: CalendarDate, amount: number, unit: TimeUnit): DateRange {
  return { start: addToDate(shift(today, -amount, unit), 1, 'day'), end: addToDate(today, 1, 'day') };
}

/**
 * `inNext N units`: today and the dates before today plus N units. `inNext 7 days` is today and the six
 * days after it.
 *
 * @example
 * ```ts
 * nextWindow('2025-01-15', 7, 'days'); // { start: '2025-01-15', end: '2025-01-22' }
 * ```
 */
export function nextWindow(today: CalendarDate, amount: number, unit: TimeUnit): DateRange {
  return { start: today, end: shift(today, amount, unit) };
}

function monthStart(date: CalendarDate, month: number): CalendarDate {
  // `month` may fall outside 1-12: addToDate carries it into the year.
  return addToDate(`${date.slice(0, 4)}-01-01`, month - 1, 'month');
}

/** The range of `count` months starting with the given month of `today`'s year (months may overflow). */
function months(today: CalendarDate, firstMonth: number, count: number): DateRange {
  const start = monthStart(today, firstMonth);
  return { start, end: addToDate(start, count, 'month') };
}

/**
 * The dates of a named period around today. Weeks run Monday to Sunday; quarters start in January, April,
 * July and October; a fiscal year starts on the first of `fiscalYearStartMonth` (1-12) and the fiscal
 * year "this" is the one today falls in.
 *
 * @example
 * ```ts
 * periodRange('2025-02-10', 'thisFiscalYear', 4); // { start: '2024-04-01', end: '2025-04-01' }
 * ```
 */
export function periodRange(
  today: CalendarDate,
  period: PeriodName,
  fiscalYearStartMonth: number,
): DateRange {
  const month = Number(today.slice(5, 7));
  const monday = addToDate(today, -isoWeekdayIndex(today), 'day');
  const quarterMonth = month - ((month - 1) % 3);
  const fiscalMonth = month >= fiscalYearStartMonth ? fiscalYearStartMonth : fiscalYearStartMonth - 12;
  switch (period) {
    case 'today':
      return { start: today, end: addToDate(today, 1, 'day') };
    case 'yesterday':
      return { start: addToDate(today, -1, 'day'), end: today };
    case 'thisWeek':
      return { start: monday, end: addToDate(monday, 7, 'day') };
    case 'lastWeek':
      return { start: addToDate(monday, -7, 'day'), end: monday };
    case 'thisMonth':
      return months(today, month, 1);
    case 'lastMonth':
      return months(today, month - 1, 1);
    case 'thisQuarter':
      return months(today, quarterMonth, 3);
    case 'lastQuarter':
      return months(today, quarterMonth - 3, 3);
    case 'thisYear':
      return months(today, 1, 12);
    case 'lastYear':
      return months(today, -11, 12);
    case 'thisFiscalYear':
      return months(today, fiscalMonth, 12);
    case 'lastFiscalYear':
      return months(today, fiscalMonth - 12, 12);
  }
}
