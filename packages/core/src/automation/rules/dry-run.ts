import type { EntityName } from '../../entities/entity-name';
import { entityDef } from '../../entities/registry';
import type { RecordAction } from '../../events/crm-events';
import type { FilterContext } from '../../filter/filter-context';
import { resolveFilter } from '../../filter/resolve-filter';
import { allOf, archivedIs, columnEquals } from '../../records/conditions';
import { prefetchRelated } from '../../segments/related-prefetch';
import { relatedRowsFrom } from '../../segments/related-source';
import { relationTree } from '../../segments/relation-tree';
import type { StorageReader } from '../../storage/adapter';
import type { Condition } from '../../storage/condition';
import type { Row } from '../../storage/schema';
import type { RuleAction } from '../rule';
import type { CompiledRule } from './compile-rule';
import { triggerMismatch } from './compile-rule';
import type { Enrollment } from './enrollment';
import { wouldEnroll } from './enrollment';
import { recordAtEvent } from './record-at-version';
import type { RuleEvent } from './rule-fact';
import { enrollmentsTableName } from './rule-tables';

/** What `dryRun` runs a rule over. */
export interface DryRunOptions {
  /** `records`: the current records of the rule's entity; `events`: past outbox events in a window. */
  readonly over: 'records' | 'events';
  /** Only records that match this filter of the rule's entity (`records`). */
  readonly where?: unknown;
  /** The window of events, `[from, to)` as ISO instants (`events`; default: all). */
  readonly from?: string;
  readonly to?: string;
  /** At most this many records or events are looked at (default 1,000, at most 10,000). */
  readonly limit?: number;
}

/** One record the rule would run for (or, over events, one event that meets its trigger). */
export interface DryRunItem {
  readonly recordId: string;
  /** The outbox event, over events. */
  readonly eventId?: string;
  readonly at?: string;
  /** Whether the condition held. */
  readonly matched: boolean;
  /** Whether the record would enroll (newly matching, or the rule re-enrolls). */
  readonly enrolls: boolean;
  /** The actions it would run: the rule's, when it enrolls; none otherwise. */
  readonly actions: readonly RuleAction[];
}

/** What a dry run found. Nothing was written. */
export interface DryRunReport {
  readonly ruleId: string;
  readonly over: 'records' | 'events';
  /** How many records or events were looked at. */
  readonly examined: number;
  /** The records (events) that met the trigger and condition, in order. */
  readonly items: readonly DryRunItem[];
  /** How many would enroll and run the actions. */
  readonly wouldRun: number;
}

/** What a dry run reads through. */
export interface DryRunSubject {
  readonly reader: StorageReader;
  readonly tenantId: string;
  readonly compiled: CompiledRule;
  readonly entity: EntityName;
  readonly filterContext: FilterContext;
}

