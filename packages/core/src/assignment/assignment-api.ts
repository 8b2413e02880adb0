import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import type { AcceptsFilter, Filter } from '../filter/filter-types';
import { uuidv7 } from '../ids/uuidv7';
import { allOf, archivedIs, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import type { CrmRuntime } from '../records/runtime';
import type { AfterCommit } from '../records/write-hooks';
import type { StorageWriter } from '../storage/adapter';
import { assignInTransaction, checkAssignableEntity } from './assign-in-transaction';
import type { AssignmentDecision } from './assignment-decision';
import type {
  AssignableEntity,
  AssignmentRule,
  AssignmentRuleChanges,
  AssignmentRuleInput,
} from './assignment-rule';
import { assignmentRulesTable } from './assignment-tables';
import { checkRule } from './check-rule';
import type { DecisionQuery } from './decision-log';
import { listDecisions, loadDecision } from './decision-log';
import { ensureAssignmentState } from './rotation-state';
import { ruleChangesSchema, ruleInputSchema } from './rule-input';
import { journalRule, ruleChanges } from './rule-journal';
import { loadRule, loadRules, ruleToRow } from './rule-rows';

/** What `assignment.listRules` takes. */
export interface RuleQuery {
  readonly entity?: AssignableEntity;
  /** Also list archived rules. */
  readonly includeArchived?: boolean;
}

/** What `assign` takes: the record to give an owner. */
export interface AssignArgs {
  readonly entity: AssignableEntity;
  readonly id: string;
}

/** What `assignMany` takes: records of one entity, assigned in the order given, in one transaction. */
export interface AssignManyArgs {
  readonly entity: AssignableEntity;
  readonly ids: readonly string[];
}

const maxAssignMany = 1_000;
// Two first rules of a tenant created at once race on the tenant's state row: the loser runs once more.
const createAttempts = 2;

function versionConflict(rule: AssignmentRule, expected: number): RapportError {
  return new RapportError(
    'VERSION_CONFLICT',
    `Assignment rule ${rule.id} is at version ${rule.version}, not ${expected}: reload and retry`,
    { details: { entity: 'assignmentRule', id: rule.id, expected, actual: rule.version } },
  );
}

/**
 * Assignment rules of one tenant, and assignment by them: round robin, weighted by a member's target or
 * performance, by territory and skills, within capacity per period, skipping members who are inactive,
 * away or opted out. Every decision is logged with the rule and the reasons, and the owner change goes
 * through the one write path (audited with the decision's reason). See `docs/sales.md`.
 *
 * @example
 * ```ts
 * const acme = crm.as({ tenantId: 'acme', actor: { id: 'admin' } });
 * await acme.assignment.createRule({
 *   name: 'Northern leads', entity: 'person', strategy: 'roundRobin',
 *   condition: { all: [{ field: 'lifecycleStage', op: 'eq', value: 'lead' }, { field: 'region', op: 'eq', value: 'North' }] },
 *   pool: { team: 'north' },
 *   capacity: { period: 'week', limit: 25 },
 * });
 * const decision = await acme.assignment.assign({ entity: 'person', id: lead.id });
 * console.log(decision.memberId, decision.reason);
 * ```
 */
export class AssignmentApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * Saves a rule. The input is checked in full: VALIDATION_FAILED with every issue at its path, the
   * condition as a filter of the entity (INVALID_FILTER at `condition...`), members of the pool that do not
   * exist (INVALID_REFERENCE at `pool.memberIds.<i>`). Criteria without a field get the entity's default
   * (`region` of a deal reads `company.region`). Audited as `assignmentRule.created`.
   *
   * @example
   * ```ts
   * const rule = await crm.assignment.createRule({
   *   name: 'German speakers', entity: 'person', priority: 10, strategy: 'roundRobin',
   *   condition: { field: 'custom.language', op: 'eq', value: 'de' },
   *   match: [{ attribute: 'language', field: 'custom.language' }],
   * });
   * ```
   */
  async createRule<E extends AssignableEntity, const W extends Filter<E> | Filter = Filter<E>>(
    input: { readonly entity: E } & (AcceptsFilter<E, W> extends true
      ? AssignmentRuleInput<W>
      : AssignmentRuleInput<NoInfer<Filter<E>>>),
  ): Promise<AssignmentRule> {
    const parsed = ruleInputSchema.safeParse(input);
    if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
    const at = this.#runtime.now().toISOString();
    const actorId = this.#context.actor.id;
    const { condition, weights, capacity, ...rest } = parsed.data;
    const draft: AssignmentRule = {
      ...rest,
      condition: (condition ?? null) as Filter | null,
      weights: weights ?? null,
      capacity: capacity ?? null,
      id: uuidv7(),
      version: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: actorId,
      updatedBy: actorId,
      archivedAt: null,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#runtime.storage.transaction(async (tx) => {
          const rule = await checkRule(tx, this.#context.tenantId, this.#runtime.now(), draft);
          await ensureAssignmentState(tx, this.#context.tenantId, at);
          await tx.insert({
            table: assignmentRulesTable.name,
            rows: [ruleToRow(this.#context.tenantId, rule)],
          });
          await journalRule(tx, this.#context, at, null, rule);
          return rule;
        });
      } catch (error) {
        if (attempt >= createAttempts || !isRapportError(error, 'DUPLICATE')) throw error;
      }
    }
  }

  /**
   * One rule by id, archived or not; NOT_FOUND when the tenant has none with it.
   *
   * @example
   * ```ts
   * const rule = await crm.assignment.getRule(id);
   * ```
   */
  async getRule(id: string): Promise<AssignmentRule> {
    return loadRule(this.#runtime.storage, this.#context.tenantId, id);
  }

  /**
   * The tenant's rules in the order they are tried (priority, then creation): all, or those of one
   * entity; archived ones only when asked.
   *
   * @example
   * ```ts
   * const leadRules = await crm.assignment.listRules({ entity: 'person' });
   * ```
   */
  async listRules(query: RuleQuery = {}): Promise<AssignmentRule[]> {
    if (typeof query !== 'object' || query === null)
      throw new RapportError('MISUSE', 'assignment.listRules() takes { entity?, includeArchived? }');
    if (query.entity !== undefined) checkAssignableEntity(query.entity);
    const where = allOf(
      query.entity === undefined ? undefined : columnEquals('entity', query.entity),
      query.includeArchived === true ? undefined : archivedIs(false),
    );
    return loadRules(this.#runtime.storage, this.#context.tenantId, where);
  }

  /**
   * Changes a rule (anything but its entity) with the version the caller read: VERSION_CONFLICT when
   * stale, the same checks as `createRule`. The rule's rotation state is kept. Changes that change nothing
   * return the rule as it is.
   *
   * @example
   * ```ts
   * await crm.assignment.updateRule(rule.id, { capacity: { period: 'day', limit: 5 } }, { version: rule.version });
   * ```
   */
  async updateRule(
    id: string,
    changes: AssignmentRuleChanges,
    options: { readonly version: number },
  ): Promise<AssignmentRule> {
    if (!Number.isInteger(options?.version))
      throw new RapportError(
        'MISUSE',
        'updateRule(id, changes, { version }) needs the version the caller read',
      );
    if (typeof changes === 'object' && changes !== null && 'entity' in changes)
      throw validationError([
        { code: 'immutable', path: ['entity'], message: 'The entity of a rule never changes' },
      ]);
    const parsed = ruleChangesSchema.safeParse(changes);
    if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
    const given = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
    return this.#replace(id, options.version, (current, at) => ({
      ...current,
      ...(given as Partial<AssignmentRule>),
      version: current.version + 1,
      updatedAt: at,
      updatedBy: this.#context.actor.id,
    }));
  }

  /**
   * Archives a rule: it assigns nothing more and leaves `listRules()`; decisions it made stay in the log.
   *
   * @example
   * ```ts
   * await crm.assignment.archiveRule(rule.id);
   * ```
   */
  async archiveRule(id: string, options: { readonly version?: number } = {}): Promise<AssignmentRule> {
    return this.#setArchived(id, true, options.version);
  }

  /**
   * Restores an archived rule, with the rotation state it had.
   *
   * @example
   * ```ts
   * await crm.assignment.restoreRule(rule.id);
   * ```
   */
  async restoreRule(id: string, options: { readonly version?: number } = {}): Promise<AssignmentRule> {
    return this.#setArchived(id, false, options.version);
  }

  /**
   * Assigns one record an owner by the tenant's rules, in one transaction, and returns the decision: the
   * rule, the member and why, or why no rule assigned it (the record then keeps its owner). The owner
   * change is a normal update (`person.updated` with `ownerId`), audited with the decision's reason.
   * NOT_FOUND when the caller may not read the record. To assign inside a transaction of your own (a lead
   * created in the same transaction), use `assignInTransaction`.
   *
   * @example
   * ```ts
   * const decision = await crm.assignment.assign({ entity: 'deal', id: deal.id });
   * if (decision.outcome === 'unassigned') console.warn(decision.reason);
   * ```
   */
  async assign(args: AssignArgs): Promise<AssignmentDecision> {
    if (typeof args !== 'object' || args === null)
      throw new RapportError('MISUSE', 'assignment.assign() takes { entity, id }');
    checkAssignableEntity(args.entity);
    const [decision] = await this.#assignAll(args.entity, [args.id]);
    return decision as AssignmentDecision;
  }

  /**
   * Assigns records of one entity in the order given, all in one transaction (all decided or none), each
   * seeing the rotation the previous one left. At most 1,000 ids.
   *
   * @example
   * ```ts
   * const decisions = await crm.assignment.assignMany({ entity: 'person', ids: newLeads.map((lead) => lead.id) });
   * ```
   */
  async assignMany(args: AssignManyArgs): Promise<AssignmentDecision[]> {
    if (typeof args !== 'object' || args === null || !Array.isArray(args.ids))
      throw new RapportError('MISUSE', 'assignment.assignMany() takes { entity, ids }');
    checkAssignableEntity(args.entity);
    if (args.ids.length > maxAssignMany)
      throw new RapportError('MISUSE', `assignMany takes at most ${maxAssignMany} ids; split the list`);
    return this.#assignAll(args.entity, args.ids);
  }

  /**
   * The decision log, newest first: all decisions, or those of one record, member, rule or entity.
   *
   * @example
   * ```ts
   * const [latest] = await crm.assignment.decisions({ recordId: lead.id });
   * latest.reason; // 'Rule "Northern leads" (round robin) assigned it to Ann Lee: ...'
   * ```
   */
  async decisions(query: DecisionQuery = {}): Promise<AssignmentDecision[]> {
    return listDecisions(this.#runtime.storage, this.#context.tenantId, query);
  }

  /**
   * One logged decision by id; NOT_FOUND when the tenant has none with it.
   *
   * @example
   * ```ts
   * const decision = await crm.assignment.decision(id);
   * ```
   */
  async decision(id: string): Promise<AssignmentDecision> {
    return loadDecision(this.#runtime.storage, this.#context.tenantId, id);
  }

  async #assignAll(entity: AssignableEntity, ids: readonly string[]): Promise<AssignmentDecision[]> {
    const { decisions, afterCommit } = await this.#runtime.storage.transaction(async (tx) => {
      const done: AssignmentDecision[] = [];
      const after: AfterCommit[] = [];
      for (const id of ids) {
        const assigned = await assignInTransaction({
          tx,
          runtime: this.#runtime,
          context: this.#context,
          entity,
          id,
        });
        done.push(assigned.decision);
        after.push(assigned.afterCommit);
      }
      return { decisions: done, afterCommit: after };
    });
    for (const after of afterCommit) after();
    return decisions;
  }

  async #setArchived(id: string, archived: boolean, version: number | undefined): Promise<AssignmentRule> {
    return this.#replace(id, version, (current, at) =>
      (current.archivedAt !== null) === archived
        ? current
        : {
            ...current,
            archivedAt: archived ? at : null,
            version: current.version + 1,
            updatedAt: at,
            updatedBy: this.#context.actor.id,
          },
    );
  }

  /** Reads, changes and writes a rule with its version checked, in one transaction, with its audit entry. */
  async #replace(
    id: string,
    expected: number | undefined,
    change: (current: AssignmentRule, at: string) => AssignmentRule,
  ): Promise<AssignmentRule> {
    const { tenantId } = this.#context;
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage.transaction(async (tx: StorageWriter) => {
      const current = await loadRule(tx, tenantId, id);
      if (expected !== undefined && current.version !== expected) throw versionConflict(current, expected);
      const draft = change(current, at);
      if (draft === current) return current;
      const next = await checkRule(tx, tenantId, this.#runtime.now(), draft);
      if (Object.keys(ruleChanges(current, next)).length === 0) return current;
      const {
        tenant_id: _tenant,
        id: _id,
        created_at: _created,
        created_by: _by,
        ...values
      } = ruleToRow(tenantId, next);
      const count = await tx.update({
        table: assignmentRulesTable.name,
        tenantId,
        id: current.id,
        expectedVersion: current.version,
        values,
      });
      if (count === 0) throw versionConflict({ ...current, version: current.version + 1 }, current.version);
      await journalRule(tx, this.#context, at, current, next);
      return next;
    });
  }
}
