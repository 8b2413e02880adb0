import { entityDef } from '../../entities/registry';
import { isRapportError } from '../../errors/rapport-error';
import type { Filter } from '../../filter/filter-types';
import type { CrmContext } from '../../records/context';
import { countRecords } from '../../records/read-records';
import type { CrmRuntime } from '../../records/runtime';
import type { StorageWriter } from '../../storage/adapter';
import type { Trigger } from '../rule';
import { recordEnrollment } from '../rules/enrollment';
import { conditionFilter } from './condition-filter';
import type { TriggerMatch } from './trigger-match';

/** What a trigger asks of the record beyond its event: the pipeline of a `dealStageChanged` trigger. */
export function triggerFilter(trigger: Trigger): Filter | undefined {
  if (trigger.kind !== 'dealStageChanged' || trigger.pipelineId === undefined) return undefined;
  return { field: 'pipelineId', op: 'eq', value: trigger.pipelineId };
}

/**
 * Whether a match's rule condition holds: change operators on the change that started it, the rest of
 * the condition with the filter language on the record as it is now, read in the caller's transaction
 * (`runtime` joined to it). A rule with no condition holds for every match; one with a condition holds
 * for no match without a record (a schedule), and for no deleted record (there is none to read).
 *
 * @example
 * ```ts
 * if (await conditionHolds(joined, context, match)) admitted.push(match);
 * ```
 */
export async function conditionHolds(
  runtime: CrmRuntime,
  context: CrmContext,
  match: TriggerMatch,
): Promise<boolean> {
  const condition = match.rule.condition;
  const narrowing = triggerFilter(match.rule.trigger);
  if (condition === null && narrowing === undefined) return true;
  if (match.entity === null || match.recordId === null) return false;
  const scope = { runtime, context, entity: entityDef(match.entity) };
  const parts: Filter[] = [{ field: 'id', op: 'eq', value: match.recordId }];
  if (condition !== null) parts.push(conditionFilter(condition, match.changes));
  if (narrowing !== undefined) parts.push(narrowing);
  const where: Filter = { all: parts };
  try {
    return (await countRecords(scope, { where, archived: 'include' })) > 0;
  } catch (error) {
    // A condition that no longer resolves (a custom field deleted since) holds for nothing, rather than
    // stopping every later event of the tenant; `explain` on the rule says what is wrong with it.
    if (isRapportError(error, 'INVALID_FILTER')) return false;
    throw error;
  }
}

/** Enrollment state to keep while admitting: the transaction's writer and the instant of the check. */
export interface EnrollmentWrite {
  readonly tx: StorageWriter;
  readonly at: string;
}

/**
 * The matches of active rules whose condition holds, in order. With `enrollment` (record and segment
 * triggers), each check is recorded as the rule's enrollment state of the record, and a match is admitted
 * only when the record newly matches (or the rule re-enrolls): HubSpot's re-enrollment rule.
 *
 * @example
 * ```ts
 * const admitted = await admitMatches(joined, context, matches, { tx, at });
 * ```
 */
export async function admitMatches(
  runtime: CrmRuntime,
  context: CrmContext,
  matches: readonly TriggerMatch[],
  enrollment?: EnrollmentWrite,
): Promise<TriggerMatch[]> {
  const admitted: TriggerMatch[] = [];
  for (const match of matches) {
    if (!match.rule.active || match.rule.archivedAt !== null) continue;
    const holds = await conditionHolds(runtime, context, match);
    const enrolls =
      enrollment === undefined || match.recordId === null
        ? holds
        : await recordEnrollment(
            enrollment.tx,
            context.tenantId,
            match.rule,
            match.recordId,
            holds,
            enrollment.at,
          );
    if (enrolls) admitted.push(match);
  }
  return admitted;
}
