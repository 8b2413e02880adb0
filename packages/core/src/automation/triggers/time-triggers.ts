import { entityDef } from '../../entities/registry';
import type { Filter } from '../../filter/filter-types';
import type { CalendarDate } from '../../filter/local-calendar';
import { addToDate } from '../../filter/local-calendar';
import type { CrmContext } from '../../records/context';
import { inOneTransaction } from '../../records/one-transaction';
import { listRecords } from '../../records/read-records';
import type { CrmRuntime } from '../../records/runtime';
import { loadSettings } from '../../settings/settings-rows';
import type { Rule, TimeTrigger } from '../rule';
import { conditionFilter } from './condition-filter';
import { cursorMoved, writerOf } from './consume-outbox';
import type { TriggerCursor } from './cursor-table';
import { moveCursor, readCursor } from './cursor-table';
import type { EnqueueMatches } from './enqueue-matches';
import { dueDates, latestSlot, localInstant, yearlySlot } from './local-slots';
import { inactivityFilter, onceDateFilter } from './time-filters';
import type { TriggerMatch } from './trigger-match';

/** A rule started by the clock. */
export type TimeRule = Rule & { readonly trigger: TimeTrigger };

/** Whether a rule is started by the clock. */
export function isTimeRule(rule: Rule): rule is TimeRule {
  const { kind } = rule.trigger;
  return kind === 'date' || kind === 'inactivity' || kind === 'schedule';
}

/** How one batch of a time rule runs. */
export interface TimeBatchOptions {
  readonly now: Date;
  /** Records read per batch (one transaction). */
  readonly limit: number;
  readonly enqueue: EnqueueMatches;
}

/** What one batch of a time rule did. */
export interface TimeBatchResult {
  readonly enqueued: number;
  /** Whether the window has more records to read: run another batch. */
  readonly more: boolean;
}

/**
 * The window a batch looks at: from where the rule was last checked (or its creation: a new rule does not
 * fire for dates that passed before it existed) to now, or the window a previous batch left part way.
 */
interface Window {
  readonly from: string;
  readonly to: string;
  readonly page: string | null;
}

function windowOf(rule: Rule, cursor: TriggerCursor, now: Date): Window {
  const state = cursor.state as { until?: string; page?: string };
  const from = cursor.position ?? rule.createdAt;
  if (state.until !== undefined) return { from, to: state.until, page: state.page ?? null };
  return { from, to: now.toISOString(), page: null };
}

const fieldValue = (record: Record<string, unknown>, field: string): unknown =>
  field.startsWith('custom.')
    ? ((record.custom ?? {}) as Record<string, unknown>)[field.slice('custom.'.length)]
    : record[field];

/** What to read and how each record read becomes a match, for a date or inactivity trigger. */
interface RecordQuery {
  readonly where: Filter;
  /** The slot of a record read (undefined: not due after all), the source of its idempotency key. */
  readonly slotOf: (record: Record<string, unknown>) => string | undefined;
  /** The clock the filter is resolved at (anniversaries count from its local date). */
  readonly at: Date;
}

function dateQuery(
  trigger: Extract<TimeTrigger, { kind: 'date' }>,
  window: Window,
  timeZone: string,
): RecordQuery | undefined {
  const dates = dueDates(window.from, window.to, trigger.localTime ?? '09:00', timeZone);
  if (dates.length === 0) return undefined;
  const offset = trigger.offsetDays ?? 0;
  const [first, last] = [dates[0] as CalendarDate, dates[dates.length - 1] as CalendarDate];
  if (trigger.recurring === true) {
    // The anniversaries that fall on the due dates, less the offset: a greeting 1 day before a birthday
    // is due on the day before it.
    const shifted = dates.map((date) => addToDate(date, -offset, 'day'));
    return {
      where: { field: trigger.field, op: 'anniversaryInNext', value: shifted.length },
      // Noon of the first shifted date: "today" for the filter, in any zone.
      at: new Date(localInstant(shifted[0] as CalendarDate, '12:00', timeZone)),
      slotOf: (record) => {
        const value = fieldValue(record, trigger.field);
        const slot = typeof value === 'string' ? yearlySlot(value, shifted) : undefined;
        return slot === undefined ? undefined : `date:${addToDate(slot, offset, 'day')}`;
      },
    };
  }
  return {
    where: onceDateFilter(trigger, first, last),
    at: new Date(window.to),
    slotOf: (record) => {
      const value = fieldValue(record, trigger.field);
      return typeof value === 'string' ? `date:${addToDate(value.slice(0, 10), offset, 'day')}` : undefined;
    },
  };
}

