import type { EntityName } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import type { Changes, FieldChange } from '../events/crm-events';
import { uuidv7 } from '../ids/uuidv7';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import type { CrmRuntime } from '../records/runtime';
import { writeJournal } from '../records/write-journal';
import { recordRow, relatedRowsOf } from '../segments/record-subject';
import { filtersOf, loadTenantFilterData, tenantFilterContext } from '../segments/segment-context';
import { loadSegmentsNamedBy } from '../segments/segment-references';
import type { StorageWriter } from '../storage/adapter';
import { isPlainObject } from '../util/is-plain-object';
import type { Job, RunDueArgs, RunDueResult, StartWorkerOptions, Worker } from './jobs/index';
import { AutomationJobsApi } from './jobs/index';
import {
  birthdayGreeting,
  leadAutoAssignment,
  reengageInactive,
  taskReminder,
  welcomeMessage,
} from './recipes/index';
import type { Rule, RuleInput } from './rule';
import { checkRule, parseRuleInput } from './rules/check-rule';
import { triggerMismatch } from './rules/compile-rule';
import type { DryRunOptions, DryRunReport } from './rules/dry-run';
import { dryRunOverEvents, dryRunOverRecords } from './rules/dry-run';
import { readEnrollment, wouldEnroll } from './rules/enrollment';
import type { RuleExplanation } from './rules/explain-rule';
import { explainRuleCondition, resolvedFilterParts } from './rules/explain-rule';
import { compileStoredRule, loadRuleRow } from './rules/load-rules';
import type { RuleEvent } from './rules/rule-fact';
import { loadRules, rulesTableName, ruleToRow } from './rules/rule-tables';
import type { InboundEvent, StartArgs, StartResult, TickResult } from './triggers/index';
import { AutomationTriggers } from './triggers/index';

/** The built-in recipes: functions that return a `RuleInput` for `createRule`. */
const recipes = {
  welcomeMessage,
  birthdayGreeting,
  leadAutoAssignment,
  taskReminder,
  reengageInactive,
} as const;

/** The fields of a rule whose changes the audit log reports. */
const reported = ['name', 'trigger', 'condition', 'actions', 'reenroll', 'active', 'archivedAt'] as const;

function ruleChanges(before: Rule | null, after: Rule): Changes {
  const changes: Record<string, FieldChange> = {};
  for (const name of reported) {
    const previous = before?.[name] ?? null;
    const next = after[name] ?? null;
    if (!jsonEqual(previous, next)) changes[name] = { before: previous, after: next };
  }
  return changes;
}

function duplicateName(error: unknown): never {
  if (!isRapportError(error, 'DUPLICATE')) throw error;
  throw new RapportError('DUPLICATE', 'Another automation rule has this name', {
    issues: [{ code: 'duplicate', path: ['name'], message: 'This name is taken' }],
    details: { entity: 'automationRule', fields: ['name'] },
  });
}

function versionConflict(rule: Rule, expected: number): RapportError {
  return new RapportError(
    'VERSION_CONFLICT',
    `Automation rule ${rule.id} is at version ${rule.version}, not ${expected}: reload and retry`,
    { details: { entity: 'automationRule', id: rule.id, expected, actual: rule.version } },
  );
}

/** The input-shaped fields of a stored rule: what an update lays its changes over. */
function inputOf(rule: Rule): RuleInput {
  return {
    name: rule.name,
    trigger: rule.trigger,
    ...(rule.condition === null ? {} : { condition: rule.condition }),
    actions: rule.actions,
    reenroll: rule.reenroll,
    active: rule.active,
  };
}

/** What `explain` looks at: one record, and optionally the change that would start the rule. */
export interface ExplainRuleTarget {
  readonly entity: EntityName;
  readonly id: string;
  /** The change, field by field (`{ lifecycleStage: { before: 'lead', after: 'customer' } }`). */
  readonly change?: Changes;
  /** What happened to the record (default `updated` when a change is given). */
  readonly event?: 'created' | 'updated' | 'deleted';
}

const eventKinds = { created: 'recordCreated', updated: 'recordUpdated', deleted: 'recordDeleted' } as const;

