import type { Condition, FieldRef } from '../storage/condition';
import { anniversaryMonthDays } from './anniversary';
import type { DateRange } from './date-ranges';
import { lastWindow, nextWindow, periodRange } from './date-ranges';
import type { FilterContext } from './filter-context';
import { fiscalYearStartOf, timeZoneOf } from './filter-context';
import type { PeriodName, TimeUnit } from './filter-types';
import type { NodePath } from './invalid-node';
import { invalidAt } from './invalid-node';
import { startOfDayIn, todayIn } from './local-calendar';

/** A relative time comparison: a rolling window or a named period. */
export type RelativeTime =
  | { readonly op: 'inLast' | 'inNext'; readonly value: number; readonly unit: TimeUnit }
  | { readonly op: 'inPeriod'; readonly value: PeriodName };

const plainYear = /^[1-9]\d{3}-/;

function rangeOf(time: RelativeTime, context: FilterContext, today: string): DateRange {
  if (time.op === 'inPeriod') {
    const fiscal = time.value === 'thisFiscalYear' || time.value === 'lastFiscalYear';
    return periodRange(today, time.value, fiscal ? fiscalYearStartOf(context) : 1);
  }
  return time.op === 'inLast'
    ? lastWindow(today, time.value, time.unit)
    : nextWindow(today, time.value, time.unit);
}

const bound = (field: FieldRef, op: 'gte' | 'lt', value: string): Condition => ({
  kind: 'compare',
  field,
  op,
  value,
  caseInsensitive: false,
});

/**
 * A relative time as plain comparisons, fixed at resolution: the range of calendar dates it covers in the
 * tenant's time zone, `[start, end)`. A `date` field compares with the dates themselves; a `timestamp`
 * field with the first instants of those dates in the time zone, as UTC.
 *
 * @example
 * ```ts
 * relativeTimeCondition(orderedAt, { op: 'inLast', value: 7, unit: 'days' }, context, ['value']);
 * // and(orderedAt >= '2025-01-08T23:00:00.000Z', orderedAt < '2025-01-15T23:00:00.000Z') in Europe/Paris
 * ```
 */
export function relativeTimeCondition(
  field: FieldRef,
  time: RelativeTime,
  context: FilterContext,
  valuePath: NodePath,
): Condition {
  const timeZone = timeZoneOf(context);
  const range = rangeOf(time, context, todayIn(context.now, timeZone));
  if (!plainYear.test(range.start) || !plainYear.test(range.end))
    invalidAt(valuePath, 'The period reaches beyond the years 1000 to 9999');
  const [start, end] =
    field.type === 'date'
      ? [range.start, range.end]
      : [startOfDayIn(range.start, timeZone), startOfDayIn(range.end, timeZone)];
  return { kind: 'and', conditions: [bound(field, 'gte', start), bound(field, 'lt', end)] };
}

/**
 * "The anniversary of this date falls within the next `days` days, today included": an `in` over the
 * `MM-DD` of the date, with the month-days of the window in the tenant's calendar.
 *
 * @example
 * ```ts
 * anniversaryCondition(birthday, 3, context); // birthday's MM-DD in ['12-31', '01-01', '01-02'] on 31 December
 * ```
 */
export function anniversaryCondition(field: FieldRef, days: number, context: FilterContext): Condition {
  const today = todayIn(context.now, timeZoneOf(context));
  return {
    kind: 'in',
    field: { operand: { ...field.operand, part: 'monthDay' }, type: 'date' },
    values: anniversaryMonthDays(today, days),
    negate: false,
    caseInsensitive: false,
  };
}
