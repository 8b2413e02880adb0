import type { Filter } from '../../filter/filter-types';
import type { CalendarDate } from '../../filter/local-calendar';
import { addToDate } from '../../filter/local-calendar';
import type { TimeTrigger } from '../rule';

type DateTrigger = Extract<TimeTrigger, { kind: 'date' }>;
type InactivityTrigger = Extract<TimeTrigger, { kind: 'inactivity' }>;

/**
 * The records a one-off date trigger is due for on the local dates `first` to `last`: its field plus the
 * offset falls on one of them, so the field lies `offsetDays` earlier. Pure.
 *
 * @example
 * ```ts
 * onceDateFilter({ kind: 'date', entity: 'deal', field: 'expectedCloseDate', offsetDays: -7 }, '2025-01-15', '2025-01-15');
 * // { all: [{ field: 'expectedCloseDate', op: 'gte', value: '2025-01-22' }, { ..., op: 'lte', value: '2025-01-22' }] }
 * ```
 */
export function onceDateFilter(trigger: DateTrigger, first: CalendarDate, last: CalendarDate): Filter {
  const offset = trigger.offsetDays ?? 0;
  return {
    all: [
      { field: trigger.field, op: 'gte', value: addToDate(first, -offset, 'day') },
      { field: trigger.field, op: 'lte', value: addToDate(last, -offset, 'day') },
    ],
  };
}

/**
 * The records an inactivity trigger is due for in the window `(from, to]`: their last activity (or, with
 * none, their creation) is `days` days before a moment of the window, so each record is due once per
 * quiet spell. Pure.
 *
 * @example
 * ```ts
 * inactivityFilter({ kind: 'inactivity', entity: 'person', days: 90 }, from, to);
 * ```
 */
export function inactivityFilter(trigger: InactivityTrigger, from: string, to: string): Filter {
  const back = (instant: string) => new Date(Date.parse(instant) - trigger.days * 86_400_000).toISOString();
  const [after, until] = [back(from), back(to)];
  const last = (op: 'gt' | 'lte', value: string): Filter => ({
    related: 'activities',
    aggregate: 'max',
    of: 'occurredAt',
    op,
    value,
  });
  return {
    any: [
      { all: [last('gt', after), last('lte', until)] },
      {
        all: [
          { related: 'activities', aggregate: 'notExists' },
          { field: 'createdAt', op: 'gt', value: after },
          { field: 'createdAt', op: 'lte', value: until },
        ],
      },
    ],
  };
}