function recordQuery(rule: TimeRule, window: Window, timeZone: string): RecordQuery | undefined {
  const { trigger } = rule;
  if (trigger.kind === 'date') return dateQuery(trigger, window, timeZone);
  if (trigger.kind === 'inactivity')
    return {
      where: inactivityFilter(trigger, window.from, window.to),
      at: new Date(window.to),
      slotOf: () => `inactive:${window.to}`,
    };
  return undefined;
}

function matchOf(
  rule: TimeRule,
  entity: TriggerMatch['entity'],
  recordId: string | null,
  source: string,
  window: Window,
): TriggerMatch {
  return {
    rule,
    entity,
    recordId,
    source,
    changes: null,
    chainDepth: 0,
    payload: { kind: rule.trigger.kind, slot: source, from: window.from, to: window.to },
  };
}

/**
 * Runs one batch of one time triggered rule: the records (at most `limit`) whose date, anniversary or
 * quiet spell falls between the rule's last check and now, whose condition holds, each enqueued once per
 * slot; or a schedule's latest slot, once however many passed. Moves the rule's cursor in the same
 * transaction: to now when the window is done, else to the next page of the same window.
 *
 * @example
 * ```ts
 * while ((await runTimeBatch(runtime, context, rule, { now, limit: 200, enqueue })).more);
 * ```
 */
export async function runTimeBatch(
  runtime: CrmRuntime,
  context: CrmContext,
  rule: TimeRule,
  options: TimeBatchOptions,
): Promise<TimeBatchResult> {
  return inOneTransaction(runtime, async (joined) => {
    const tx = await writerOf(joined);
    const { tenantId } = context;
    const cursor = await readCursor(tx, tenantId, `rule:${rule.id}`);
    const window = windowOf(rule, cursor, options.now);
    if (Date.parse(window.from) >= Date.parse(window.to)) return { enqueued: 0, more: false };
    const { timeZone } = await loadSettings(tx, tenantId);
    const matches: TriggerMatch[] = [];
    let next: string | null = null;
    if (rule.trigger.kind === 'schedule') {
      const slot = latestSlot(rule.trigger, window.from, window.to, timeZone);
      if (slot !== undefined && rule.condition === null)
        matches.push(matchOf(rule, null, null, `schedule:${slot}`, window));
    } else {
      const query = recordQuery(rule, window, timeZone);
      if (query !== undefined) {
        const entity = rule.trigger.entity;
        const where: Filter =
          rule.condition === null
            ? query.where
            : { all: [query.where, conditionFilter(rule.condition, null)] };
        const scope = { runtime: { ...joined, now: () => query.at }, context, entity: entityDef(entity) };
        const page = await listRecords(scope, {
          where,
          limit: options.limit,
          cursor: window.page,
          orderBy: ['id'],
        });
        for (const record of page.items) {
          const slot = query.slotOf(record);
          if (slot !== undefined) matches.push(matchOf(rule, entity, record.id as string, slot, window));
        }
        next = page.nextCursor;
      }
    }
    const at = options.now.toISOString();
    const active = rule.active && rule.archivedAt === null;
    const enqueued =
      active && matches.length > 0 ? (await options.enqueue(tx, context, matches, at)).length : 0;
    const to =
      next === null
        ? { position: window.to, state: {} }
        : { position: cursor.position ?? window.from, state: { until: window.to, page: next } };
    if (!(await moveCursor(tx, tenantId, cursor, to, at))) throw cursorMoved(cursor.id);
    return { enqueued, more: next !== null };
  });
}
