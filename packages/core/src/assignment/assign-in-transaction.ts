import { entityDef } from '../entities/registry';
import { isRapportError, RapportError } from '../errors/rapport-error';
import type { FilterContext } from '../filter/filter-context';
import { resolveFilter } from '../filter/resolve-filter';
import { uuidv7 } from '../ids/uuidv7';
import { allOf, archivedIs, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { loadCurrent } from '../records/load-current';
import type { CrmRuntime } from '../records/runtime';
import { updateRecordInTransaction } from '../records/update-record';
import type { AfterCommit } from '../records/write-hooks';
import type { WriteScope } from '../records/write-scope';
import { loadSettings } from '../settings/settings-rows';
import type { StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';
import type { AssignmentDecision, RuleTrace } from './assignment-decision';
import { decisionToRow } from './assignment-decision';
import type { AssignableEntity, AssignmentRule } from './assignment-rule';
import { assignableEntities } from './assignment-rule';
import { assignmentDecisionsTable } from './assignment-tables';
import type { RulePick, RuleScope } from './decide-rule';
import { decideRule } from './decide-rule';
import { lockAssignments, storeSequence, storeTurns } from './rotation-state';
import { ruleFilterContext } from './rule-filter-context';
import { loadRules } from './rule-rows';

/** What {@link assignInTransaction} takes. */
export interface AssignInTransactionArgs {
  /** The caller's open transaction: the assignment commits or rolls back with the caller's writes. */
  readonly tx: StorageWriter;
  readonly runtime: CrmRuntime;
  /** The tenant and actor: the owner change is written (and access-checked) as this actor. */
  readonly context: CrmContext;
  readonly entity: AssignableEntity;
  /** The record to assign; it may have been created earlier in the same transaction. */
  readonly id: string;
}

/** What {@link assignInTransaction} returns. */
export interface AssignedInTransaction {
  readonly decision: AssignmentDecision;
  /** The record after the assignment (unchanged when no rule assigned it, or it already had that owner). */
  readonly record: Record<string, unknown>;
  /** Publishes the owner change's event: call it once the caller's transaction has committed. */
  readonly afterCommit: AfterCommit;
}

/** Checks what a developer passes: an entity assignment applies to. */
export function checkAssignableEntity(entity: unknown): asserts entity is AssignableEntity {
  if (!(assignableEntities as readonly unknown[]).includes(entity))
    throw new RapportError(
      'MISUSE',
      `Assignment applies to ${assignableEntities.join(', ')}; got ${String(entity)}`,
    );
}

/** Whether a rule's condition holds for the record, asked of the store exactly as `list({ where })` asks. */
async function conditionHolds(
  tx: StorageWriter,
  scope: AssignScope,
  rule: AssignmentRule,
  context: FilterContext,
): Promise<boolean | 'invalid'> {
  if (rule.condition === null) return true;
  let condition: ReturnType<typeof resolveFilter>;
  try {
    condition = resolveFilter(rule.condition, context);
  } catch (error) {
    if (isRapportError(error, 'INVALID_FILTER')) return 'invalid';
    throw error;
  }
  const where = allOf(columnEquals('id', scope.recordId), condition);
  return (
    (await tx.count({
      table: scope.entity.table,
      tenantId: scope.context.tenantId,
      ...(where ? { where } : {}),
    })) > 0
  );
}

type AssignScope = WriteScope & { readonly recordId: string };

function unassignedReason(entity: AssignableEntity, traces: readonly RuleTrace[]): string {
  if (traces.length === 0) return `No active assignment rule for ${entity}`;
  const words = {
    conditionFailed: 'did not match',
    conditionInvalid: 'has a condition that no longer resolves',
    noEligibleMember: 'had no eligible member',
    assigned: 'assigned',
  } as const;
  return `No rule assigned it: ${traces.map((trace) => `"${trace.name}" ${words[trace.outcome]}`).join('; ')}`;
}

/**
 * Assigns one record an owner by the tenant's rules, inside a transaction the caller holds: lead capture
 * calls it right after creating a lead, so that the lead and its owner commit together. It takes the
 * tenant's assignment turn (concurrent assignments of a tenant run one after the other from here to
 * commit), tries the entity's active rules in priority order, stores the rotation state the pick leaves,
 * logs the decision, and changes the record's owner through the one write path (validated,
 * access-checked, audited with the decision's reason, with its outbox event). When no rule assigns the
 * record, the decision says why and the record is left as it is. Throws NOT_FOUND when the caller may not
 * read the record. Call `afterCommit` once the transaction has committed.
 *
 * @example
 * ```ts
 * // Inside core (lead capture): create the lead and assign it in one transaction.
 * const { decision, afterCommit } = await runtime.storage.transaction(async (tx) => {
 *   const scope = { runtime, context, entity: entityDef('person') };
 *   const created = await createRecordsInTransaction(scope, tx, [{ firstName: 'Lee', lifecycleStage: 'lead' }]);
 *   const assigned = await assignInTransaction({ tx, runtime, context, entity: 'person', id: created.records[0].id });
 *   return { decision: assigned.decision, afterCommit: () => { created.afterCommit(); assigned.afterCommit(); } };
 * });
 * afterCommit();
 * ```
 */
export async function assignInTransaction(args: AssignInTransactionArgs): Promise<AssignedInTransaction> {
  const { tx, runtime, context, entity, id } = args;
  checkAssignableEntity(entity);
  const { tenantId } = context;
  const scope: AssignScope = { runtime, context, entity: entityDef(entity), recordId: id };
  const record = await loadCurrent(scope, tx, id);
  const now = runtime.now();
  const at = now.toISOString();
  const last = await lockAssignments(tx, tenantId, at);
  const sequence = (last ?? 0) + 1;
  const rules =
    last === undefined
      ? []
      : await loadRules(tx, tenantId, allOf(columnEquals('entity', entity), archivedIs(false)));
  const filterContext = await ruleFilterContext(tx, tenantId, entity, now, [
    ...rules.map((rule) => rule.condition),
    ...rules.flatMap((rule) => rule.match.map((criterion) => ({ field: criterion.field, op: 'isNotEmpty' }))),
  ]);
  const settings = await loadSettings(tx, tenantId);
  const row = (await tx.findById({ table: scope.entity.table, tenantId, id })) as Row;
  const ruleScope: RuleScope = {
    tx,
    tenantId,
    now,
    at,
    timeZone: settings.timeZone,
    defaultCurrency: settings.defaultCurrency,
    row,
    filterContext,
  };
  const traces: RuleTrace[] = [];
  let chosen: { rule: AssignmentRule; pick: RulePick } | undefined;
  for (const rule of rules) {
    const holds = await conditionHolds(tx, scope, rule, filterContext);
    if (holds !== true) {
      const outcome = holds === 'invalid' ? 'conditionInvalid' : 'conditionFailed';
      traces.push({ ruleId: rule.id, name: rule.name, priority: rule.priority, outcome, candidates: [] });
      continue;
    }
    const { trace, pick } = await decideRule(ruleScope, rule);
    traces.push(trace);
    if (pick !== undefined) {
      chosen = { rule, pick };
      break;
    }
  }
  const decision: AssignmentDecision = {
    id: uuidv7(),
    sequence: last === undefined ? 0 : sequence,
    at,
    entity,
    recordId: id,
    outcome: chosen === undefined ? 'unassigned' : 'assigned',
    ruleId: chosen?.rule.id ?? null,
    ruleName: chosen?.rule.name ?? null,
    strategy: chosen?.rule.strategy ?? null,
    memberId: chosen?.pick.member.id ?? null,
    previousOwnerId: (record.ownerId ?? null) as string | null,
    reason: chosen?.pick.why ?? unassignedReason(entity, traces),
    rules: traces,
    actorId: context.actor.id,
  };
  if (last !== undefined) await storeSequence(tx, tenantId, sequence);
  await tx.insert({ table: assignmentDecisionsTable.name, rows: [decisionToRow(tenantId, decision)] });
  if (chosen === undefined) return { decision, record, afterCommit: () => {} };
  const { pick, rule } = chosen;
  await storeTurns(tx, {
    tenantId,
    ruleId: rule.id,
    at,
    turns: pick.turns,
    chosen: pick.member.id,
    sequence,
    credits: pick.credits,
  });
  const updated = await updateRecordInTransaction(
    scope,
    tx,
    id,
    { ownerId: pick.member.id },
    { reason: `Assignment decision ${decision.id}: ${decision.reason}` },
  );
  return { decision, record: updated.record, afterCommit: updated.afterCommit };
}