const byId = [
  { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
] as const;

async function enrollmentStates(subject: DryRunSubject): Promise<Map<string, Enrollment>> {
  const rows = await subject.reader.findMany({
    table: enrollmentsTableName,
    tenantId: subject.tenantId,
    where: columnEquals('rule_id', subject.compiled.rule.id),
  });
  return new Map(
    rows.map((row) => [
      row.record_id as string,
      {
        ruleId: row.rule_id as string,
        recordId: row.record_id as string,
        matching: row.matching as boolean,
        enrollments: row.enrollments as number,
        enrolledAt: (row.enrolled_at ?? null) as string | null,
        checkedAt: row.checked_at as string,
      },
    ]),
  );
}

async function relatedFor(subject: DryRunSubject, rows: readonly Row[]) {
  const fetched = await prefetchRelated({
    reader: subject.reader,
    tenantId: subject.tenantId,
    tree: relationTree([...subject.compiled.filterConditions]),
    outerRows: rows,
  });
  return relatedRowsFrom(fetched);
}

/** Simulates enrollment through a run: state the run itself changes is what later items see. */
function enrollInto(
  states: Map<string, Enrollment>,
  subject: DryRunSubject,
  recordId: string,
  matched: boolean,
): boolean {
  const { rule } = subject.compiled;
  const state = states.get(recordId);
  const enrolls = wouldEnroll(rule, state, matched);
  states.set(recordId, {
    ruleId: rule.id,
    recordId,
    matching: matched,
    enrollments: (state?.enrollments ?? 0) + (enrolls ? 1 : 0),
    enrolledAt: enrolls ? 'dry-run' : (state?.enrolledAt ?? null),
    checkedAt: 'dry-run',
  });
  return enrolls;
}

const limitOf = (options: DryRunOptions) => Math.min(Math.max(Math.trunc(options.limit ?? 1_000), 1), 10_000);

/**
 * Runs a rule's condition over the current records of its entity (those matching `where`), with the
 * enrollment state as stored: what it would do now. Change operators hold for no record here (there is
 * no change). Reads only.
 *
 * @example
 * ```ts
 * const report = await dryRunOverRecords(subject, { over: 'records', where: { field: 'region', op: 'eq', value: 'North' } });
 * ```
 */
export async function dryRunOverRecords(
  subject: DryRunSubject,
  options: DryRunOptions,
): Promise<DryRunReport> {
  const definition = entityDef(subject.entity);
  const where: Condition | undefined =
    options.where === undefined ? undefined : resolveFilter(options.where, subject.filterContext);
  const rows = await subject.reader.findMany({
    table: definition.table,
    tenantId: subject.tenantId,
    where: allOf(archivedIs(false), where),
    orderBy: byId,
    limit: limitOf(options),
  });
  const relatedRows = await relatedFor(subject, rows);
  const states = await enrollmentStates(subject);
  const items: DryRunItem[] = [];
  for (const row of rows) {
    if (!subject.compiled.condition({ row, relatedRows })) continue;
    const enrolls = enrollInto(states, subject, row.id as string, true);
    items.push({
      recordId: row.id as string,
      matched: true,
      enrolls,
      actions: enrolls ? subject.compiled.rule.actions : [],
    });
  }
  return report(subject, 'records', rows.length, items);
}

const eventKinds: Record<string, RuleEvent['kind'] | undefined> = {
  created: 'recordCreated',
  updated: 'recordUpdated',
  deleted: 'recordDeleted',
};

function windowOf(options: DryRunOptions): Condition[] {
  const at = { operand: { kind: 'column', column: 'at' }, type: 'timestamp' } as const;
  const bound = (op: 'gte' | 'lt', value: string | undefined): Condition[] =>
    value === undefined
      ? []
      : [{ kind: 'compare', field: at, op, value: new Date(value).toISOString(), caseInsensitive: false }];
  return [...bound('gte', options.from), ...bound('lt', options.to)];
}

/**
 * Replays the outbox events of the rule's entity in `[from, to)` in order: for each, the trigger (with
 * the change from the audit entry of the same record, version and action) and the condition over the
 * record as that event left it (rebuilt from the audit trail, see `recordAtEvent`), with enrollment
 * simulated from the stored state through the run. Reads only.
 *
 * @example
 * ```ts
 * const report = await dryRunOverEvents(subject, { over: 'events', from: '2025-01-01T00:00:00Z' });
 * ```
 */
export async function dryRunOverEvents(
  subject: DryRunSubject,
  options: DryRunOptions,
): Promise<DryRunReport> {
  const events = await subject.reader.findMany({
    table: 'outbox',
    tenantId: subject.tenantId,
    where: allOf(columnEquals('entity', subject.entity), ...windowOf(options)),
    orderBy: [
      { field: { operand: { kind: 'column', column: 'at' }, type: 'timestamp' }, direction: 'asc' },
      ...byId,
    ],
    limit: limitOf(options),
  });
  const definition = entityDef(subject.entity);
  const states = await enrollmentStates(subject);
  const items: DryRunItem[] = [];
  for (const event of events) {
    const action = (event.type as string).split('.').pop() as string;
    const kind = eventKinds[action];
    if (kind === undefined) continue;
    const recordId = event.record_id as string;
    const { changes, row } = await recordAtEvent(
      subject.reader,
      subject.tenantId,
      definition,
      recordId,
      action as RecordAction,
      (event.payload as { version?: number }).version ?? 0,
    );
    const ruleEvent = { kind, entity: subject.entity, changedFields: Object.keys(changes) } as RuleEvent;
    if (triggerMismatch(subject.compiled.rule, ruleEvent, { row, changes }) !== undefined) continue;
    const relatedRows = await relatedFor(subject, [row]);
    const matched = subject.compiled.condition({ row, changes, relatedRows });
    const enrolls = enrollInto(states, subject, recordId, matched);
    items.push({
      recordId,
      eventId: event.id as string,
      at: event.at as string,
      matched,
      enrolls,
      actions: enrolls ? subject.compiled.rule.actions : [],
    });
  }
  return report(subject, 'events', events.length, items);
}

function report(
  subject: DryRunSubject,
  over: 'records' | 'events',
  examined: number,
  items: DryRunItem[],
): DryRunReport {
  return {
    ruleId: subject.compiled.rule.id,
    over,
    examined,
    items,
    wouldRun: items.filter((item) => item.enrolls).length,
  };
}
