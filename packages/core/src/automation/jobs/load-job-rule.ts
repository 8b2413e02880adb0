import type { StorageReader } from '../../storage/adapter';
import type { Rule } from '../rule';
import { rowToRule, rulesTableName } from '../rules/rule-tables';

/**
 * The rule a job runs, as stored now: a job reads its rule on every run, so an edit to a rule's later
 * actions reaches jobs that wait. Undefined when the rule is gone.
 *
 * @example
 * ```ts
 * const rule = await loadJobRule(runtime.storage, tenantId, job.ruleId);
 * ```
 */
export async function loadJobRule(
  reader: StorageReader,
  tenantId: string,
  ruleId: string,
): Promise<Rule | undefined> {
  const row = await reader.findById({ table: rulesTableName, tenantId, id: ruleId });
  return row === undefined ? undefined : rowToRule(row);
}
