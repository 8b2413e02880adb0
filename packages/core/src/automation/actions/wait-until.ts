import { validationError } from '../../errors/rapport-error';
import { startOfDayIn } from '../../filter/local-calendar';
import { loadSettings } from '../../settings/settings-rows';
import type { RuleAction } from '../rule';
import type { ActionOutcome, ExecuteActionArgs } from './action-types';
import { readRecord } from './record-values';

type WaitAction = Extract<RuleAction, { kind: 'wait' }>;

const hour = 3_600_000;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The value of a field of a record: `birthday`, or `custom.contractEnd` inside the custom values. */
function fieldValue(record: Readonly<Record<string, unknown>>, field: string): unknown {
  if (!field.startsWith('custom.')) return record[field];
  const custom = record.custom as Readonly<Record<string, unknown>> | undefined;
  return custom?.[field.slice('custom.'.length)];
}

/** When a date field's value is due: a date at the start of that day in the tenant's time zone. */
async function fieldInstant(args: ExecuteActionArgs, field: string): Promise<number | null> {
  const record = await readRecord(args.runtime, args.context, args.record.entity, args.record.id);
  const value = record === null ? null : fieldValue(record, field);
  if (typeof value !== 'string') return null;
  if (datePattern.test(value)) {
    const { timeZone } = await loadSettings(args.runtime.storage, args.context.tenantId);
    return Date.parse(startOfDayIn(value, timeZone));
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/**
 * Where a wait leads: `wait` until the run's instant plus `days` and `hours`, or until the record's date
 * field (`untilField`), else `done` when that moment has passed or the field is empty, so the next
 * actions run now.
 *
 * @example
 * ```ts
 * await waitOutcome(args, { kind: 'wait', days: 3 }); // { kind: 'wait', until: '2025-01-18T09:30:00.000Z' }
 * ```
 */
export async function waitOutcome(args: ExecuteActionArgs, action: WaitAction): Promise<ActionOutcome> {
  const duration = ((action.days ?? 0) * 24 + (action.hours ?? 0)) * hour;
  if (!Number.isFinite(duration) || duration < 0)
    throw validationError([{ code: 'too_small', path: ['days'], message: 'A wait is not negative' }]);
  const until =
    action.untilField === undefined
      ? args.at.getTime() + duration
      : await fieldInstant(args, action.untilField);
  if (until === null || until <= args.at.getTime()) return { kind: 'done' };
  return { kind: 'wait', until: new Date(until).toISOString() };
}
