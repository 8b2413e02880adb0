import { addToDate, startOfDayIn, todayIn } from '../filter/local-calendar';

/**
 * When a step's task is due: on the tenant's calendar day `offsetDays` after the day of the trigger, at
 * the same time after local midnight. Counting calendar days (not 24-hour spans) keeps "after 7 days" on
 * the seventh day across a daylight-saving change; an offset of 0 is the trigger's instant itself.
 *
 * @example
 * ```ts
 * followUpDueAt('2025-03-28T09:00:00.000Z', 7, 'Europe/Paris'); // '2025-04-04T08:00:00.000Z' (10:00 in Paris both days)
 * ```
 */
export function followUpDueAt(at: string, offsetDays: number, timeZone: string): string {
  const day = todayIn(new Date(at), timeZone);
  const sinceMidnight = Date.parse(at) - Date.parse(startOfDayIn(day, timeZone));
  const dueDay = addToDate(day, offsetDays, 'day');
  return new Date(Date.parse(startOfDayIn(dueDay, timeZone)) + sinceMidnight).toISOString();
}
