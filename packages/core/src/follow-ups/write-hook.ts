import { entityDef } from '../entities/registry';
import { createRecordsInTransaction } from '../records/create-records';
import type { AfterCommit, WriteHook } from '../records/write-hooks';
import { loadSettings } from '../settings/settings-rows';
import { AssigneeResolver } from './assignee';
import type { FollowUpCadence } from './cadence';
import { loadCadences } from './cadence-table';
import { cadenceApplies, planFollowUpTasks } from './plan-tasks';
import { followUpTransitions } from './transitions';

/** The audit reason of the tasks a cadence creates. */
export function followUpReason(cadence: FollowUpCadence): string {
  return `follow-up cadence "${cadence.name}" (${cadence.id})`;
}

/**
 * Creates follow-up tasks in the transaction of the write that won a deal or fulfilled an order, for
 * every active cadence of that trigger (and order type). The tasks take the one write path inside the
 * same transaction (validation, access check, audit entries with the cadence as reason, outbox events),
 * so they commit or roll back with the win; their events are published after commit. Writes that make no
 * transition read nothing.
 *
 * @example
 * ```ts
 * const runtime: CrmRuntime = { ...rest, writeHooks: [followUpWriteHook] };
 * ```
 */
export const followUpWriteHook: WriteHook = async ({ tx, runtime, context, at, writes, isImport }) => {
  // Imported deals and orders were won or fulfilled elsewhere, long ago: nobody follows them up now.
  if (isImport === true) return undefined;
  const transitions = followUpTransitions(writes);
  if (transitions.length === 0) return undefined;
  const { tenantId } = context;
  const cadences = await loadCadences(tx, tenantId);
  const applying = cadences.filter((cadence) => transitions.some((item) => cadenceApplies(cadence, item)));
  if (applying.length === 0) return undefined;
  const { timeZone } = await loadSettings(tx, tenantId);
  const assignees = new AssigneeResolver(tx, tenantId);
  const scope = { runtime, context, entity: entityDef('task') };
  const afterCommit: AfterCommit[] = [];
  // One batch per cadence: its tasks share the audit reason that names the cadence.
  for (const cadence of applying) {
    const inputs: Record<string, unknown>[] = [];
    for (const transition of transitions) {
      if (!cadenceApplies(cadence, transition)) continue;
      const assigneeId = await assignees.assigneeOf(transition, cadence);
      inputs.push(...planFollowUpTasks({ transition, cadence, assigneeId, at, timeZone }));
    }
    const created = await createRecordsInTransaction(scope, tx, inputs, { reason: followUpReason(cadence) });
    afterCommit.push(created.afterCommit);
  }
  return () => {
    for (const after of afterCommit) after();
  };
};
