import type { CalendarDate } from '../filter/local-calendar';
import { addToDate } from '../filter/local-calendar';

/** The length of a forecast period. */
export type ForecastPeriodKind = 'month' | 'quarter';

/**
 * One period of a forecast: a calendar month (`2025-03`) or a fiscal quarter (`2025-Q1`), with its first
 * day and the first day after it.
 *
 * @example
 * ```ts
 * const q: ForecastPeriod = { key: '2026-Q1', start: '2025-04-01', end: '2025-07-01' };
 * ```
 */
export interface ForecastPeriod {
  /** `YYYY-MM` for a month; `<fiscal year>-Q<n>` for a quarter, the fiscal year named by the year it ends in. */
  readonly key: string;
  /** The first day of the period. */
  readonly start: CalendarDate;
  /** The first day after the period. */
  readonly end: CalendarDate;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The period a date falls in. Months are calendar months. Quarters are fiscal: the fiscal year starts on
 * the first of `fiscalYearStartMonth` (1-12) and is named by the calendar year it ends in, so with an April
 * start, 15 May 2025 is in `2026-Q1` (April to June 2025); with a January start, fiscal and calendar years
 * are the same.
 *
 * @example
 * ```ts
 * forecastPeriodOf('2025-05-15', 'month', 4); // { key: '2025-05', start: '2025-05-01', end: '2025-06-01' }
 * forecastPeriodOf('2025-05-15', 'quarter', 4); // { key: '2026-Q1', start: '2025-04-01', end: '2025-07-01' }
 * forecastPeriodOf('2025-02-10', 'quarter', 4); // { key: '2025-Q4', start: '2025-01-01', end: '2025-04-01' }
 * ```
 */
export function forecastPeriodOf(
  date: CalendarDate,
  kind: ForecastPeriodKind,
  fiscalYearStartMonth: number,
): ForecastPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === 'month') {
    const start = `${date.slice(0, 7)}-01`;
    return { key: date.slice(0, 7), start, end: addToDate(start, 1, 'month') };
  }
  const monthsIntoYear = (month - fiscalYearStartMonth + 12) % 12;
  const quarter = Math.floor(monthsIntoYear / 3) + 1;
  const fiscalStartYear = month >= fiscalYearStartMonth ? year : year - 1;
  const fiscalYear = fiscalYearStartMonth === 1 ? fiscalStartYear : fiscalStartYear + 1;
  const fiscalStart = `${String(fiscalStartYear).padStart(4, '0')}-${pad(fiscalYearStartMonth)}-01`;
  const start = addToDate(fiscalStart, (quarter - 1) * 3, 'month');
  return { key: `${fiscalYear}-Q${quarter}`, start, end: addToDate(start, 3, 'month') };
}
