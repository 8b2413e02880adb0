import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import { evaluateCondition } from '../storage/evaluate-condition';
import type { Row } from '../storage/schema';
import { allOf, columnEquals } from './conditions';

/** True when `condition` or any part of it looks at related rows. */
function readsRelatedRows(condition: Condition): boolean {
  switch (condition.kind) {
    case 'related':
      return true;
    case 'and':
    case 'or':
      return condition.conditions.some(readsRelatedRows);
    case 'not':
      return readsRelatedRows(condition.condition);
    default:
      return false;
  }
}

/**
 * Whether a row just read lies inside an access scope. A scope over the row's own columns is evaluated in
 * memory at no cost; one that looks at related rows ("customers of my team's companies") asks the storage,
 * which holds those rows.
 *
 * @example
 * ```ts
 * if (!(await isRowInScope(storage, 'people', tenantId, row, scope))) return undefined;
 * ```
 */
export async function isRowInScope(
  reader: StorageReader,
  table: string,
  tenantId: string,
  row: Row,
  scope: Condition,
): Promise<boolean> {
  if (!readsRelatedRows(scope)) return evaluateCondition(scope, row);
  const where = allOf(columnEquals('id', row.id as string), scope);
  return (await reader.count({ table, tenantId, ...(where === undefined ? {} : { where }) })) > 0;
}
