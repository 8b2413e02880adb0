import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { CalendarDate } from '../../filter/local-calendar';
import { addToDate, isLeapYear, todayIn } from '../../filter/local-calendar';

dayjs.extend(utc);
dayjs.extend(timezone);

const day = 86_400_000;

/**
 * The instant a local date and time (`HH:mm`) is in a time zone. A time the clocks skip (spring forward)
 * is read as the same wall time after the change, as dayjs does.
 *
 * @example
 * ```ts
 * localInstant('2025-03-14', '09:00', 'Europe/Paris'); // '2025-03-14T08:00:00.000Z'
 * ```
 */
export function localInstant(date: CalendarDate, time: string, timeZone: string): string {
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', timeZone).toISOString();
}

/** At most this many local dates are looked at in one window: a year covers every month and day. */
export const maxWindowDates = 366;

/**
 * The local dates whose `time` falls in the window `(from, to]`, oldest first: the dates a date trigger
 * is due on. After a long downtime only the last {@link maxWindowDates} are returned, so a catch-up
 * looks at each month and day once, not once a year.
 *
 * @example
 * ```ts
 * dueDates('2025-01-14T09:30:00.000Z', '2025-01-15T09:30:00.000Z', '09:00', 'UTC'); // ['2025-01-15']
 * ```
 */
export function dueDates(from: string, to: string, time: string, timeZone: string): CalendarDate[] {
  const start = Math.max(Date.parse(from), Date.parse(to) - maxWindowDates * day);
  let date = addToDate(todayIn(new Date(start), timeZone), -1, 'day');
  const last = addToDate(todayIn(new Date(to), timeZone), 1, 'day');
  const dates: CalendarDate[] = [];
  for (; date <= last; date = addToDate(date, 1, 'day')) {
    const at = Date.parse(localInstant(date, time, timeZone));
    if (at > start && at <= Date.parse(to)) dates.push(date);
  }
  // A clock change can let one more date in at the far end: the most recent ones are the ones that count.
  return dates.slice(-maxWindowDates);
}

/**
 * The months and days (`MM-DD`) a yearly date fires on, on these local dates: Feb 29 dates fire on Feb 28
 * in a year with no Feb 29.
 *
 * @example
 * ```ts
 * yearlyMonthDays(['2025-02-28']); // ['02-28', '02-29']
 * ```
 */
export function yearlyMonthDays(dates: readonly CalendarDate[]): string[] {
  const found = new Set<string>();
  for (const date of dates) {
    const monthDay = date.slice(5);
    found.add(monthDay);
    if (monthDay === '02-28' && !isLeapYear(Number(date.slice(0, 4)))) found.add('02-29');
  }
  return [...found];
}

/**
 * The latest of `dates` a yearly date (such as a birthday) fires on, or undefined: the slot its
 * idempotency key names.
 *
 * @example
 * ```ts
 * yearlySlot('1992-02-29', ['2025-02-27', '2025-02-28']); // '2025-02-28'
 * ```
 */
export function yearlySlot(value: CalendarDate, dates: readonly CalendarDate[]): CalendarDate | undefined {
  for (let index = dates.length - 1; index >= 0; index--) {
    const date = dates[index] as CalendarDate;
    if (yearlyMonthDays([date]).includes(value.slice(5))) return date;
  }
  return undefined;
}

/** A recurring schedule as the `schedule` trigger gives it. */
export interface Schedule {
  readonly every: number;
  readonly unit: 'minutes' | 'hours' | 'days' | 'weeks';
  /** An instant (with `Z` or an offset), or a local date and time (`2025-01-01T09:00`) in the zone. */
  readonly startAt: string;
}

const zoned = /(Z|[+-]\d\d:\d\d)$/;

function startOf(schedule: Schedule, timeZone: string): dayjs.Dayjs {
  return zoned.test(schedule.startAt) ? dayjs(schedule.startAt) : dayjs.tz(schedule.startAt, timeZone);
}

function slotAt(schedule: Schedule, timeZone: string, index: number): number {
  const start = startOf(schedule, timeZone);
  if (schedule.unit === 'minutes' || schedule.unit === 'hours')
    return start.valueOf() + index * schedule.every * (schedule.unit === 'minutes' ? 60_000 : 3_600_000);
  // Days and weeks step in the local calendar, so a daily 09:00 stays at 09:00 across clock changes.
  const days = index * schedule.every * (schedule.unit === 'weeks' ? 7 : 1);
  const local = start.tz(timeZone);
  return localDateTime(local.add(days, 'day').format('YYYY-MM-DD'), local.format('HH:mm'), timeZone);
}

function localDateTime(date: string, time: string, timeZone: string): number {
  return Date.parse(localInstant(date, time, timeZone));
}

function approximateStep(schedule: Schedule): number {
  const unit = { minutes: 60_000, hours: 3_600_000, days: day, weeks: 7 * day }[schedule.unit];
  return schedule.every * unit;
}

/**
 * The latest slot of a schedule in `(from, to]`, or undefined when none falls in it. One slot however
 * many passed: after a downtime a schedule runs once, not once per missed slot.
 *
 * @example
 * ```ts
 * latestSlot({ every: 1, unit: 'days', startAt: '2025-01-01T09:00' }, '2025-01-10T00:00:00.000Z', '2025-01-15T12:00:00.000Z', 'UTC');
 * // '2025-01-15T09:00:00.000Z'
 * ```
 */
export function latestSlot(
  schedule: Schedule,
  from: string,
  to: string,
  timeZone: string,
): string | undefined {
  const [after, until] = [Date.parse(from), Date.parse(to)];
  if (startOf(schedule, timeZone).valueOf() > until) return undefined;
  // The estimate is off by at most a clock change: step to the last slot at or before `to`.
  let index = Math.max(
    0,
    Math.floor((until - startOf(schedule, timeZone).valueOf()) / approximateStep(schedule)),
  );
  while (index > 0 && slotAt(schedule, timeZone, index) > until) index--;
  while (slotAt(schedule, timeZone, index + 1) <= until) index++;
  const slot = slotAt(schedule, timeZone, index);
  return slot > after && slot <= until ? new Date(slot).toISOString() : undefined;
}
