import { columnIn } from '../records/conditions';
import type { StorageReader } from '../storage/adapter';
import type { Row } from '../storage/schema';

const idBatch = 500;
const byId = [
  { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
] as const;

/**
 * The rows of one table with the given ids, in id order within each batch of 500; ids that match nothing
 * are left out.
 *
 * @example
 * ```ts
 * const people = await rowsById(tx, tenantId, 'people', ids);
 * ```
 */
export async function rowsById(
  reader: StorageReader,
  tenantId: string,
  table: string,
  ids: readonly string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < ids.length; start += idBatch) {
    const where = columnIn('id', ids.slice(start, start + idBatch));
    rows.push(...(await reader.findMany({ table, tenantId, where, orderBy: byId })));
  }
  return rows;
}
