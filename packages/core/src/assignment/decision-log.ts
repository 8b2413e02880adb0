import { RapportError } from '../errors/rapport-error';
import { allOf, columnEquals } from '../records/conditions';
import type { StorageReader } from '../storage/adapter';
import type { AssignmentDecision } from './assignment-decision';
import { rowToDecision } from './assignment-decision';
import type { AssignableEntity } from './assignment-rule';
import { assignmentDecisionsTable } from './assignment-tables';

/** What `assignment.decisions` takes: every filter optional, combined with and. */
export interface DecisionQuery {
  readonly entity?: AssignableEntity;
  readonly recordId?: string;
  readonly memberId?: string;
  readonly ruleId?: string;
  /** 1 to 1,000; 100 by default. */
  readonly limit?: number;
}

const queryKeys = new Set(['entity', 'recordId', 'memberId', 'ruleId', 'limit']);

function checkQuery(query: DecisionQuery): void {
  const isObject = typeof query === 'object' && query !== null;
  const unknownKey = isObject ? Object.keys(query).find((key) => !queryKeys.has(key)) : undefined;
  if (!isObject || unknownKey !== undefined)
    throw new RapportError(
      'MISUSE',
      'assignment.decisions() takes { entity?, recordId?, memberId?, ruleId?, limit? }',
    );
  if (
    query.limit !== undefined &&
    !(Number.isInteger(query.limit) && query.limit >= 1 && query.limit <= 1_000)
  )
    throw new RapportError('MISUSE', 'limit is a whole number from 1 to 1,000');
}

/**
 * Logged decisions of a tenant, newest first: in the reverse of the order they were made.
 *
 * @example
 * ```ts
 * const decisions = await listDecisions(storage, tenantId, { memberId: 'ann', limit: 20 });
 * ```
 */
export async function listDecisions(
  reader: StorageReader,
  tenantId: string,
  query: DecisionQuery,
): Promise<AssignmentDecision[]> {
  checkQuery(query);
  const where = allOf(
    query.entity === undefined ? undefined : columnEquals('entity', query.entity),
    query.recordId === undefined ? undefined : columnEquals('record_id', query.recordId),
    query.memberId === undefined ? undefined : columnEquals('member_id', query.memberId),
    query.ruleId === undefined ? undefined : columnEquals('rule_id', query.ruleId),
  );
  const rows = await reader.findMany({
    table: assignmentDecisionsTable.name,
    tenantId,
    ...(where === undefined ? {} : { where }),
    orderBy: [
      { field: { operand: { kind: 'column', column: 'sequence' }, type: 'number' }, direction: 'desc' },
      { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'desc' },
    ],
    limit: query.limit ?? 100,
  });
  return rows.map(rowToDecision);
}

/**
 * One logged decision; NOT_FOUND when the tenant has none with the id.
 *
 * @example
 * ```ts
 * const decision = await loadDecision(storage, tenantId, id);
 * ```
 */
export async function loadDecision(
  reader: StorageReader,
  tenantId: string,
  id: unknown,
): Promise<AssignmentDecision> {
  const row =
    typeof id === 'string' && id.length > 0 && id.length <= 255
      ? await reader.findById({ table: assignmentDecisionsTable.name, tenantId, id })
      : undefined;
  if (row === undefined)
    throw new RapportError('NOT_FOUND', `No assignment decision with id ${String(id)}`, {
      details: { entity: 'assignmentDecision', id },
    });
  return rowToDecision(row);
}
