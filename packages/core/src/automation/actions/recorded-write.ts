import { inOneTransaction } from '../../records/one-transaction';
import type { CrmRuntime } from '../../records/runtime';
import { effectsTableName } from './action-tables';
import type { ExecuteActionArgs } from './action-types';

/**
 * Runs a write inside the CRM (a task, an activity, an assignment) and records it under the job's
 * idempotency key in the same transaction: both commit or neither does, so a retried job that finds the
 * record skips the write. Inside the CRM this is exactly once.
 *
 * @example
 * ```ts
 * await recordedWrite(args, 'createTask', async (joined) => ({ taskId: (await tasksOf(joined).create(input)).id }));
 * ```
 */
export async function recordedWrite(
  args: ExecuteActionArgs,
  kind: 'createTask' | 'createActivity' | 'assign',
  write: (joined: CrmRuntime) => Promise<Readonly<Record<string, unknown>>>,
): Promise<{ readonly performed: boolean }> {
  const { context, idempotencyKey: id, rule, record } = args;
  const tenantId = context.tenantId;
  return inOneTransaction(args.runtime, async (joined) => {
    if ((await joined.storage.findById({ table: effectsTableName, tenantId, id })) !== undefined)
      return { performed: false };
    const detail = await write(joined);
    const at = joined.now().toISOString();
    await joined.storage.transaction((tx) =>
      tx.insert({
        table: effectsTableName,
        rows: [
          {
            tenant_id: tenantId,
            id,
            version: 1,
            kind,
            rule_id: rule.id,
            entity: record.entity,
            record_id: record.id,
            status: 'done',
            detail,
            created_at: at,
            updated_at: at,
          },
        ],
      }),
    );
    return { performed: true };
  });
}