/**
 * Automation rules of one tenant: a trigger, a condition (the filter language plus change operators) and
 * actions. Every change of a rule is audited (`automationRule`) and goes to the outbox. `explain` says
 * why a rule would or would not run for a record; `dryRun` what it would do over current records or past
 * events, changing nothing. See `docs/automation.md`.
 *
 * @example
 * ```ts
 * const rule = await crm.automation.createRule({
 *   name: 'Welcome',
 *   trigger: { kind: 'recordUpdated', entity: 'person', fields: ['lifecycleStage'] },
 *   condition: { field: 'lifecycleStage', op: 'changedTo', value: 'customer' },
 *   actions: [{ kind: 'sendMessage', channel: 'email', body: 'Welcome, {{person.firstName}}!' }],
 * });
 * ```
 */
export class AutomationApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;
  #jobs: AutomationJobsApi | undefined;
  #triggers: AutomationTriggers | undefined;

  /**
   * The built-in recipes (welcome message, birthday greeting with coupon, lead auto-assignment, task
   * reminder, re-engage after 90 days inactive), each a function returning a rule input.
   *
   * @example
   * ```ts
   * await crm.automation.createRule(crm.automation.recipes.welcomeMessage({ channel: 'email' }));
   * ```
   */
  readonly recipes = recipes;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  // The job queue and the triggers are made on first use: a session is made per request and most never
  // touch them.
  get #jobsApi(): AutomationJobsApi {
    this.#jobs ??= new AutomationJobsApi(this.#runtime, this.#context, this.#runtime.automation?.jobs);
    return this.#jobs;
  }

  get #triggersApi(): AutomationTriggers {
    const host = this.#runtime.automation;
    this.#triggers ??= new AutomationTriggers(this.#runtime, this.#context, {
      ...host?.triggers,
      ...(host?.jobs === undefined ? {} : { jobs: host.jobs }),
    });
    return this.#triggers;
  }

  /**
   * Reads new outbox events and due time triggers (dates, inactivity, schedules) and queues one job per
   * rule and record that they start; nothing is queued twice. See `AutomationTriggers.tick`.
   *
   * @example
   * ```ts
   * await crm.automation.tick({ now: new Date() });
   * ```
   */
  tick(args: { readonly now?: Date } = {}): Promise<TickResult> {
    return this.#triggersApi.tick(args);
  }

  /**
   * Starts a rule with a `manual` trigger for one record.
   *
   * @example
   * ```ts
   * await crm.automation.start(rule.id, { entity: 'person', id: ann.id });
   * ```
   */
  start(ruleId: string, args: StartArgs): Promise<StartResult> {
    return this.#triggersApi.start(ruleId, args);
  }

  /**
   * Takes an inbound event from a channel or webhook for the rules with an `inbound` trigger.
   *
   * @example
   * ```ts
   * await crm.automation.receive({ channel: 'shop', type: 'cart.abandoned', payload: { cartId }, id: 'evt_1' });
   * ```
   */
  receive(event: InboundEvent): Promise<StartResult> {
    return this.#triggersApi.receive(event);
  }

  /**
   * Claims and runs the due jobs (retries with backoff, dead letters, loop protection). See `runDue`.
   *
   * @example
   * ```ts
   * await crm.automation.runDue({ now: new Date(), limit: 20 });
   * ```
   */
  runDue(args: RunDueArgs = {}): Promise<RunDueResult> {
    return this.#jobsApi.runDue(args);
  }

  /**
   * Starts a worker that runs due jobs every `intervalMs`; `stop()` ends it.
   *
   * @example
   * ```ts
   * const worker = crm.automation.startWorker({ intervalMs: 5_000 });
   * await worker.stop();
   * ```
   */
  startWorker(options: StartWorkerOptions): Worker {
    return this.#jobsApi.startWorker(options);
  }

  /**
   * Dead jobs with their errors, most recent first.
   *
   * @example
   * ```ts
   * for (const job of await crm.automation.listDeadJobs()) console.log(job.id);
   * ```
   */
  listDeadJobs(options: { readonly limit?: number } = {}): Promise<Job[]> {
    return this.#jobsApi.listDead(options);
  }

  /**
   * Queues a dead job again, due now; it resumes at the action that failed.
   *
   * @example
   * ```ts
   * await crm.automation.retryJob(job.id);
   * ```
   */
  retryJob(jobId: string): Promise<Job> {
    return this.#jobsApi.retry(jobId);
  }

  /**
   * One job by id, or undefined.
   *
   * @example
   * ```ts
   * const job = await crm.automation.getJob(id);
   * ```
   */
  getJob(jobId: string): Promise<Job | undefined> {
    return this.#jobsApi.get(jobId);
  }

  /**
   * Saves a new rule, active unless `active: false`. Bad input throws VALIDATION_FAILED with every issue at
   * its path; a filter that does not resolve for the trigger's entity INVALID_FILTER (path under
   * `condition`); an unknown segment INVALID_REFERENCE; a name already used DUPLICATE.
   *
   * @example
   * ```ts
   * await crm.automation.createRule({ name: 'Tag VIPs', trigger: { kind: 'recordCreated', entity: 'person' },
   *   condition: { field: 'custom.tier', op: 'eq', value: 'gold' }, actions: [{ kind: 'addTags', tags: ['vip'] }] });
   * ```
   */
  async createRule(input: RuleInput): Promise<Rule> {
    const parsed = parseRuleInput(input);
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage
      .transaction(async (tx) => {
        const { entity } = await checkRule(tx, this.#context.tenantId, this.#runtime.now(), parsed);
        const rule: Rule = {
          name: parsed.name,
          trigger: parsed.trigger,
          condition: parsed.condition ?? null,
          actions: parsed.actions,
          reenroll: parsed.reenroll ?? false,
          active: parsed.active ?? true,
          id: uuidv7(),
          version: 1,
          createdAt: at,
          updatedAt: at,
          archivedAt: null,
        };
        await tx.insert({ table: rulesTableName, rows: [ruleToRow(this.#context.tenantId, rule, entity)] });
        await this.#journal(tx, at, null, rule);
        return rule;
      })
      .catch(duplicateName);
  }

  /**
   * Changes a rule with the version the caller read (VERSION_CONFLICT when stale): any subset of its
   * input fields, checked whole as on `createRule`. `{ active: false }` pauses it; `condition: null`
   * removes the condition. A change that changes nothing returns the rule as it is.
   *
   * @example
   * ```ts
   * await crm.automation.updateRule(rule.id, { active: false }, { version: rule.version });
   * ```
   */
  async updateRule(
    id: string,
    changes: Partial<Omit<RuleInput, 'condition'>> & { readonly condition?: RuleInput['condition'] | null },
    options: { readonly version: number },
  ): Promise<Rule> {
    if (!Number.isInteger(options?.version))
      throw new RapportError(
        'MISUSE',
        'automation.updateRule(id, changes, { version }) needs the version the caller read',
      );
    if (!isPlainObject(changes))
      throw validationError([
        { code: 'invalid_type', path: [], message: 'Expected the rule fields to change' },
      ]);
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage
      .transaction(async (tx) => {
        const { rule: current } = await this.#load(tx, id, options.version);
        const { condition, ...rest } = changes;
        const merged: Record<string, unknown> = { ...inputOf(current), ...rest };
        if (condition === null) delete merged.condition;
        else if (condition !== undefined) merged.condition = condition;
        const parsed = parseRuleInput(merged);
        const { entity } = await checkRule(tx, this.#context.tenantId, this.#runtime.now(), parsed);
        const next: Rule = {
          ...current,
          name: parsed.name,
          trigger: parsed.trigger,
          condition: parsed.condition ?? null,
          actions: parsed.actions,
          reenroll: parsed.reenroll ?? false,
          active: parsed.active ?? true,
          version: current.version + 1,
          updatedAt: at,
        };
        if (Object.keys(ruleChanges(current, next)).length === 0) return current;
        await this.#write(tx, current, next, entity);
        await this.#journal(tx, at, current, next);
        return next;
      })
      .catch(duplicateName);
  }

  /**
   * Archives a rule: it stops running and leaves `listRules()`, its history and enrollments stay.
   * Archiving an archived rule returns it as it is.
   *
   * @example
   * ```ts
   * await crm.automation.archiveRule(rule.id);
   * ```
   */
  async archiveRule(id: string): Promise<Rule> {
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage.transaction(async (tx) => {
      const { rule: current, entity } = await this.#load(tx, id, undefined);
      if (current.archivedAt !== null) return current;
      const next: Rule = { ...current, archivedAt: at, version: current.version + 1, updatedAt: at };
      await this.#write(tx, current, next, entity);
      await this.#journal(tx, at, current, next);
      return next;
    });
  }

  /**
   * One rule by id (archived ones too); NOT_FOUND when the tenant has none with it.
   *
   * @example
   * ```ts
   * const rule = await crm.automation.getRule(id);
   * ```
   */
  async getRule(id: string): Promise<Rule> {
    return (await loadRuleRow(this.#runtime.storage, this.#context.tenantId, id)).rule;
  }

  /**
   * The tenant's rules by name; archived ones only with `includeArchived`.
   *
   * @example
   * ```ts
   * for (const rule of await crm.automation.listRules()) console.log(rule.name, rule.trigger.kind);
   * ```
   */
  async listRules(options: { readonly includeArchived?: boolean } = {}): Promise<Rule[]> {
    return loadRules(this.#runtime.storage, this.#context.tenantId, options);
  }

  /**
   * Why a rule would or would not run for one record: which trigger (checked against the change given,
   * when one is given), which condition node held or not with the record's values and the change's before
   * and after, and whether the match would enroll the record (only when newly matching, unless the rule
   * re-enrolls). Reads only.
   *
   * @example
   * ```ts
   * const why = await crm.automation.explain(rule.id, {
   *   entity: 'person', id: ann.id, change: { lifecycleStage: { before: 'lead', after: 'customer' } },
   * });
   * why.summary; // 'Runs: the trigger and the condition hold, and ann newly matches'
   * ```
   */
  async explain(ruleId: string, target: ExplainRuleTarget): Promise<RuleExplanation> {
    const { storage } = this.#runtime;
    const { tenantId } = this.#context;
    const { rule, entity } = await loadRuleRow(storage, tenantId, ruleId);
    if (entity !== null && target?.entity !== entity)
      throw new RapportError(
        'MISUSE',
        `Rule ${rule.id} runs on ${entity} records; explain it for a ${entity}`,
      );
    const scope = { runtime: this.#runtime, context: this.#context, entity: entityDef(target.entity) };
    const row = await recordRow(scope, target.id);
    const changes = target.change;
    const trigger = this.#explainTrigger(rule, target, row);
    let condition: RuleExplanation['condition'] = null;
    if (rule.condition !== null && entity !== null) {
      const segments = await loadSegmentsNamedBy(storage, tenantId, [rule.condition]);
      const data = await loadTenantFilterData(storage, tenantId, [rule.condition, ...filtersOf(segments)]);
      const context = tenantFilterContext(entity, this.#runtime.now(), data, segments);
      const parts = resolvedFilterParts(rule.condition, context);
      const relatedRows = await relatedRowsOf(scope, { kind: 'and', conditions: parts }, row);
      condition = explainRuleCondition(rule.condition, ['condition'], {
        context,
        segments,
        row,
        relatedRows,
        ...(changes === undefined ? {} : { changes }),
      });
    }
    const conditionHeld = condition === null || condition.held;
    const matched = trigger.held !== false && conditionHeld && rule.active && rule.archivedAt === null;
    const state = (await readEnrollment(storage, tenantId, rule.id, target.id)) ?? null;
    const enrolls = wouldEnroll(rule, state ?? undefined, matched);
    const summary =
      !rule.active || rule.archivedAt !== null
        ? 'Does not run: the rule is paused or archived'
        : trigger.held === false
          ? `Does not run: ${trigger.reason}`
          : !conditionHeld
            ? 'Does not run: the condition does not hold'
            : enrolls
              ? `Runs: the ${trigger.held === null ? 'condition holds' : 'trigger and the condition hold'}, and the record newly matches`
              : 'Does not run again: the record already matched and the rule does not re-enroll';
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      active: rule.active && rule.archivedAt === null,
      trigger,
      condition,
      matched,
      enrollment: { state, wouldEnroll: enrolls },
      summary,
    };
  }

  /**
   * What a rule would do, changing nothing: over the current records of its entity (`over: 'records'`,
   * optionally only those matching `where`), or over past outbox events in `[from, to)` (`over: 'events'`),
   * with enrollment simulated from the stored state. Reports each record the rule would run for and the
   * actions it would take.
   *
   * @example
   * ```ts
   * const report = await crm.automation.dryRun(rule.id, { over: 'events', from: '2025-01-01T00:00:00Z' });
   * report.wouldRun; // how many runs the rule would have made
   * ```
   */
  async dryRun(ruleId: string, options: DryRunOptions): Promise<DryRunReport> {
    if (options?.over !== 'records' && options?.over !== 'events')
      throw new RapportError('MISUSE', "automation.dryRun(ruleId, { over: 'records' | 'events' })");
    const { storage } = this.#runtime;
    const { tenantId } = this.#context;
    const { rule, entity } = await loadRuleRow(storage, tenantId, ruleId);
    if (entity === null)
      throw new RapportError('MISUSE', `A ${rule.trigger.kind} rule runs on no records to dry-run over`);
    const compiled = await compileStoredRule(storage, tenantId, rule, entity, this.#runtime.now());
    const filters = options.where === undefined ? [] : [options.where];
    const segments = await loadSegmentsNamedBy(storage, tenantId, filters);
    const data = await loadTenantFilterData(storage, tenantId, [...filters, ...filtersOf(segments)]);
    const filterContext = tenantFilterContext(entity, this.#runtime.now(), data, segments);
    const subject = { reader: storage, tenantId, compiled, entity, filterContext };
    return options.over === 'records'
      ? dryRunOverRecords(subject, options)
      : dryRunOverEvents(subject, options);
  }

  #explainTrigger(
    rule: Rule,
    target: ExplainRuleTarget,
    row: Record<string, unknown>,
  ): RuleExplanation['trigger'] {
    const { kind } = rule.trigger;
    if (target.change === undefined && target.event === undefined)
      return { kind, held: null, reason: 'No event was given: only the condition is checked' };
    const event: RuleEvent = {
      kind: eventKinds[target.event ?? 'updated'],
      entity: target.entity,
      changedFields: Object.keys(target.change ?? {}),
    };
    const mismatch = triggerMismatch(rule, event, {
      row,
      ...(target.change === undefined ? {} : { changes: target.change }),
    });
    return mismatch === undefined
      ? { kind, held: true, reason: `The ${event.kind} of the ${target.entity} meets the ${kind} trigger` }
      : { kind, held: false, reason: mismatch };
  }

  async #load(tx: StorageWriter, id: string, version: number | undefined) {
    const loaded = await loadRuleRow(tx, this.#context.tenantId, id);
    if (version !== undefined && loaded.rule.version !== version) throw versionConflict(loaded.rule, version);
    return loaded;
  }

  async #write(tx: StorageWriter, current: Rule, next: Rule, entity: string | null): Promise<void> {
    const {
      tenant_id: _tenant,
      id: _id,
      created_at: _created,
      ...values
    } = ruleToRow(this.#context.tenantId, next, entity);
    const count = await tx.update({
      table: rulesTableName,
      tenantId: this.#context.tenantId,
      id: current.id,
      expectedVersion: current.version,
      values,
    });
    if (count === 0) throw versionConflict(next, current.version);
  }

  async #journal(tx: StorageWriter, at: string, before: Rule | null, after: Rule): Promise<void> {
    await writeJournal(tx, this.#context, at, [
      {
        entity: 'automationRule',
        action:
          before === null
            ? 'created'
            : before.archivedAt === null && after.archivedAt !== null
              ? 'archived'
              : 'updated',
        recordId: after.id,
        version: after.version,
        changes: ruleChanges(before, after),
        record: { ...after },
      },
    ]);
  }
}
